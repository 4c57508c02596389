import type { AliasOperation } from '../types';
import { describeAlias, ensureCollectionLoaded, pointAlias } from './common';

/**
 * Update: repoint an existing alias (Milvus alter never creates). The describe before it
 * reports where the alias pointed, so the next node can drop or archive that collection.
 */
export const updateAlias: AliasOperation = async (ctx, item) => {
	const current = await describeAlias(ctx, item);
	if (!current.found) throw current.error;
	const previousCollectionName = current.target.collectionName;
	if (previousCollectionName !== item.collectionName) {
		if (item.requireLoaded) await ensureCollectionLoaded(ctx, item);
		await pointAlias(ctx, item, 'aliases/alter');
	}
	return [
		{
			aliasName: item.aliasName,
			collectionName: item.collectionName,
			dbName: current.target.dbName,
			previousCollectionName,
		},
	];
};
