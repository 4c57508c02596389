// Types for emulator.js (the Milvus REST API v2 emulator). Keep in sync with emulator.js.

export type LoadState = 'LoadStateLoaded' | 'LoadStateLoading' | 'LoadStateNotLoad';

export interface EmulatorCollectionOptions {
	/** Default true when neither `loaded` nor `loadState` is given. */
	loaded?: boolean;
	/** Overrides `loaded`. */
	loadState?: LoadState;
	/** Only for LoadStateLoading (default 50). */
	loadProgress?: number;
}

export interface EmulatorDatabaseSeed {
	collections?: Record<string, EmulatorCollectionOptions>;
	/** alias -> collection (the collection must be in `collections`). */
	aliases?: Record<string, string>;
}

export interface EmulatorAuthOptions {
	/** user -> password (checked for Basic, `Bearer user:pass` and a bare `user:pass` header). */
	users?: Record<string, string>;
	/** Tokens accepted as API keys (`Bearer <key>`, key without ':'). */
	apiKeys?: string[];
}

export interface EmulatorOptions {
	/** Default 0 (ephemeral). Always binds 127.0.0.1. */
	port?: number;
	/** Absent: authorization disabled, the Authorization header is ignored entirely. */
	auth?: EmulatorAuthOptions;
	/** Serve HTTPS with this PEM key/cert (see ./tls). */
	tls?: { key: string | Buffer; cert: string | Buffer };
	/** Success bodies use "code":200 (early 2.4 builds) instead of 0. */
	legacySuccessCode?: boolean;
	/** e.g. '/milvus': the API is served under this prefix; other paths get gin's 404. */
	pathPrefix?: string;
	/** Seed. The 'default' database always exists. */
	databases?: Record<string, EmulatorDatabaseSeed>;
	/** Initial fixed delay (ms) before every answer; see setLatency. */
	latency?: number;
}

export interface RecordedRequest {
	method: string;
	/** Request path as received, including any pathPrefix, without the query string. */
	path: string;
	/** Raw request target (path + query string). */
	url: string;
	/** Lower-case header names, as node:http reports them. */
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	/** JSON.parse(rawBody), or undefined when that fails. */
	body: unknown;
	/** Date.now() when the request body was fully received. */
	at: number;
}

interface FaultBase {
	/**
	 * Path after the prefix, e.g. '/v2/vectordb/aliases/create' (shorthand 'aliases/create' accepted).
	 * Omitted: any request.
	 */
	path?: string;
	/** How many matching requests this fault answers (default 1). */
	times?: number;
	/** Perform the real operation (state change) first, then answer with the fault. */
	applyFirst?: boolean;
}

export interface StatusFault extends FaultBase {
	kind: 'status';
	/** Default 503. */
	status?: number;
	/** Default 'upstream unavailable'. */
	body?: string;
	/** Default 'text/plain; charset=utf-8'. */
	contentType?: string;
	headers?: Record<string, string>;
}

export interface CodeFault extends FaultBase {
	kind: 'code';
	/** Default 65535. */
	code?: number;
	/** Default: Milvus's text for 1800/1807/10001/65535, else 'emulated error'. */
	message?: string;
	/** HTTP status, default 200 (use 408 with code 10001). */
	status?: number;
	headers?: Record<string, string>;
}

export interface HangFault extends FaultBase {
	kind: 'hang';
}

export interface ResetFault extends FaultBase {
	kind: 'reset';
}

export interface NonJsonFault extends FaultBase {
	kind: 'nonJson';
	/** Default 200. */
	status?: number;
	/** Default '<html>oops</html>'. */
	body?: string;
	/** Default 'text/html; charset=utf-8'. */
	contentType?: string;
	headers?: Record<string, string>;
}

export type EmulatorFault = StatusFault | CodeFault | HangFault | ResetFault | NonJsonFault;

export interface CollectionInfo {
	loadState: LoadState;
	loadProgress?: number;
}

export interface MilvusEmulator {
	/** 'http://127.0.0.1:PORT' or 'https://127.0.0.1:PORT', without the path prefix. */
	readonly url: string;
	readonly port: number;
	/** Every request received (after its body arrived), in arrival order, faulted ones included. */
	readonly requests: RecordedRequest[];
	clearRequests(): void;
	/** Idempotent. */
	addDatabase(name: string): void;
	/** Creates the database if needed; replaces the load state of an existing collection. Throws if the name is an alias. */
	addCollection(dbName: string, collectionName: string, options?: EmulatorCollectionOptions): void;
	/** Throws if the collection does not exist. */
	setLoaded(dbName: string, collectionName: string, loaded: boolean): void;
	setLoadState(
		dbName: string,
		collectionName: string,
		loadState: LoadState,
		loadProgress?: number,
	): void;
	/** Test helper without Milvus checks: removes the collection and every alias pointing to it. */
	dropCollection(dbName: string, collectionName: string): void;
	/** Direct state change. Throws if the database/collection is missing or aliasName is a collection name. */
	setAlias(dbName: string, aliasName: string, collectionName: string): void;
	removeAlias(dbName: string, aliasName: string): void;
	/** alias -> collection; {} for an unknown database. dbName defaults to 'default'. */
	getAliases(dbName?: string): Record<string, string>;
	getCollections(dbName?: string): Record<string, CollectionInfo>;
	getDatabases(): string[];
	/** Queue a fault; faults are consumed in order. Throws on an unknown kind. */
	injectFault(fault: EmulatorFault): void;
	clearFaults(): void;
	/** Fixed delay (ms) before every answer (0 = none). */
	setLatency(ms: number): void;
	/** Stops listening and destroys every open socket (hanging requests end). Idempotent. */
	close(): Promise<void>;
}

export function startEmulator(options?: EmulatorOptions): Promise<MilvusEmulator>;
