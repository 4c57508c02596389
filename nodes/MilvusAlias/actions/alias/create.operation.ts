import type { Operation } from '../operation';
import { collectionPointedAt, prefetchAliasNames } from './aliasAsCollection';
import { pointAlias, resolvedDatabase } from './aliasCalls';
import type { PointingInput } from './inputs';
import { pointingInput } from './inputs';
import { checkLoadBeforePointing } from './loadCheck';

/**
 * Create: Milvus's create is idempotent for the same target and fails with 1602 when the
 * alias points elsewhere, which is the item's error (Update or Create or Update repoint).
 */
export const create: Operation<PointingInput> = {
	value: 'create',
	name: 'Create',
	action: 'Create a new alias; never moves an existing one',
	description:
		'Create an alias that points at a collection, so searches on the alias reach it. Succeeds if it already points there; fails if it points at another collection (Update or Create or Update repoint it).',
	...pointingInput,
	changesAliases: true,
	execute: async (ctx, item) => {
		prefetchAliasNames(ctx, item);
		const waited = await checkLoadBeforePointing(ctx, item);
		await pointAlias(ctx, item, 'aliases/create');
		return [
			{
				aliasName: item.aliasName,
				collectionName: await collectionPointedAt(ctx, item),
				dbName: resolvedDatabase(item),
				...waited,
			},
		];
	},
	// A create succeeds only where the alias pointed nowhere else: Milvus made it, or (its create
	// is idempotent, and it does not say which) it already pointed there and nothing changed.
	// Asking first would cost a round trip before every create, so `from` is null, as for a new alias.
	changeOf: (output) => ({
		aliasName: String(output.aliasName),
		dbName: String(output.dbName),
		from: null,
		to: String(output.collectionName),
	}),
};
