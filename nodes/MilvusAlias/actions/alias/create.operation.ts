import type { Operation } from '../operation';
import { collectionPointedAt, prefetchAliasNames } from './aliasAsCollection';
import { describeAlias, pointAlias, resolvedDatabase } from './aliasCalls';
import type { PointingInput } from './inputs';
import { pointingInput } from './inputs';
import { checkLoadBeforePointing, nothingWaited } from './loadCheck';
import { undoRunChanges } from './undo';

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
	undoRun: undoRunChanges,
	execute: async (ctx, item) => {
		prefetchAliasNames(ctx, item);
		// Milvus's create does not say whether it created or found the alias already there; when
		// the run may have to undo it (All or Nothing), it asks first, so an undo never deletes
		// an alias this run did not make.
		let from: string | null = null;
		if (ctx.undoable) {
			const current = await describeAlias(ctx, item, item.aliasName);
			if (current.found && current.target.collectionName === item.collectionName) {
				return [{ aliasName: item.aliasName, ...current.target, ...nothingWaited(item) }];
			}
			if (current.found) from = current.target.collectionName;
		}
		const waited = await checkLoadBeforePointing(ctx, item);
		await pointAlias(ctx, item, 'aliases/create', from);
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
