/**
 * An alias given as the Collection. Up to Milvus 2.6.11 the server refuses it (code 100); from
 * 2.6.12 the proxy resolves it to that alias's collection on create, alter and list
 * (internal/proxy/task_alias.go), so the collection the server really used can differ from the
 * name the user gave. Outputs report what the server did, so after a successful change the node
 * checks whether the name given was an alias, and if so asks where the alias really points.
 *
 * The check costs one `aliases/list` per database per execution (shared by all its items, and
 * only after a first change succeeded), plus one describe for each item that really gave an
 * alias: a bulk run of creates stays one request per item.
 */
import type { AliasItem, OperationContext } from '../types';
import { databaseField, describeAlias, resolvedDatabase } from './common';

/**
 * The alias names of each database, listed once per execution by the first item that needs
 * them (within that item's time limit) and shared by the others.
 */
export class AliasNames {
	private readonly byDatabase = new Map<string, Promise<ReadonlySet<string>>>();

	/**
	 * Whether `name` is an alias in the item's database. A list that fails counts as "no": the
	 * change already succeeded, and the name given is then the best report there is.
	 */
	async includes(ctx: OperationContext, item: AliasItem, name: string): Promise<boolean> {
		const key = resolvedDatabase(item);
		let names = this.byDatabase.get(key);
		if (!names) {
			names = listAliasNames(ctx, item);
			this.byDatabase.set(key, names);
		}
		return (await names).has(name);
	}
}

async function listAliasNames(
	ctx: OperationContext,
	item: AliasItem,
): Promise<ReadonlySet<string>> {
	const outcome = await ctx.milvus.attempt('aliases/list', databaseField(item));
	const data = outcome.ok ? outcome.data : undefined;
	return new Set(Array.isArray(data) ? data.filter((name) => typeof name === 'string') : []);
}

/**
 * After the item's alias was pointed at `item.collectionName`: the collection it really points
 * at. The same name unless that name is an alias (which only Milvus 2.6.12+ accepts); then
 * where the item's alias points now.
 */
export async function collectionPointedAt(ctx: OperationContext, item: AliasItem): Promise<string> {
	return await resolvedCollection(ctx, item, item.aliasName);
}

/**
 * Get Many's collection filter, as the server applied it: 2.6.12+ lists the aliases of the
 * filter alias's collection, so that collection is what the listed aliases point at.
 */
export async function filterCollection(ctx: OperationContext, item: AliasItem): Promise<string> {
	return await resolvedCollection(ctx, item, item.collectionName);
}

async function resolvedCollection(
	ctx: OperationContext,
	item: AliasItem,
	describeName: string,
): Promise<string> {
	if (!(await ctx.aliasNames.includes(ctx, item, item.collectionName))) return item.collectionName;
	// The change itself succeeded: a lookup that fails must not turn it into a failed item, so
	// the name given is then the best report there is.
	const now = await describeAlias(ctx, item, describeName).catch(() => undefined);
	return now?.found ? now.target.collectionName : item.collectionName;
}
