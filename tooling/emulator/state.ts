// The emulated server's data: databases, their collections (with a load state) and aliases.
import type { CollectionInfo, EmulatorCollectionOptions, LoadState } from './types';

const LOAD_STATES: readonly LoadState[] = [
	'LoadStateLoaded',
	'LoadStateLoading',
	'LoadStateNotLoad',
];

export interface Database {
	collections: Map<string, CollectionInfo>;
	/** alias -> collection */
	aliases: Map<string, string>;
}

export function normalizeCollectionOptions(options?: EmulatorCollectionOptions): CollectionInfo {
	const opts = options || {};
	let loadState: LoadState;
	if (opts.loadState !== undefined) {
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
	return { loadState, loadProgress };
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
