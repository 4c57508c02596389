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

export class EmulatorState {
	readonly dbs = new Map<string, Database>();

	constructor() {
		this.addDatabase('default');
	}

	/** Idempotent; returns the database. */
	addDatabase(name: string): Database {
		if (typeof name !== 'string' || name === '')
			throw new Error('database name must be a non-empty string');
		let db = this.dbs.get(name);
		if (!db) {
			db = { collections: new Map(), aliases: new Map() };
			this.dbs.set(name, db);
		}
		return db;
	}

	/** The database, or a thrown Error for test-helper misuse. */
	db(name: string): Database {
		const db = this.dbs.get(name);
		if (!db) throw new Error(`emulator: database ${name} does not exist`);
		return db;
	}
}
