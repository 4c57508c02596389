// Public option and record types of the Milvus REST API v2 emulator.
import type { ProfileBehaviour, ProfileName } from './profiles';

export type LoadState = 'LoadStateLoaded' | 'LoadStateLoading' | 'LoadStateNotLoad';

export interface EmulatorCollectionOptions {
	/** Default true when neither `loaded` nor `loadState` is given. */
	loaded?: boolean;
	/** Overrides `loaded`. */
	loadState?: LoadState;
	/** Only for LoadStateLoading (default 50). */
	loadProgress?: number;
	/**
	 * Loading that finishes: the collection answers LoadStateLoading to this many
	 * collections/get_load_state requests, then LoadStateLoaded. Implies LoadStateLoading.
	 */
	loadAfterPolls?: number;
	/** Loading that finishes this many ms (by the emulator's clock) after the seed. Implies LoadStateLoading. */
	loadAfterMs?: number;
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
	/** Which release to answer as (see PROFILE_DESCRIPTIONS); default '2.6.12+', the latest. */
	profile?: ProfileName;
	/** Overrides single behaviours of the profile, e.g. `{ timeoutAnswer: 'text' }` for 2.5.0-2.5.3. */
	behaviour?: Partial<ProfileBehaviour>;
	/** Success bodies use "code":200 (2.4.0-2.4.2) instead of 0; same as `behaviour.successCode: 200`. */
	legacySuccessCode?: boolean;
	/** Clock for time-based load transitions (default Date.now). */
	clock?: () => number;
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
	/**
	 * The request timeout (seconds) the server applied: the Request-Timeout header, else (profiles
	 * where it sticks) the last value sent on this route, else 30.
	 */
	timeoutSeconds: number;
	/**
	 * How many requests had arrived when this one was answered (absent while unanswered, or for
	 * a hang): a request that arrived at index >= this value was sent after the answer, so tests
	 * can compute how many round trips a node made in sequence without reading clocks.
	 */
	arrivalsWhenAnswered?: number;
}

export interface CollectionInfo {
	loadState: LoadState;
	loadProgress?: number;
}
