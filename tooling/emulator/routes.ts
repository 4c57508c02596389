// Route handlers: what Milvus's proxy and rootcoord answer for each REST v2 endpoint
// (internal/distributed/proxy/httpserver/handler_v2.go, internal/proxy/task_alias.go,
// internal/rootcoord/meta_table.go, internal/rootcoord/drop_collection_task.go), per version profile.
import type { BoundRequest, StructName } from './binding';
import { fail, validateName } from './names';
import type { Failure } from './names';
import type { ProfileBehaviour } from './profiles';
import { normalizeCollectionOptions, pollLoadState } from './state';
import type { Database, StoredCollection } from './state';

export interface Success {
	data: unknown;
	/** Some handlers add an empty `message` to their success body. */
	message?: string;
	error?: undefined;
}

export type RouteResult = Success | Failure;

/** What a handler sees besides its request. */
export interface RouteContext {
	/** The database the request resolved to, undefined when it does not exist. */
	db: Database | undefined;
	/** Its name, as Milvus writes it into messages. */
	dbName: string;
	behaviour: ProfileBehaviour;
	now: number;
	/** get_load_state polls a load started by collections/load answers Loading (setLoadAfterPolls). */
	loadAfterPolls: number;
}

export interface Route {
	struct: StructName;
	handler(ctx: RouteContext, req: BoundRequest): RouteResult;
}

function dbNotFound(dbName: string): Failure {
	return fail(800, `database not found[database=${dbName}]`);
}

function collectionNotFound(dbName: string, collection: string): Failure {
	return fail(100, `collection not found[database=${dbName}][collection=${collection}]`);
}

/** The collection a name stands for: its own, or an alias's (the proxy's meta cache accepts both). */
function lookUpCollection(
	db: Database,
	name: string,
): { name: string; collection: StoredCollection } | undefined {
	const resolved = db.collections.has(name) ? name : db.aliases.get(name);
	const collection = resolved === undefined ? undefined : db.collections.get(resolved);
	return resolved === undefined || !collection ? undefined : { name: resolved, collection };
}

/**
 * load and release (proxy task.go PreExecute, then the meta cache's GetCollectionID): the name is
 * validated (1100), then resolved by rootcoord, an alias to its collection; a missing database is 800
 * and a missing collection 100, both with the database in the message (meta_table.go).
 */
function findLoadTarget(
	ctx: RouteContext,
	name: string,
): Failure | { collection: StoredCollection; error?: undefined } {
	const invalid = validateName(name, 'name');
	if (invalid) return invalid;
	if (!ctx.db) return dbNotFound(ctx.dbName);
	const found = lookUpCollection(ctx.db, name);
	return found ? { collection: found.collection } : collectionNotFound(ctx.dbName, name);
}

/** From 2.6.12 task_alias.go resolves an alias given as the collection; before, only real names count. */
function targetName(ctx: RouteContext, db: Database, name: string): string {
	if (!ctx.behaviour.resolvesAliasAsCollection) return name;
	return db.aliases.get(name) ?? name;
}

/** The checks create and alter share, in Milvus's order: names, database, name conflict, target. */
function checkPointing(
	ctx: RouteContext,
	req: BoundRequest,
	databaseInNotFound: string,
): Failure | { db: Database; alias: string; collection: string; error?: undefined } {
	const alias = req.aliasName;
	const invalid = validateName(alias, 'alias') || validateName(req.collectionName, 'name');
	if (invalid) return invalid;
	const { db, dbName } = ctx;
	if (!db) return dbNotFound(dbName);
	if (db.collections.has(alias)) {
		return fail(1601, `alias and collection name conflict[database=${dbName}][alias=${alias}]`);
	}
	const collection = targetName(ctx, db, req.collectionName);
	if (!db.collections.has(collection)) {
		return fail(100, `collection not found${databaseInNotFound}[collection=${collection}]`);
	}
	return { db, alias, collection };
}

function aliasesOf(db: Database, collection: string): string[] {
	return [...db.aliases].filter(([, target]) => target === collection).map(([alias]) => alias);
}

const aliasRoutes: Record<string, Route> = {
	'aliases/create': {
		struct: 'AliasCollectionReq',
		handler(ctx, req) {
			// Create names the database in its "collection not found" message; alter does not.
			const checked = checkPointing(ctx, req, `[database=${ctx.dbName}]`);
			if (checked.error) return checked;
			const { db, alias, collection } = checked;
			const current = db.aliases.get(alias);
			if (current === undefined) db.aliases.set(alias, collection);
			else if (current !== collection) {
				return fail(
					1602,
					`${alias} is alias to another collection: ${current}: alias already exist[database=${ctx.dbName}][alias=${alias}]`,
				);
			}
			return { data: {} };
		},
	},
	'aliases/alter': {
		struct: 'AliasCollectionReq',
		handler(ctx, req) {
			const checked = checkPointing(ctx, req, '');
			if (checked.error) return checked;
			const { db, alias, collection } = checked;
			if (!db.aliases.has(alias)) {
				return fail(1600, `alias not found[database=${ctx.dbName}][alias=${alias}]`);
			}
			db.aliases.set(alias, collection);
			return { data: {} };
		},
	},
	'aliases/drop': {
		struct: 'AliasReq',
		handler(ctx, req) {
			if (ctx.behaviour.dropValidatesName) {
				const invalid = validateName(req.aliasName, 'alias');
				if (invalid) return invalid;
			}
			if (!ctx.db) return dbNotFound(ctx.dbName);
			ctx.db.aliases.delete(req.aliasName); // idempotent, also for a collection or an invalid name
			return { data: {} };
		},
	},
	'aliases/describe': {
		struct: 'AliasReq',
		handler(ctx, req) {
			const alias = req.aliasName;
			const invalid = validateName(alias, 'alias');
			if (invalid) return invalid;
			if (!ctx.db) return dbNotFound(ctx.dbName);
			const collection = ctx.db.aliases.get(alias);
			if (collection === undefined) {
				return fail(1600, `alias not found[database=${ctx.dbName}][alias=${alias}]`);
			}
			return { data: { aliasName: alias, collectionName: collection, dbName: ctx.dbName } };
		},
	},
	'aliases/list': {
		struct: 'OptionalCollectionNameReq',
		handler(ctx, req) {
			if (req.collectionName !== '') {
				const invalid = validateName(req.collectionName, 'name');
				if (invalid) return invalid;
			}
			const { db } = ctx;
			if (!db) return dbNotFound(ctx.dbName);
			if (req.collectionName === '') return { data: [...db.aliases.keys()] };
			const collection = targetName(ctx, db, req.collectionName);
			if (!db.collections.has(collection)) {
				return fail(100, `collection not found[collection=${collection}]`);
			}
			return { data: aliasesOf(db, collection) };
		},
	},
};

const collectionRoutes: Record<string, Route> = {
	'collections/list': {
		struct: 'DatabaseReq',
		handler(ctx) {
			if (!ctx.db) return dbNotFound(ctx.dbName);
			return { data: [...ctx.db.collections.keys()] };
		},
	},
	'collections/has': {
		struct: 'CollectionNameReq',
		handler(ctx, req) {
			if (!ctx.db) return dbNotFound(ctx.dbName);
			return { data: { has: ctx.db.collections.has(req.collectionName) } };
		},
	},
	'collections/describe': {
		struct: 'CollectionNameReq',
		handler(ctx, req) {
			// A subset of handler_v2.go getCollectionDetails: the fields about names, aliases and load.
			const found = ctx.db && lookUpCollection(ctx.db, req.collectionName);
			if (!ctx.db || !found) return collectionNotFound(ctx.dbName, req.collectionName);
			return {
				data: {
					collectionName: found.name,
					dbName: ctx.dbName,
					aliases: aliasesOf(ctx.db, found.name),
					load: found.collection.loadState,
				},
			};
		},
	},
	'collections/get_load_state': {
		struct: 'CollectionNameReq',
		handler(ctx, req) {
			// A missing database gives 100 here, not 800 (2.5+; 2.4 stops earlier at the REST layer).
			const found = ctx.db && lookUpCollection(ctx.db, req.collectionName);
			if (!found) return collectionNotFound(ctx.dbName, req.collectionName);
			const state = pollLoadState(found.collection, ctx.now);
			if (state.loadState === 'LoadStateNotLoad') {
				return { data: { loadState: 'LoadStateNotLoad' } };
			}
			const progress = state.loadState === 'LoadStateLoaded' ? 100 : (state.loadProgress ?? 0);
			return {
				data: {
					loadProgress: progress,
					loadState: progress >= 100 ? 'LoadStateLoaded' : 'LoadStateLoading',
				},
				message: '',
			};
		},
	},
	'collections/create': {
		struct: 'CollectionReq',
		handler(ctx, req) {
			// Quick setup only (collectionName + dimension): Milvus creates the collection, an index, and
			// loads it; the emulator makes it loaded at once.
			const name = req.collectionName;
			const invalid = validateName(name, 'name');
			if (invalid) return invalid;
			if (req.dimension === 0) {
				// INFERRED from handler_v2.go createCollection (quick-setup branch).
				return fail(
					1100,
					'dimension is required for quickly create collection(default metric type: COSINE): invalid parameter[expected=collectionName & dimension][actual=collectionName]',
				);
			}
			const { db } = ctx;
			if (!db) return dbNotFound(ctx.dbName);
			if (db.aliases.has(name)) {
				// INFERRED: rootcoord create_collection_task.go refuses an alias's name (untyped error).
				return fail(
					65535,
					`collection name [${name}] conflicts with an existing alias, please choose a unique name`,
				);
			}
			const existing = db.collections.get(name);
			if (existing) {
				// Same parameters: idempotent; others: rootcoord's duplicate check.
				if (existing.dimension === undefined || existing.dimension === req.dimension) {
					return { data: {} };
				}
				return fail(
					65535,
					`create duplicate collection with different parameters, collection: ${name}`,
				);
			}
			db.collections.set(name, {
				...normalizeCollectionOptions({ loaded: true }, ctx.now),
				dimension: req.dimension,
			});
			return { data: {} };
		},
	},
	'collections/load': {
		struct: 'CollectionNameReq',
		handler(ctx, req) {
			const found = findLoadTarget(ctx, req.collectionName);
			if (found.error) return found;
			// A load already under way keeps its own pace; a loaded collection stays loaded.
			if (found.collection.loadState === 'LoadStateNotLoad') {
				Object.assign(
					found.collection,
					normalizeCollectionOptions(
						ctx.loadAfterPolls > 0 ? { loadAfterPolls: ctx.loadAfterPolls, loadProgress: 0 } : {},
						ctx.now,
					),
				);
			}
			return { data: {} };
		},
	},
	'collections/release': {
		struct: 'CollectionNameReq',
		handler(ctx, req) {
			// Releasing a collection that is not loaded succeeds (querycoordv2 job_release.go, services.go).
			const found = findLoadTarget(ctx, req.collectionName);
			if (found.error) return found;
			found.collection.loadState = 'LoadStateNotLoad';
			found.collection.loadProgress = undefined;
			delete found.collection.pollsUntilLoaded;
			delete found.collection.loadedAt;
			return { data: {} };
		},
	},
	'collections/drop': {
		struct: 'CollectionNameReq',
		handler(ctx, req) {
			// proxy task.go dropCollectionTask, then rootcoord drop_collection_task.go (validate, Execute).
			const name = req.collectionName;
			if (ctx.behaviour.dropValidatesName) {
				const invalid = validateName(name, 'name');
				if (invalid) return invalid;
			}
			const { db } = ctx;
			// 2.5+: a missing database or collection is "already dropped" (2.4 stops at the REST layer).
			if (!db) return { data: {} };
			const untyped = ctx.behaviour.dropCollectionWithAliases !== 'refuse1100';
			const refuse = (message: string): Failure =>
				untyped ? fail(65535, message) : fail(1100, `${message}: invalid parameter`);
			if (db.aliases.has(name)) return refuse(`cannot drop the collection via alias = ${name}`);
			if (!db.collections.has(name)) return { data: {} };
			const aliases = aliasesOf(db, name);
			if (aliases.length > 0) {
				if (ctx.behaviour.dropCollectionWithAliases !== 'removeAliases') {
					return refuse(
						`unable to drop the collection [${name}] because it has associated aliases [${aliases.join(' ')}], please remove all aliases before dropping the collection`,
					);
				}
				for (const alias of aliases) db.aliases.delete(alias);
			}
			db.collections.delete(name);
			return { data: {} };
		},
	},
};

const ROUTES: Readonly<Record<string, Route>> = { ...aliasRoutes, ...collectionRoutes };

export function findRoute(routeKey: string | null): Route | null {
	return routeKey !== null && Object.prototype.hasOwnProperty.call(ROUTES, routeKey)
		? ROUTES[routeKey]
		: null;
}
