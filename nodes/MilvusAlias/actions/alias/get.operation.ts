import type { Operation } from '../operation';
import { describeAlias } from './aliasCalls';
import type { AliasInput } from './inputs';
import { aliasInput } from './inputs';

/** Get: where the alias points; a missing alias is the item's error (Milvus code 1600). */
export const get: Operation<AliasInput> = {
	value: 'get',
	name: 'Get',
	action: 'Get the collection an alias points at',
	description: 'Get the collection an alias points at. Fails if the alias does not exist.',
	...aliasInput,
	changesAliases: false,
	execute: async (ctx, item) => {
		const current = await describeAlias(ctx, item, item.aliasName);
		if (!current.found) throw current.error;
		return [{ aliasName: item.aliasName, ...current.target }];
	},
};
