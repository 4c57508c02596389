import type { AliasOperation } from '../types';
import { ensureCollectionLoaded, pointAlias, resolvedDatabase } from './common';

/**
 * Create: Milvus's create is idempotent for the same target and fails with 1602 when the
 * alias points elsewhere, which is the item's error (Update or Create or Update repoint).
 */
export const createAlias: AliasOperation = async (ctx, item) => {
	if (item.requireLoaded) await ensureCollectionLoaded(ctx, item);
	await pointAlias(ctx, item, 'aliases/create');
	return [
		{
			aliasName: item.aliasName,
			collectionName: item.collectionName,
			dbName: resolvedDatabase(item),
		},
	];
};
