import type { AliasOperation } from '../types';
import { callMilvus, databaseField, resolvedDatabase } from './common';

/** Delete: Milvus's drop is idempotent, so an alias that is already gone is not an error. */
export const deleteAlias: AliasOperation = async (ctx, item) => {
	await callMilvus(ctx, 'aliases/drop', { ...databaseField(item), aliasName: item.aliasName });
	return [{ deleted: true, aliasName: item.aliasName, dbName: resolvedDatabase(item) }];
};
