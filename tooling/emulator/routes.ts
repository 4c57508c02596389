// Route handlers: what Milvus's proxy and rootcoord answer for each REST v2 endpoint
// (internal/distributed/proxy/httpserver/handler_v2.go, internal/proxy/task_alias.go,
// internal/rootcoord/meta_table.go).
import type { BoundRequest, StructName } from './binding';
import { fail, validateName } from './names';
import type { Failure } from './names';
import type { Database, EmulatorState } from './state';

export interface Success {
	data: unknown;
	/** Some handlers add an empty `message` to their success body. */
	message?: string;
	error?: undefined;
}

export type RouteResult = Success | Failure;

export interface Route {
	struct: StructName;
	handler(st: EmulatorState, req: BoundRequest, dbName: string): RouteResult;
}

function dbNotFound(dbName: string): Failure {
	return fail(800, `database not found[database=${dbName}]`);
}

/** The checks create and alter share, in Milvus's order: names, database, name conflict, target. */
function checkPointing(
	st: EmulatorState,
	req: BoundRequest,
	dbName: string,
	databaseInNotFound: string,
): Failure | { db: Database; alias: string; collection: string; error?: undefined } {
	const alias = req.aliasName;
	const collection = req.collectionName;
	const invalid = validateName(alias, 'alias') || validateName(collection, 'name');
	if (invalid) return invalid;
	const db = st.dbs.get(dbName);
	if (!db) return dbNotFound(dbName);
	if (db.collections.has(alias)) {
		return fail(1601, `alias and collection name conflict[database=${dbName}][alias=${alias}]`);
	}
	if (!db.collections.has(collection)) {
		return fail(100, `collection not found${databaseInNotFound}[collection=${collection}]`);
	}
	return { db, alias, collection };
}

export const ROUTES: Readonly<Record<string, Route>> = {
	'aliases/create': {
		struct: 'AliasCollectionReq',
		handler(st, req, dbName) {
			// Create names the database in its "collection not found" message; alter does not.
			const checked = checkPointing(st, req, dbName, `[database=${dbName}]`);
			if (checked.error) return checked;
			const { db, alias, collection } = checked;
			const current = db.aliases.get(alias);
			if (current === undefined) db.aliases.set(alias, collection);
			else if (current !== collection) {
				return fail(
					1602,
					`${alias} is alias to another collection: ${current}: alias already exist[database=${dbName}][alias=${alias}]`,
				);
			}
			return { data: {} };
		},
	},
	'aliases/alter': {
		struct: 'AliasCollectionReq',
		handler(st, req, dbName) {
			const checked = checkPointing(st, req, dbName, '');
			if (checked.error) return checked;
			const { db, alias, collection } = checked;
			if (!db.aliases.has(alias)) {
				return fail(1600, `alias not found[database=${dbName}][alias=${alias}]`);
			}
			db.aliases.set(alias, collection);
			return { data: {} };
		},
	},
	'aliases/drop': {
		struct: 'AliasReq',
		handler(st, req, dbName) {
			const invalid = validateName(req.aliasName, 'alias');
			if (invalid) return invalid;
			const db = st.dbs.get(dbName);
			if (!db) return dbNotFound(dbName);
			db.aliases.delete(req.aliasName); // idempotent, also for a collection name
			return { data: {} };
		},
	},
	'aliases/describe': {
		struct: 'AliasReq',
		handler(st, req, dbName) {
			const alias = req.aliasName;
			const invalid = validateName(alias, 'alias');
			if (invalid) return invalid;
			const db = st.dbs.get(dbName);
			if (!db) return dbNotFound(dbName);
			const collection = db.aliases.get(alias);
			if (collection === undefined) {
				return fail(1600, `alias not found[database=${dbName}][alias=${alias}]`);
			}
			return { data: { aliasName: alias, collectionName: collection, dbName } };
		},
	},
	'aliases/list': {
		struct: 'OptionalCollectionNameReq',
		handler(st, req, dbName) {
			const collection = req.collectionName;
			if (collection !== '') {
				const invalid = validateName(collection, 'name');
				if (invalid) return invalid;
			}
			const db = st.dbs.get(dbName);
			if (!db) return dbNotFound(dbName);
			if (collection !== '' && !db.collections.has(collection)) {
				return fail(100, `collection not found[collection=${collection}]`);
			}
			const names: string[] = [];
			for (const [alias, target] of db.aliases) {
				if (collection === '' || target === collection) names.push(alias);
			}
			return { data: names };
		},
	},
	'collections/list': {
		struct: 'DatabaseReq',
		handler(st, _req, dbName) {
			const db = st.dbs.get(dbName);
			if (!db) return dbNotFound(dbName);
			return { data: [...db.collections.keys()] };
		},
	},
	'collections/get_load_state': {
		struct: 'CollectionNameReq',
		handler(st, req, dbName) {
			const name = req.collectionName;
			const db = st.dbs.get(dbName);
			// The proxy resolves the name through its meta cache: collection names and aliases both work.
			const resolved = db ? (db.collections.has(name) ? name : db.aliases.get(name)) : undefined;
			const collection = db && resolved !== undefined ? db.collections.get(resolved) : undefined;
			if (!collection) {
				return fail(100, `collection not found[database=${dbName}][collection=${name}]`);
			}
			if (collection.loadState === 'LoadStateNotLoad') {
				return { data: { loadState: 'LoadStateNotLoad' } };
			}
			const progress =
				collection.loadState === 'LoadStateLoaded' ? 100 : (collection.loadProgress ?? 0);
			return {
				data: {
					loadProgress: progress,
					loadState: progress >= 100 ? 'LoadStateLoaded' : 'LoadStateLoading',
				},
				message: '',
			};
		},
	},
	'collections/drop': {
		struct: 'CollectionNameReq',
		handler(st, req, dbName) {
			const name = req.collectionName;
			const invalid = validateName(name, 'name');
			if (invalid) return invalid;
			const db = st.dbs.get(dbName);
			if (!db) return dbNotFound(dbName);
			if (db.aliases.has(name)) {
				return fail(65535, `cannot drop the collection via alias = ${name}`);
			}
			if (!db.collections.has(name)) return { data: {} }; // idempotent
			const aliases = [...db.aliases]
				.filter(([, target]) => target === name)
				.map(([alias]) => alias);
			if (aliases.length > 0) {
				return fail(
					65535,
					`unable to drop the collection [${name}] because it has associated aliases [${aliases.join(' ')}], please remove all aliases before dropping the collection`,
				);
			}
			db.collections.delete(name);
			return { data: {} };
		},
	},
};

export function findRoute(routeKey: string | null): Route | null {
	return routeKey !== null && Object.prototype.hasOwnProperty.call(ROUTES, routeKey)
		? ROUTES[routeKey]
		: null;
}
