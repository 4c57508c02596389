/**
 * The node's description as n8n's editor reads it: which fields each operation shows, in which
 * order (n8n-workflow's own display rules), and the subtitle, which n8n's lint wants written
 * out in the node while the operations' index derives it.
 */
import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { aliasOperationList, aliasSubtitle } from '../nodes/MilvusAlias/actions/alias';
import { MilvusAlias } from '../nodes/MilvusAlias/MilvusAlias.node';

const description = new MilvusAlias().description;

/** The operations whose fields include a top-level field of this name, from the list itself. */
const operationsWith = (fieldName: string) =>
	aliasOperationList
		.filter(({ fields }) => fields.some((field) => field.name === fieldName))
		.map(({ value }) => value);
/** Operations that point an alias at a collection (they have the Collection target). */
const POINTING = operationsWith('collectionName');
/** Operations on one alias that point it nowhere (Delete, Get). */
const ON_ONE_ALIAS = operationsWith('aliasName').filter((value) => !POINTING.includes(value));
const ALL = aliasOperationList.map(({ value }) => value);

/** The top-level fields the editor shows for an operation, in order, by display name. */
function shownFields(operation: string, values: INodeParameters = {}): string[] {
	const nodeValues = { resource: 'alias', operation, returnAll: false, ...values };
	return description.properties
		.filter((property: INodeProperties) =>
			NodeHelpers.displayParameter(nodeValues, property, { typeVersion: 1 }, description),
		)
		.map((property) => property.displayName);
}

test("the node's subtitle is the one the operations' index derives", () => {
	// On a mismatch, the line to paste into MilvusAlias.node.ts, written as the source writes it.
	const literal = `'${aliasSubtitle.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
	expect({ subtitle: description.subtitle === aliasSubtitle ? 'as derived' : literal }).toEqual({
		subtitle: 'as derived',
	});
});

test('every kind of operation is still in the list, so the tests below test something', () => {
	for (const kind of [POINTING, ON_ONE_ALIAS, ALL]) expect(kind.length).toBeGreaterThan(0);
});

test.each(POINTING)(
	'%s shows the fields users fill first: Alias Name, Collection, then Database Name',
	(operation) => {
		expect(shownFields(operation)).toEqual([
			'Resource',
			'Operation',
			'Alias Name',
			'Collection',
			'Database Name',
			'Options',
		]);
	},
);

test.each(ON_ONE_ALIAS)('%s shows Alias Name, then Database Name', (operation) => {
	expect(shownFields(operation)).toEqual([
		'Resource',
		'Operation',
		'Alias Name',
		'Database Name',
		'Options',
	]);
});

test("Get Many has no top-level Collection: its optional filter is in Filters, so Create's target never carries over as a filter", () => {
	expect(shownFields('getAll')).toEqual([
		'Resource',
		'Operation',
		'Database Name',
		'Return All',
		'Limit',
		'Filters',
		'Options',
	]);
	expect(shownFields('getAll', { returnAll: true })).not.toContain('Limit');
	const filters = description.properties.find((property) => property.name === 'filters');
	expect(filters?.options?.map((option) => (option as INodeProperties).name)).toEqual([
		'collectionName',
	]);
	const collectionFields = description.properties.filter(
		(property) => property.name === 'collectionName',
	);
	expect(collectionFields.flatMap((field) => field.displayOptions?.show?.operation)).toEqual(
		POINTING,
	);
});

test('Require Loaded Collection is offered only where an alias is pointed at a collection', () => {
	const optionNames = (operation: string) =>
		description.properties
			.filter(
				(property) =>
					property.name === 'options' &&
					NodeHelpers.displayParameter(
						{ resource: 'alias', operation },
						property,
						{ typeVersion: 1 },
						description,
					),
			)
			.flatMap((property) => property.options ?? [])
			.map((option) => (option as INodeProperties).name);
	for (const operation of POINTING) {
		expect(optionNames(operation)).toContain('requireLoaded');
	}
	for (const operation of ALL.filter((value) => !POINTING.includes(value))) {
		expect(optionNames(operation)).not.toContain('requireLoaded');
		expect(optionNames(operation)).toContain('concurrency');
	}
});

test('the operation list holds every operation once, by name', () => {
	const operation = description.properties.find((property) => property.name === 'operation');
	const byName = [...aliasOperationList].sort((a, b) => a.name.localeCompare(b.name));
	expect(operation?.options?.map((option) => (option as { value: string }).value)).toEqual(
		byName.map(({ value }) => value),
	);
	expect(operation?.default).toBe(ALL[0]);
});

test('All or Nothing is offered exactly where an operation changes aliases', () => {
	const optionsOf = (value: string) =>
		description.properties
			.filter(
				(property) =>
					property.name === 'options' && property.displayOptions?.show?.operation?.includes(value),
			)
			.flatMap((property) => (property.options ?? []) as INodeProperties[]);
	for (const operation of aliasOperationList) {
		const names = optionsOf(operation.value).map((option) => option.displayName);
		expect({ operation: operation.value, offered: names.includes('All or Nothing') }).toEqual({
			operation: operation.value,
			offered: operation.changesAliases,
		});
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	}
	expect(aliasOperationList.filter((operation) => operation.changesAliases).length).toBeGreaterThan(
		0,
	);
});
