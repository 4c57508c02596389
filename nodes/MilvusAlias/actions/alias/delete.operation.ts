import type { Operation } from '../operation';
import { callMilvus, databaseField, resolvedDatabase } from './aliasCalls';
import type { AliasInput } from './inputs';
import { aliasInput } from './inputs';

/** Delete: Milvus's drop is idempotent, so an alias that is already gone is not an error. */
export const deleteAlias: Operation<AliasInput> = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete an alias but keep its collection',
	description:
		'Delete an alias; the collection it pointed at is kept, but searches on the alias fail from then on. Succeeds if the alias does not exist.',
	...aliasInput,
	changesAliases: true,
	execute: async (ctx, item) => {
		await callMilvus(ctx, 'aliases/drop', { ...databaseField(item), aliasName: item.aliasName });
		return [{ deleted: true, aliasName: item.aliasName, dbName: resolvedDatabase(item) }];
	},
	changeOf: (output) => ({
		aliasName: String(output.aliasName),
		dbName: String(output.dbName),
		from: undefined,
		to: null,
	}),
};
