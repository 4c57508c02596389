import type { IDataObject } from 'n8n-workflow';

import { runScheduled } from '../../helpers/scheduler';
import type { AliasOperation } from '../types';
import { callMilvus, databaseField, describeAlias, resolvedDatabase } from './common';

/**
 * Get Many: Milvus lists names only, in no guaranteed order. Names are sorted (stable output
 * for diffs and tests) and cut to the limit before any describe, so no target is looked up
 * that will not be returned. With a collection filter the target is known without describes.
 */
export const getAllAliases: AliasOperation = async (ctx, item) => {
	const filter = item.collectionName;
	const listed = await callMilvus(ctx, 'aliases/list', {
		...databaseField(item),
		...(filter ? { collectionName: filter } : {}),
	});
	const names = (Array.isArray(listed) ? listed.map(String) : []).sort();
	const selected = item.returnAll ? names : names.slice(0, item.limit);
	const dbName = resolvedDatabase(item);
	if (filter) return selected.map((aliasName) => ({ aliasName, collectionName: filter, dbName }));

	const described = await runScheduled(
		selected.map((aliasName) => ({
			key: undefined,
			run: async () => await describeAlias(ctx, item, aliasName),
		})),
		ctx.concurrency,
		false,
	);
	const aliases: IDataObject[] = [];
	described.forEach((outcome, index) => {
		if (outcome.status === 'rejected') throw outcome.reason;
		// An alias dropped between list and describe is simply no longer there.
		if (outcome.status === 'fulfilled' && outcome.value.found) {
			aliases.push({ aliasName: selected[index], ...outcome.value.target });
		}
	});
	return aliases;
};
