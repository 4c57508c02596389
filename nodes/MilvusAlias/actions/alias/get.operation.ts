import type { AliasOperation } from '../types';
import { describeAlias } from './common';

/** Get: where the alias points; a missing alias is the item's error (Milvus code 1600). */
export const getAlias: AliasOperation = async (ctx, item) => {
	const current = await describeAlias(ctx, item);
	if (!current.found) throw current.error;
	return [{ aliasName: item.aliasName, ...current.target }];
};
