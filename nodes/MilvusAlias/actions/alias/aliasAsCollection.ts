/**
 * An alias given as the Collection. Up to Milvus 2.6.11 the server refuses it (code 100); from
 * 2.6.12 the proxy resolves it to that alias's collection on create, alter and list
 * (internal/proxy/task_alias.go), so the collection the server really used can differ from the
 * name the user gave. Outputs report what the server did, so the node must know whether the
 * name given is an alias, and if so where it points.
 *
 * It learns that without a wait of its own: one `aliases/list` per database per execution,
 * started together with the first request of the first item that may need it and shared by all
 * items, combined with what this execution itself changed (an alias made or moved earlier in
 * the run counts). A describe is sent only when that shows the name is an alias whose
 * collection the run does not know, or when the list failed (it is then listed again for the
 * next item that needs it).
 */
import type { OperationContext } from '../operation';
import type { RunMemoryKey } from '../runMemory';
import type { AliasPointing, InDatabase } from './aliasCalls';
import { databaseField, describeAlias, resolvedDatabase } from './aliasCalls';

/** What a name is in a database, as far as this execution knows. */
type NameKnowledge =
	| { alias: false }
	/** `collection` undefined: an alias, but where it points is not known. */
	| { alias: true; collection?: string }
	/** The list failed: nothing is known. */
	| undefined;

const keyOf = (database: InDatabase, name: string) => `${resolvedDatabase(database)}\u0000${name}`;

/** The alias names of each database, listed once per execution, and this execution's own changes. */
class AliasNames {
	private readonly listed = new Map<string, Promise<ReadonlySet<string> | undefined>>();
	/**
	 * Per database and alias: where this run last pointed it (undefined: it could not learn
	 * where). Only pointing counts: a node runs one operation, so no item of a Delete run gives
	 * a Collection.
	 */
	private readonly pointed = new Map<string, string | undefined>();

	/**
	 * Starts listing the item's database, unless that is done or under way, so the answer is
	 * there by the time the item's change is: called right before the item's first request.
	 */
	prefetch(ctx: OperationContext, database: InDatabase): void {
		void this.listing(ctx, database);
	}

	/** This run pointed `aliasName` at `collection` (undefined: it could not learn where). */
	recordPointed(database: InDatabase, aliasName: string, collection: string | undefined): void {
		this.pointed.set(keyOf(database, aliasName), collection);
	}

	/** Whether `name` is an alias in the item's database, and where it points when known. */
	async knowledgeOf(
		ctx: OperationContext,
		database: InDatabase,
		name: string,
	): Promise<NameKnowledge> {
		const key = keyOf(database, name);
		const names = this.pointed.has(key) ? undefined : await this.listing(ctx, database);
		// Read after the list settled: a change this run made meanwhile is newer than the list.
		if (this.pointed.has(key)) return { alias: true, collection: this.pointed.get(key) };
		if (!names) return undefined;
		return { alias: names.has(name) };
	}

	private listing(
		ctx: OperationContext,
		database: InDatabase,
	): Promise<ReadonlySet<string> | undefined> {
		const name = resolvedDatabase(database);
		const known = this.listed.get(name);
		if (known) return known;
		const names = listAliasNames(ctx, database).then((result) => {
			// A failed list is not "no aliases": the next item that needs it lists again.
			if (!result && this.listed.get(name) === names) this.listed.delete(name);
			return result;
		});
		this.listed.set(name, names);
		return names;
	}
}

/** One AliasNames per execution, shared by its items. */
const ALIAS_NAMES: RunMemoryKey<AliasNames> = { create: () => new AliasNames() };

const aliasNamesOf = (ctx: OperationContext) => ctx.run.get(ALIAS_NAMES);

/**
 * Starts listing the database's alias names unless that is done or under way, so the answer
 * is there by the time the item's change is: called right before the item's first request.
 */
export function prefetchAliasNames(ctx: OperationContext, database: InDatabase): void {
	aliasNamesOf(ctx).prefetch(ctx, database);
}

/** The database's alias names, or undefined when the list failed (never throws). */
async function listAliasNames(
	ctx: OperationContext,
	database: InDatabase,
): Promise<ReadonlySet<string> | undefined> {
	const outcome = await ctx.milvus
		.attempt('aliases/list', databaseField(database))
		.catch(() => undefined);
	if (!outcome?.ok || !Array.isArray(outcome.data)) return undefined;
	return new Set(outcome.data.filter((name): name is string => typeof name === 'string'));
}

/**
 * After the item's alias was pointed at `item.collectionName`: the collection it really points
 * at, remembered for the rest of the run. The same name unless that name is an alias (which
 * only Milvus 2.6.12+ accepts), else where the item's alias points now.
 */
export async function collectionPointedAt(
	ctx: OperationContext,
	item: AliasPointing,
): Promise<string> {
	const collection = await resolvedCollection(ctx, item, item.collectionName, item.aliasName);
	aliasNamesOf(ctx).recordPointed(item, item.aliasName, collection);
	return collection ?? item.collectionName;
}

/**
 * Get Many's collection filter, as the server applied it: 2.6.12+ lists the aliases of the
 * filter alias's collection, so that collection is what the listed aliases point at.
 */
export async function filterCollection(
	ctx: OperationContext,
	database: InDatabase,
	filter: string,
): Promise<string> {
	return (await resolvedCollection(ctx, database, filter, filter)) ?? filter;
}

/**
 * The collection `name` stands for; undefined when that cannot be learned. When the name is an
 * alias the run cannot place (or the list failed), `describeName` is described: an alias that
 * now points where the name led (a 1600 for the filter means it is a collection).
 */
async function resolvedCollection(
	ctx: OperationContext,
	database: InDatabase,
	name: string,
	describeName: string,
): Promise<string | undefined> {
	const knowledge = await aliasNamesOf(ctx).knowledgeOf(ctx, database, name);
	if (knowledge && !knowledge.alias) return name;
	if (knowledge?.collection !== undefined) return knowledge.collection;
	// The change itself succeeded: a lookup that fails must not turn it into a failed item.
	const now = await describeAlias(ctx, database, describeName).catch(() => undefined);
	if (now?.found) return now.target.collectionName;
	// Described the filter and it is no alias: it is the collection itself.
	return now && describeName === name ? name : undefined;
}
