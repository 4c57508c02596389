import type { INodeProperties } from 'n8n-workflow';

import { MILVUS_NAME_PATTERN, NAME_RULE } from '../../helpers/validation';
import { optionsCollection, requireLoadedOption, waitForLoadOption } from '../options';

/**
 * The fields operations share, as building blocks: each operation lists the ones it shows, in
 * the order users fill them (Alias Name, Collection, then the optional Database Name), and the
 * index adds when each is shown.
 */

/** Milvus's name rule, allowing the spaces around a name that the node trims. */
const NAME_PATTERN_FOR_EDITOR = `^\\s*${MILVUS_NAME_PATTERN.source.slice(1, -1)}\\s*$`;
const NAME_RULE_HINT = `A name must ${NAME_RULE}`;

export const databaseNameField: INodeProperties = {
	displayName: 'Database Name',
	name: 'dbName',
	type: 'string',
	default: '',
	placeholder: 'e.g. default',
	description:
		"Database that holds the alias and its collection. Leave empty for the server's default database (and on Zilliz Cloud Serverless, which has no databases).",
	builderHint: {
		propertyHint:
			'Leave empty unless the user names a database other than the default one. Must stay empty for Zilliz Cloud Serverless and Free clusters, which have no databases.',
	},
};

export const aliasNameField: INodeProperties = {
	displayName: 'Alias Name',
	name: 'aliasName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. products',
	description: `Name of the alias that searches use instead of a collection name. ${NAME_RULE_HINT}.`,
	builderHint: {
		propertyHint: `The stable name that searches, vector store nodes and applications use instead of a collection name, e.g. "products" while the collections are "products_v1" and "products_v2". ${NAME_RULE_HINT}.`,
	},
};

/** The Collection resource locator: a searchable list of the server's collections, or a name. */
export function collectionLocator(settings: {
	required: boolean;
	description: string;
	listPlaceholder: string;
}): INodeProperties {
	const nameRegex = settings.required ? NAME_PATTERN_FOR_EDITOR : `(${NAME_PATTERN_FOR_EDITOR})|^$`;
	return {
		displayName: 'Collection',
		name: 'collectionName',
		type: 'resourceLocator',
		required: settings.required,
		default: { mode: 'list', value: '' },
		description: settings.description,
		builderHint: {
			propertyHint:
				'A collection name, e.g. "products_v2": in a re-index workflow the collection an earlier node just built and loaded. Set it in the "name" mode (a fixed name or an expression from an earlier node); the "list" mode is for picking by hand in the editor.',
		},
		// The editor resolves an expression Database Name from its sample data when it can;
		// when it cannot, the picker has no database to ask for and lists the default one.
		hint: 'From List shows the collections of the Database Name; when that is an expression the editor cannot resolve, those of the default database',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: settings.listPlaceholder,
				typeOptions: { searchListMethod: 'searchCollections', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. products_v2',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: nameRegex,
							errorMessage: `Not a valid collection name. ${NAME_RULE_HINT}.`,
						},
					},
				],
			},
		],
	};
}

/** The target of create, upsert and update. */
export const targetCollectionField = collectionLocator({
	required: true,
	description:
		'Collection the alias should point at: once it does, every search on the alias goes to this collection',
	listPlaceholder: 'Select a collection...',
});

/** The fields of the operations that point an alias at a collection (create, upsert, update). */
export const pointingFields: INodeProperties[] = [
	aliasNameField,
	targetCollectionField,
	databaseNameField,
	optionsCollection([requireLoadedOption, waitForLoadOption]),
];
