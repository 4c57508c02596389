/**
 * Shared test setup: the emulator with the seeds the suites use, the credential pointing at it,
 * and running the Milvus Alias node through n8n-core's engine (test/harness). Test files state
 * what they need on top of these; nothing here hides an assertion.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { EmulatorOptions, MilvusEmulator, RecordedRequest } from '../tooling/emulator';
import { startEmulator } from '../tooling/emulator';
import type { MilvusCredentialData, RunOptions, RunResult } from './harness/n8n-harness';
import { runMilvusAlias, searchCollections } from './harness/n8n-harness';

export type { MilvusCredentialData, RunResult } from './harness/n8n-harness';
export type { MilvusEmulator, RecordedRequest } from '../tooling/emulator';

/** Milvus's default credential: its password is the word "Milvus", which redaction must survive. */
export const DEFAULT_TOKEN = 'root:Milvus';
/** A distinctive password, so any leak of it shows. */
export const CANARY = 'S3cr3t-T0ken-xyz';
export const CANARY_TOKEN = `root:${CANARY}`;

/** Every form a leaked token could take: as is, its password part, and their base64 (Basic auth). */
export function secretForms(token: string): string[] {
	const password = token.slice(token.indexOf(':') + 1);
	const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
	return [token, password, b64(token), b64(password), encodeURIComponent(token)];
}

/** The seeds the suites share. Each is a function so every test gets a fresh copy. */
export const SEEDS = {
	/** Authentication on (root:Milvus); two databases of collections, no aliases. */
	library: (): EmulatorOptions => ({
		auth: { users: { root: 'Milvus' } },
		databases: {
			default: { collections: { books_v1: {}, books_v2: {}, movies: {} } },
			library: { collections: { shelf_a: {}, shelf_b: {} } },
		},
	}),
	/** No authentication; aliases to switch, one collection not loaded, a second database. */
	products: (): EmulatorOptions => ({
		databases: {
			default: {
				collections: {
					products_v1: {},
					products_v2: {},
					products_v3: { loaded: false },
					users: {},
				},
				aliases: { products: 'products_v1', customers: 'users', catalog: 'products_v1' },
			},
			staging: { collections: { events: {} }, aliases: { events_live: 'events' } },
		},
	}),
	/** Authentication on with the distinctive token; books -> books_v1, books_v2 ready. */
	books: (): EmulatorOptions => ({
		auth: { users: { root: CANARY } },
		databases: {
			default: {
				collections: { books_v1: {}, books_v2: {}, drafts: { loaded: false } },
				aliases: { books: 'books_v1' },
			},
		},
	}),
};

/**
 * Starts a fresh emulator before each test of the file and closes it after; `current()` is the
 * running one. Use inside a describe block or at the top of a test file.
 */
export function useEmulator(seed: () => EmulatorOptions): { current: () => MilvusEmulator } {
	let emulator: MilvusEmulator | undefined;
	beforeEach(async () => {
		emulator = await startEmulator(seed());
	});
	afterEach(async () => {
		await emulator?.close();
		emulator = undefined;
	});
	return {
		current: () => {
			if (!emulator) throw new Error('the emulator runs only inside a test');
			return emulator;
		},
	};
}

/** An address where nothing listens: an emulator's port, closed again. */
export async function deadAddress(): Promise<string> {
	const emulator = await startEmulator();
	const url = emulator.url;
	await emulator.close();
	return url;
}

/** A Collection resource locator in "By Name" mode. */
export const byName = (value: string): IDataObject => ({ __rl: true, mode: 'name', value });

export type OnError = RunOptions['onError'];

/** Runs one Milvus Alias node with `operation` over `items` (one empty item by default). */
export async function runOperation(
	credentials: MilvusCredentialData,
	operation: string,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	onError?: OnError,
): Promise<RunResult> {
	return await runMilvusAlias({
		credentials,
		parameters: { operation, ...parameters },
		items,
		onError,
	});
}

/** The credential for an emulator, with the token its seed expects (none when auth is off). */
export function credentialFor(emulator: MilvusEmulator, token?: string): MilvusCredentialData {
	return token === undefined ? { endpoint: emulator.url } : { endpoint: emulator.url, token };
}

/** The json of every item on one output ([0] success, [1] error output). */
export const jsonOf = (result: RunResult, output = 0): IDataObject[] =>
	(result.outputs[output] ?? []).map((item: INodeExecutionData) => item.json);

/** Requested API paths without the `/v2/vectordb/` prefix, in arrival order. */
export const requestedPaths = (emulator: MilvusEmulator): string[] =>
	emulator.requests.map((request: RecordedRequest) =>
		request.path.replace(/^.*\/v2\/vectordb\//, ''),
	);

/** The requests the emulator received for alias endpoints. */
export const aliasRequests = (emulator: MilvusEmulator): RecordedRequest[] =>
	emulator.requests.filter((request) => request.path.includes('/aliases/'));

/** The requests that change aliases (create, alter, drop), in arrival order. */
export const changeRequests = (emulator: MilvusEmulator): RecordedRequest[] =>
	emulator.requests.filter((request) => /\/aliases\/(create|alter|drop)$/.test(request.path));

export { runMilvusAlias, searchCollections };
