import type { Operation } from '../operation';
import { describeAlias, dropAlias, resolvedDatabase } from './aliasCalls';
import type { AliasInput } from './inputs';
import { aliasInput } from './inputs';
import { undoRunChanges } from './undo';

/** Delete: Milvus's drop is idempotent, so an alias that is already gone is not an error. */
export const deleteAlias: Operation<AliasInput> = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete an alias but keep its collection',
	description:
		'Delete an alias; the collection it pointed at is kept, but searches on the alias fail from then on. Succeeds if the alias does not exist.',
	...aliasInput,
	changesAliases: true,
	undoRun: undoRunChanges,
	execute: async (ctx, item) => {
		// Undoing a delete means creating the alias again where it pointed: only All or Nothing
		// needs to know that, and pays the describe for it.
		const current = ctx.undoable ? await describeAlias(ctx, item, item.aliasName) : undefined;
		await dropAlias(ctx, item, current?.found ? current.target.collectionName : undefined);
		return [{ deleted: true, aliasName: item.aliasName, dbName: resolvedDatabase(item) }];
	},
	changeOf: (output) => ({
		aliasName: String(output.aliasName),
		dbName: String(output.dbName),
		from: undefined,
		to: null,
	}),
};
