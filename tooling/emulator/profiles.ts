// Version profiles: which Milvus (or Zilliz Cloud) release the emulator answers as. Each field is one
// behaviour that differs between releases, read from Milvus's own sources at the tagged versions
// (internal/distributed/proxy/httpserver/handler_v2.go, timeout_middleware.go, request_v2.go;
// internal/proxy/task_alias.go, task.go; internal/rootcoord/drop_collection_task.go; v2.4.0, v2.4.2,
// v2.4.3, v2.4.15, v2.5.27, v2.6.11, v2.6.19, and v3.0.0: its version bump, commit 6298d2ff68 of
// 2026-07-30).

export interface ProfileBehaviour {
	/** Success body code: 200 in 2.4.0-2.4.2 (handler_v2.go v2.4.0), 0 from 2.4.3. */
	successCode: 0 | 200;
	/**
	 * Where a missing database is detected. 'rest': all of 2.4.x checks in handler_v2.go wrapperPost
	 * before any handler, code 800 `database not found, database: <db>` on every route.
	 * 'rootcoord': 2.5+, each route answers from rootcoord/proxy (800 `database not found[database=<db>]`,
	 * and 100 on collections/get_load_state).
	 */
	databaseCheck: 'rest' | 'rootcoord';
	/**
	 * A request timeout (Request-Timeout header, default 30 s). 'text': 2.4.x and 2.5.0-2.5.3
	 * (gin timeout middleware) answer 408 with the plain-text body `timeout`. 'json': 2.5.4+ (timeout_middleware.go)
	 * answers 408 `{"code":10001,"message":"request timeout"}`.
	 */
	timeoutAnswer: 'text' | 'json';
	/**
	 * Through 2.5.9 timeout_middleware.go stores the Request-Timeout value per route and keeps using
	 * it for later requests on that route, also other clients' that send no header.
	 */
	requestTimeoutSticksPerRoute: boolean;
	/** From 2.6.12 task_alias.go resolves an alias given as `collectionName` on create, alter and list. */
	resolvesAliasAsCollection: boolean;
	/**
	 * Dropping a collection that still has aliases (rootcoord drop_collection_task.go): 'removeAliases'
	 * in 2.4 and 2.5.0-2.5.4 (the aliases go with it), 'refuse65535' from 2.5.5 (PR #40143),
	 * 'refuse1100' from 2.6.19. The 2.6.19 change (commit 39c9b039d2, #50545, merr errors in rootcoord)
	 * also turned "cannot drop the collection via alias" from 65535 into 1100, so the code of that
	 * refusal follows this field: 1100 with 'refuse1100', else 65535.
	 */
	dropCollectionWithAliases: 'removeAliases' | 'refuse65535' | 'refuse1100';
	/**
	 * aliases/drop and collections/drop validate the name (1100) before 2.5.15 / 2.6.0: one commit
	 * (#43064, 2.5 cherry-pick #43138) removed both checks from the proxy's PreExecute (task_alias.go
	 * DropAliasTask, task.go dropCollectionTask); an invalid name is then a no-op success.
	 */
	dropValidatesName: boolean;
	/**
	 * false: Zilliz Cloud Serverless, which has no databases: a request that names one (even
	 * `default`) finds nothing (INFERRED from milvus-sdk-java issue 2010, where `dbName=default` broke a
	 * collection lookup with "can't find collection[database=default]"); without a name the cluster's
	 * only database answers, and describe reports it as `default`.
	 */
	databases: boolean;
	/**
	 * `{"dbName":""}`: 'default' in every release so far (handler_v2.go wrapperPost treats "" as "not
	 * given"). 'reject' models the open proposal to reject it (code 1100), so a client can prove it
	 * does not depend on it.
	 */
	emptyDbName: 'default' | 'reject';
}

export const PROFILES = [
	'2.4.0',
	'2.4',
	'2.5',
	'2.6',
	'2.6.12+',
	'3.0',
	'zilliz-serverless',
] as const;

export type ProfileName = (typeof PROFILES)[number];

/** The profile `startEmulator()` uses when none is given: the latest release. */
export const DEFAULT_PROFILE: ProfileName = '2.6.12+';

const LATEST_2_4: ProfileBehaviour = {
	successCode: 0,
	databaseCheck: 'rest',
	timeoutAnswer: 'text',
	requestTimeoutSticksPerRoute: true,
	resolvesAliasAsCollection: false,
	dropCollectionWithAliases: 'removeAliases',
	dropValidatesName: true,
	databases: true,
	emptyDbName: 'default',
};

const LATEST_2_5: ProfileBehaviour = {
	successCode: 0,
	databaseCheck: 'rootcoord',
	timeoutAnswer: 'json',
	requestTimeoutSticksPerRoute: false,
	resolvesAliasAsCollection: false,
	dropCollectionWithAliases: 'refuse65535',
	dropValidatesName: false,
	databases: true,
	emptyDbName: 'default',
};

const LATEST_2_6: ProfileBehaviour = {
	...LATEST_2_5,
	resolvesAliasAsCollection: true,
	dropCollectionWithAliases: 'refuse1100',
};

export const PROFILE_BEHAVIOURS: Readonly<Record<ProfileName, Readonly<ProfileBehaviour>>> = {
	'2.4.0': { ...LATEST_2_4, successCode: 200 },
	'2.4': LATEST_2_4,
	'2.5': LATEST_2_5,
	'2.6': LATEST_2_5,
	'2.6.12+': LATEST_2_6,
	// 3.0 changes nothing the emulator models: the alias handlers (handler_v2.go), the alias tasks
	// (task_alias.go), the name rules (util.go validateCollectionNameOrAlias), rootcoord's alias
	// checks (meta_table.go), drop_collection_task.go and the merr codes read the same as in 2.6.19
	// apart from logging. Its one REST difference here, a Request-Timeout header that is not a whole
	// number refused with 1100 (timeout_middleware.go, #50195), is not modelled: the node only sends
	// whole seconds.
	'3.0': LATEST_2_6,
	'zilliz-serverless': { ...LATEST_2_5, databases: false },
};

/** One line per profile: the releases it stands for and what sets it apart. */
export const PROFILE_DESCRIPTIONS: Readonly<Record<ProfileName, string>> = {
	'2.4.0': 'Milvus 2.4.0-2.4.2: success code 200, as 2.4 otherwise.',
	'2.4':
		'Milvus 2.4.3-2.4.x: database checked at the REST layer ("database not found, database: <db>"), 408 plain-text timeouts, Request-Timeout sticks per route, dropping a collection removes its aliases.',
	'2.5':
		'Milvus 2.5 (latest, 2.5.27): 408 JSON 10001 timeouts, get_load_state answers 100 for a missing database, a collection with aliases cannot be dropped (65535); see behaviour overrides for 2.5.0-2.5.9 timeouts and the 2.5.0-2.5.4 drop.',
	'2.6': 'Milvus 2.6.0-2.6.11: as 2.5; an alias given as the collection is a 100 error.',
	'2.6.12+':
		'Milvus 2.6.12 and later (modelled as 2.6.19+): an alias given as the collection resolves to its collection; dropping a collection with aliases, or through an alias, is refused with 1100 (65535 in 2.6.12-2.6.18: override dropCollectionWithAliases). The default.',
	'3.0':
		'Milvus 3.0 (3.0 branch, July 2026): alias handling as 2.6.19+ (an alias given as the collection resolves, dropping a collection with aliases is refused with 1100); a Request-Timeout that is not a whole number is refused with 1100 (not modelled).',
	'zilliz-serverless':
		'Zilliz Cloud Serverless: as Milvus 2.5, but without databases: naming one (even "default") finds nothing.',
};

export function isProfileName(value: unknown): value is ProfileName {
	return typeof value === 'string' && (PROFILES as readonly string[]).includes(value);
}

/** The behaviour of a profile with per-test overrides (e.g. 2.5.0-2.5.3 timeouts on the 2.5 profile). */
export function resolveBehaviour(
	profile: ProfileName | undefined,
	overrides: Partial<ProfileBehaviour> | undefined,
): ProfileBehaviour {
	const name = profile ?? DEFAULT_PROFILE;
	if (!isProfileName(name)) {
		throw new Error(`emulator: unknown profile ${String(name)}; use one of ${PROFILES.join(', ')}`);
	}
	return { ...PROFILE_BEHAVIOURS[name], ...(overrides ?? {}) };
}
