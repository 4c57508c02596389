// The emulated server's data: databases, their collections (with a load state) and aliases.
import type { CollectionInfo, EmulatorCollectionOptions, LoadState } from './types';

const LOAD_STATES: readonly LoadState[] = [
	'LoadStateLoaded',
	'LoadStateLoading',
	'LoadStateNotLoad',
];

/** A collection's load state and how it changes on its own. */
export interface StoredCollection extends CollectionInfo {
	/** get_load_state requests still answered LoadStateLoading before the load finishes. */
	pollsUntilLoaded?: number;
	/** Clock time at which the load finishes. */
	loadedAt?: number; /** Set by collections/create: a second create with another dimension is refused. */
	dimension?: number;
}

export interface Database {
	collections: Map<string, StoredCollection>;
	/** alias -> collection */
	aliases: Map<string, string>;
}

function checkCount(name: string, value: number | undefined): void {
	if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
		throw new Error(`emulator: ${name} must be a number >= 0`);
	}
}

/** Seed options → stored collection; `now` anchors loadAfterMs. */
export function normalizeCollectionOptions(
	options: EmulatorCollectionOptions | undefined,
	now: number,
): StoredCollection {
	const opts = options || {};
	checkCount('loadAfterPolls', opts.loadAfterPolls);
	checkCount('loadAfterMs', opts.loadAfterMs);
	const finishes = opts.loadAfterPolls !== undefined || opts.loadAfterMs !== undefined;
	let loadState: LoadState;
	if (finishes) {
		loadState = 'LoadStateLoading';
	} else if (opts.loadState !== undefined) {
		if (!LOAD_STATES.includes(opts.loadState)) {
			throw new Error(`unknown loadState ${opts.loadState}; use one of ${LOAD_STATES.join(', ')}`);
		}
		loadState = opts.loadState;
	} else if (opts.loaded === undefined) {
		loadState = 'LoadStateLoaded';
	} else {
		loadState = opts.loaded ? 'LoadStateLoaded' : 'LoadStateNotLoad';
	}
	let loadProgress: number | undefined;
	if (loadState === 'LoadStateLoaded') loadProgress = 100;
	else if (loadState === 'LoadStateLoading')
		loadProgress = typeof opts.loadProgress === 'number' ? opts.loadProgress : 50;
	const stored: StoredCollection = { loadState, loadProgress };
	if (opts.loadAfterPolls !== undefined) stored.pollsUntilLoaded = opts.loadAfterPolls;
	if (opts.loadAfterMs !== undefined) stored.loadedAt = now + opts.loadAfterMs;
	return stored;
}

/** Finishes a running load when its poll count or time is reached; counts this poll. */
export function pollLoadState(collection: StoredCollection, now: number): CollectionInfo {
	if (collection.loadState === 'LoadStateLoading') {
		const pollsDone = collection.pollsUntilLoaded !== undefined && collection.pollsUntilLoaded <= 0;
		const timeDone = collection.loadedAt !== undefined && now >= collection.loadedAt;
		if (pollsDone || timeDone) {
			collection.loadState = 'LoadStateLoaded';
			collection.loadProgress = 100;
			delete collection.pollsUntilLoaded;
			delete collection.loadedAt;
		} else if (collection.pollsUntilLoaded !== undefined) {
			collection.pollsUntilLoaded -= 1;
		}
	}
	return { loadState: collection.loadState, loadProgress: collection.loadProgress };
}

export interface StateOptions {
	clock: () => number;
	/** Set on a profile without databases: why any other database is refused. */
	onlyDefaultDatabase?: string;
}

/** Databases, collections and aliases, with the consistency checks tests rely on when seeding. */
export class EmulatorState {
	readonly dbs = new Map<string, Database>();

	constructor(private readonly options: StateOptions) {
		this.addDatabase('default');
	}

	/** Idempotent; returns the database. */
	addDatabase(name: string): Database {
		if (typeof name !== 'string' || name === '')
			throw new Error('database name must be a non-empty string');
		if (this.options.onlyDefaultDatabase && name !== 'default') {
			throw new Error(`emulator: ${this.options.onlyDefaultDatabase}`);
		}
		let db = this.dbs.get(name);
		if (!db) {
			db = { collections: new Map(), aliases: new Map() };
			this.dbs.set(name, db);
		}
		return db;
	}

	addCollection(dbName: string, name: string, options?: EmulatorCollectionOptions): void {
		const db = this.addDatabase(dbName);
		if (db.aliases.has(name)) {
			throw new Error(`emulator: ${name} is already an alias in database ${dbName}`);
		}
		db.collections.set(name, normalizeCollectionOptions(options, this.options.clock()));
	}

	setLoadState(dbName: string, name: string, loadState: LoadState, loadProgress?: number): void {
		const db = this.db(dbName);
		this.collection(db, dbName, name);
		db.collections.set(
			name,
			normalizeCollectionOptions({ loadState, loadProgress }, this.options.clock()),
		);
	}

	dropCollection(dbName: string, name: string): void {
		const db = this.db(dbName);
		db.collections.delete(name);
		for (const [alias, target] of [...db.aliases]) {
			if (target === name) db.aliases.delete(alias);
		}
	}

	setAlias(dbName: string, aliasName: string, collectionName: string): void {
		const db = this.db(dbName);
		this.collection(db, dbName, collectionName);
		if (db.collections.has(aliasName)) {
			throw new Error(`emulator: ${aliasName} is a collection name in database ${dbName}`);
		}
		db.aliases.set(aliasName, collectionName);
	}

	removeAlias(dbName: string, aliasName: string): void {
		this.dbs.get(dbName)?.aliases.delete(aliasName);
	}

	/** alias -> collection; {} for an unknown database. */
	aliases(dbName: string): Record<string, string> {
		const db = this.dbs.get(dbName);
		return db ? Object.fromEntries(db.aliases) : {};
	}

	/** name -> load state, without the internals of a load under way; {} for an unknown database. */
	collections(dbName: string): Record<string, CollectionInfo> {
		const result: Record<string, CollectionInfo> = {};
		for (const [name, c] of this.dbs.get(dbName)?.collections ?? []) {
			result[name] = { loadState: c.loadState, loadProgress: c.loadProgress };
		}
		return result;
	}

	/** The database, or a thrown Error for test-helper misuse. */
	db(name: string): Database {
		const db = this.dbs.get(name);
		if (!db) throw new Error(`emulator: database ${name} does not exist`);
		return db;
	}

	private collection(db: Database, dbName: string, name: string): StoredCollection {
		const collection = db.collections.get(name);
		if (!collection) {
			throw new Error(`emulator: collection ${name} does not exist in database ${dbName}`);
		}
		return collection;
	}
}
