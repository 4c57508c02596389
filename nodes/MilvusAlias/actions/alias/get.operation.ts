import type { AliasOperation } from '../operation';
import { describeAlias } from './aliasCalls';
import { aliasInput } from './inputs';

/** Get: where the alias points; a missing alias is the item's error (Milvus code 1600). */
export const get: AliasOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get the collection an alias points at',
	description: 'Get the collection an alias points at. Fails if the alias does not exist.',
	...aliasInput,
	execute: async (ctx, item) => {
		const current = await describeAlias(ctx, item);
		if (!current.found) throw current.error;
		return [{ aliasName: item.aliasName, ...current.target }];
	},
};
