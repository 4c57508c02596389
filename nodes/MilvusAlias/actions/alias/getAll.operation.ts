import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../options';
import { runScheduled } from '../../helpers/scheduler';
import type { Operation, OperationContext } from '../operation';
import type { InDatabase } from './aliasCalls';
import { filterCollection, prefetchAliasNames } from './aliasAsCollection';
import { callMilvus, databaseField, describeAlias, resolvedDatabase } from './aliasCalls';
import { collectionLocator, databaseNameField } from './fields';

/** Get Many's input: a database, an optional collection filter ('' = none) and how many. */
interface ListInput extends InDatabase {
	collectionFilter: string;
	returnAll: boolean;
	/** Unused when returnAll. */
	limit: number;
}

/**
 * Milvus lists names only, in no guaranteed order. Names are sorted (stable output for diffs
 * and tests) and cut to the limit before any describe, so no target is looked up that will not
 * be returned. With a collection filter the target is known without describes (the run's
 * alias-name lookup, sent alongside the list, tells whether the filter is itself an alias,
 * which Milvus 2.6.12+ resolves).
 */
async function getAllAliases(ctx: OperationContext, item: ListInput): Promise<IDataObject[]> {
	const filter = item.collectionFilter;
	// Whether the filter is an alias (2.6.12+ resolves it) is learned alongside the list.
	if (filter) prefetchAliasNames(ctx, item);
	const listed = await callMilvus(ctx, 'aliases/list', {
		...databaseField(item),
		...(filter ? { collectionName: filter } : {}),
	});
	const names = (Array.isArray(listed) ? listed.map(String) : []).sort();
	const selected = item.returnAll ? names : names.slice(0, item.limit);
	const dbName = resolvedDatabase(item);
	if (filter) {
		if (selected.length === 0) return [];
		const collectionName = await filterCollection(ctx, item, filter);
		return selected.map((aliasName) => ({ aliasName, collectionName, dbName }));
	}

	const described = await runScheduled(
		selected.map((aliasName) => ({
			key: undefined,
			run: async () => await describeAlias(ctx, item, aliasName),
		})),
		ctx.concurrency,
		false,
	);
	const aliases: IDataObject[] = [];
	described.forEach((outcome, index) => {
		if (outcome.status === 'rejected') throw outcome.reason;
		// An alias dropped between list and describe is simply no longer there.
		if (outcome.status === 'fulfilled' && outcome.value.found) {
			aliases.push({ aliasName: selected[index], ...outcome.value.target });
		}
	});
	return aliases;
}

const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** Get Many: the aliases of a database, optionally only those of one collection. */
export const getAll: Operation<ListInput> = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many aliases with their collections',
	description:
		'List the aliases of a database, optionally only those of one collection, each with the collection it points at',
	fields: [
		databaseNameField,
		returnAllField,
		limitField,
		{
			// A collection of its own, not a top-level `collectionName`: n8n keeps a parameter's
			// value across operations that share its name, and Create's target must not become a
			// filter when the node is switched to Get Many.
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add filter',
			default: {},
			options: [
				collectionLocator({
					required: false,
					description: 'Only list the aliases of this collection',
					listPlaceholder: 'Select a collection...',
				}),
			],
		},
		optionsCollection(),
	],
	changesAliases: false,
	read: (reader) => {
		const returnAll = reader.boolean('returnAll', 'Return All', false);
		return {
			dbName: reader.database(),
			collectionFilter: reader.collection('filters.collectionName', 'Filters › Collection', false),
			returnAll,
			limit: returnAll
				? 0
				: reader.wholeNumber('limit', 'Limit', limitField.default as number, { min: 1 }),
		};
	},
	subject: ({ collectionFilter, dbName }) => ({ collectionName: collectionFilter, dbName }),
	// Get Many only reads: its items need no order.
	orderKey: () => undefined,
	execute: getAllAliases,
};
