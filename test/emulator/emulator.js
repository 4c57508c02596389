'use strict';
/**
 * Milvus REST API v2 emulator (alias endpoints plus the few collection endpoints the node uses).
 *
 * Answers as a real Milvus 2.4-2.6 server does, per /work/shared/reference/milvus-rest-aliases.md:
 * codes, messages, HTTP statuses, auth parsing, gin's 404 and trailing-slash redirect, JSON binding
 * errors (1801/1802) and dbName resolution. Test-only: plain CommonJS, node built-ins only,
 * listens on 127.0.0.1.
 *
 * See emulator.d.ts for the typed API.
 */
const http = require('node:http');
const https = require('node:https');

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const API_ROOT = '/v2/vectordb/';
const MAX_NAME_LENGTH = 255;

// Milvus's gin CORS middleware sets these on every response that goes through the middleware chain.
const CORS_HEADERS = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Allow-Credentials': 'true',
	'Access-Control-Allow-Headers':
		'Content-Type, Content-Length, Accept-Encoding, X-CSRF-Token, Authorization, accept, origin, Cache-Control, X-Requested-With',
	'Access-Control-Allow-Methods': 'POST, OPTIONS, GET, PUT, DELETE',
};

const LOAD_STATES = ['LoadStateLoaded', 'LoadStateLoading', 'LoadStateNotLoad'];

// Request structs (internal/distributed/proxy/httpserver/request_v2.go), fields in Go declaration order
// (the order of 1802 messages when several required fields are missing).
const STRUCTS = {
	AliasCollectionReq: [
		{ json: 'dbName', go: 'DbName', type: 'string' },
		{ json: 'collectionName', go: 'CollectionName', type: 'string', required: true },
		{ json: 'aliasName', go: 'AliasName', type: 'string', required: true },
	],
	AliasReq: [
		{ json: 'dbName', go: 'DbName', type: 'string' },
		{ json: 'aliasName', go: 'AliasName', type: 'string', required: true },
	],
	OptionalCollectionNameReq: [
		{ json: 'dbName', go: 'DbName', type: 'string' },
		{ json: 'collectionName', go: 'CollectionName', type: 'string' },
	],
	DatabaseReq: [{ json: 'dbName', go: 'DbName', type: 'string' }],
	CollectionNameReq: [
		{ json: 'dbName', go: 'DbName', type: 'string' },
		{ json: 'collectionName', go: 'CollectionName', type: 'string', required: true },
		{ json: 'partitionNames', go: 'PartitionNames', type: '[]string' },
	],
};

// ---------------------------------------------------------------------------------------------
// JSON helpers

/** Go's encoding/json output: HTML-safe escapes for <, >, & and U+2028/U+2029. */
function goJson(value) {
	return JSON.stringify(value).replace(
		/[<>&\u2028\u2029]/g,
		(c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
	);
}

const GO_WHITESPACE = new Set([' ', '\t', '\r', '\n']);

/**
 * gin decodes with json.Decoder.Decode, which reads only the FIRST JSON value (trailing bytes are
 * ignored) and returns io.EOF for an empty or whitespace-only body. Returns null for "EOF", else the
 * text of the first value (possibly malformed, JSON.parse then reports the syntax error).
 */
function firstJsonValue(raw) {
	let i = 0;
	while (i < raw.length && GO_WHITESPACE.has(raw[i])) i++;
	if (i === raw.length) return null;
	const start = i;
	const c = raw[i];
	if (c === '{' || c === '[') {
		let depth = 0;
		let inString = false;
		for (; i < raw.length; i++) {
			const ch = raw[i];
			if (inString) {
				if (ch === '\\') i++;
				else if (ch === '"') inString = false;
				continue;
			}
			if (ch === '"') inString = true;
			else if (ch === '{' || ch === '[') depth++;
			else if (ch === '}' || ch === ']') {
				depth--;
				if (depth === 0) return raw.slice(start, i + 1);
			}
		}
		return raw.slice(start);
	}
	if (c === '"') {
		for (i = start + 1; i < raw.length; i++) {
			if (raw[i] === '\\') i++;
			else if (raw[i] === '"') return raw.slice(start, i + 1);
		}
		return raw.slice(start);
	}
	let j = start;
	while (j < raw.length && !GO_WHITESPACE.has(raw[j]) && !',:[]{}"'.includes(raw[j])) j++;
	return j === start ? raw.slice(start, start + 1) : raw.slice(start, j);
}

function goQuoteChar(ch) {
	if (ch === "'") return "'\\''";
	if (ch === '"') return "'\"'";
	return "'" + JSON.stringify(ch).slice(1, -1) + "'";
}

/** Approximates Go's json syntax error text from V8's JSON.parse error. */
function goSyntaxError(error, text) {
	const m = String(error && error.message);
	if (/Unexpected end of JSON input|Unterminated string/.test(m)) return 'unexpected EOF';
	let ch;
	const position = /at position (\d+)/.exec(m);
	if (position) ch = text[Number(position[1])];
	else {
		const token = /Unexpected token '?(.)/.exec(m);
		ch = token ? token[1] : undefined;
	}
	if (ch === undefined) return 'unexpected EOF';
	let context = 'looking for beginning of value';
	if (/Expected property name/.test(m)) context = 'looking for beginning of object key string';
	else if (/after property value/.test(m)) context = 'after object key:value pair';
	else if (/after array element/.test(m)) context = 'after array element';
	else if (/Expected ':'/.test(m)) context = 'after object key';
	else if (/control character/.test(m)) context = 'in string literal';
	else if (/escaped character/.test(m)) context = 'in string escape code';
	return `invalid character ${goQuoteChar(ch)} ${context}`;
}

function goKind(value) {
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'boolean') return 'bool';
	return typeof value; // string, number, object
}

/**
 * gin's ShouldBindBodyWith(req, binding.JSON) + validator `binding:"required"`.
 * Returns { req } or { error: { code, message } }.
 */
function bindBody(raw, structName) {
	const fields = STRUCTS[structName];
	const text = firstJsonValue(raw);
	if (text === null) {
		return {
			error: {
				code: 1801,
				message:
					'can only accept json format request, the request body should be nil, however {} is valid',
			},
		};
	}
	let value;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return {
			error: {
				code: 1801,
				message: 'can only accept json format request, error: ' + goSyntaxError(error, text),
			},
		};
	}
	const req = {};
	for (const field of fields) req[field.json] = field.type === 'string' ? '' : null;
	let typeError;
	if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
		typeError = `json: cannot unmarshal ${goKind(value)} into Go value of type httpserver.${structName}`;
	} else if (value !== null) {
		for (const key of Object.keys(value)) {
			// encoding/json: exact key match first, then case-insensitive.
			const field =
				fields.find((f) => f.json === key) ||
				fields.find((f) => f.json.toLowerCase() === key.toLowerCase());
			if (!field) continue; // unknown fields are ignored
			const v = value[key];
			const where = `Go struct field ${structName}.${field.json}`;
			if (field.type === 'string') {
				if (v === null) continue;
				if (typeof v === 'string') req[field.json] = v;
				else
					typeError =
						typeError || `json: cannot unmarshal ${goKind(v)} into ${where} of type string`;
			} else {
				if (v === null) {
					req[field.json] = null;
					continue;
				}
				if (!Array.isArray(v)) {
					typeError =
						typeError || `json: cannot unmarshal ${goKind(v)} into ${where} of type []string`;
					continue;
				}
				const bad = v.find((item) => item !== null && typeof item !== 'string');
				if (bad !== undefined) {
					typeError =
						typeError || `json: cannot unmarshal ${goKind(bad)} into ${where} of type string`;
					continue;
				}
				req[field.json] = v.map((item) => (item === null ? '' : item));
			}
		}
	}
	if (typeError) {
		return {
			error: { code: 1801, message: 'can only accept json format request, error: ' + typeError },
		};
	}
	const missing = fields.filter((f) => f.required && req[f.json] === '');
	if (missing.length > 0) {
		const details = missing
			.map(
				(f) =>
					`Key: '${structName}.${f.go}' Error:Field validation for '${f.go}' failed on the 'required' tag`,
			)
			.join('\n');
		return { error: { code: 1802, message: 'missing required parameters, error: ' + details } };
	}
	return { req };
}

/** Proxy-side validateCollectionNameOrAlias (no trimming, byte-wise ASCII checks). */
function validateName(entity, entityType) {
	if (entity === '') {
		return fail(1100, `collection ${entityType} should not be empty: invalid parameter`);
	}
	const invalidMsg = `Invalid collection ${entityType}: ${entity}. `;
	const bytes = Buffer.from(entity, 'utf8');
	if (bytes.length > MAX_NAME_LENGTH) {
		return fail(
			1100,
			`${invalidMsg} the length of a collection ${entityType} must be less than ${MAX_NAME_LENGTH} characters: invalid parameter`,
		);
	}
	const isAlpha = (b) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
	const isDigit = (b) => b >= 0x30 && b <= 0x39;
	if (bytes[0] !== 0x5f && !isAlpha(bytes[0])) {
		return fail(
			1100,
			`${invalidMsg} the first character of a collection ${entityType} must be an underscore or letter: invalid parameter`,
		);
	}
	for (let i = 1; i < bytes.length; i++) {
		const b = bytes[i];
		if (b !== 0x5f && !isAlpha(b) && !isDigit(b)) {
			return fail(
				1100,
				`${invalidMsg} collection ${entityType} can only contain numbers, letters and underscores: invalid parameter`,
			);
		}
	}
	return null;
}

function fail(code, message, status = 200) {
	return { error: { code, message }, status };
}

// ---------------------------------------------------------------------------------------------
// State

function normalizeCollectionOptions(options) {
	const opts = options || {};
	let loadState;
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
	let loadProgress;
	if (loadState === 'LoadStateLoaded') loadProgress = 100;
	else if (loadState === 'LoadStateLoading')
		loadProgress = typeof opts.loadProgress === 'number' ? opts.loadProgress : 50;
	return { loadState, loadProgress };
}

function createState() {
	/** @type {Map<string, { collections: Map<string, {loadState: string, loadProgress?: number}>, aliases: Map<string, string> }>} */
	const dbs = new Map();
	const state = {
		dbs,
		addDatabase(name) {
			if (typeof name !== 'string' || name === '')
				throw new Error('database name must be a non-empty string');
			if (!dbs.has(name)) dbs.set(name, { collections: new Map(), aliases: new Map() });
			return dbs.get(name);
		},
		db(name) {
			const db = dbs.get(name);
			if (!db) throw new Error(`emulator: database ${name} does not exist`);
			return db;
		},
	};
	state.addDatabase('default');
	return state;
}

// ---------------------------------------------------------------------------------------------
// Route handlers: (emulator, req, dbName) -> { data } | { error, status? } | { raw }

function dbNotFound(dbName) {
	return fail(800, `database not found[database=${dbName}]`);
}

/** The checks create and alter share, in Milvus's order: names, database, name conflict, target. */
function checkPointing(st, req, dbName, databaseInNotFound) {
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

const ROUTES = {
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
			const names = [];
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
			const collection = resolved !== undefined ? db.collections.get(resolved) : undefined;
			if (!collection) {
				return fail(100, `collection not found[database=${dbName}][collection=${name}]`);
			}
			if (collection.loadState === 'LoadStateNotLoad') {
				return { data: { loadState: 'LoadStateNotLoad' } };
			}
			const progress = collection.loadState === 'LoadStateLoaded' ? 100 : collection.loadProgress;
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

// ---------------------------------------------------------------------------------------------
// Auth (internal/distributed/proxy/service.go authenticate + httpserver.ParseUsernamePassword)

const BASE64_STD = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function parseBasicAuth(header) {
	const prefix = 'Basic ';
	if (
		header.length < prefix.length ||
		header.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()
	) {
		return null;
	}
	const encoded = header.slice(prefix.length).replace(/[\r\n]/g, '');
	if (!BASE64_STD.test(encoded)) return null;
	const decoded = Buffer.from(encoded, 'base64').toString('utf8');
	const i = decoded.indexOf(':');
	if (i === -1) return null;
	return { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

function trimBearer(header) {
	return header.startsWith('Bearer ') ? header.slice('Bearer '.length) : header;
}

function authenticate(authConfig, header) {
	const users = authConfig.users || {};
	const apiKeys = authConfig.apiKeys || [];
	let user = '';
	let password = '';
	let wwwAuthenticate = false;
	const basic = parseBasicAuth(header);
	if (basic) {
		wwwAuthenticate = true;
		user = basic.user;
		password = basic.password;
	} else {
		const token = trimBearer(header);
		const i = token.indexOf(':');
		if (i !== -1) {
			user = token.slice(0, i);
			password = token.slice(i + 1);
		}
	}
	if (
		user !== '' &&
		password !== '' &&
		Object.prototype.hasOwnProperty.call(users, user) &&
		users[user] === password
	) {
		return { ok: true, user, wwwAuthenticate };
	}
	const rawToken = trimBearer(header);
	if (rawToken !== '' && !rawToken.includes(':') && apiKeys.includes(rawToken)) {
		return { ok: true, user: 'apikey-user', wwwAuthenticate };
	}
	return { ok: false, wwwAuthenticate };
}

// ---------------------------------------------------------------------------------------------
// Faults

const FAULT_KINDS = ['status', 'code', 'hang', 'reset', 'nonJson'];

const DEFAULT_CODE_MESSAGES = {
	1800: "user hasn't authenticated",
	1807: 'request is rejected by limiter, error: rate limit exceeded[rate=1]',
	10001: 'request timeout',
	65535: 'unexpected error',
};

function normalizeFaultPath(path) {
	if (path === undefined || path === null) return undefined;
	if (typeof path !== 'string') throw new Error('fault.path must be a string');
	if (path.startsWith('/')) return path;
	if (path.startsWith('v2/')) return '/' + path;
	return API_ROOT + path; // shorthand: 'aliases/create'
}

// ---------------------------------------------------------------------------------------------

function normalizePrefix(prefix) {
	if (!prefix) return '';
	let p = prefix.startsWith('/') ? prefix : '/' + prefix;
	while (p.endsWith('/')) p = p.slice(0, -1);
	return p;
}

function decodePath(rawPath) {
	try {
		return decodeURIComponent(rawPath);
	} catch {
		return rawPath;
	}
}

function firstHeader(req, name) {
	const distinct = req.headersDistinct && req.headersDistinct[name];
	if (distinct && distinct.length > 0) return distinct[0];
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

class MilvusEmulator {
	constructor(options) {
		const opts = options || {};
		this.options = opts;
		this.pathPrefix = normalizePrefix(opts.pathPrefix);
		this.successCode = opts.legacySuccessCode ? 200 : 0;
		this.auth = opts.auth || null;
		this.latency = typeof opts.latency === 'number' ? opts.latency : 0;
		this.requests = [];
		this.faults = [];
		this.state = createState();
		this.closed = false;
		this.sockets = new Set();
		this.waiters = new Set();
		this.url = '';
		this.port = 0;
		const seed = opts.databases || {};
		for (const [dbName, dbSeed] of Object.entries(seed)) {
			this.addDatabase(dbName);
			for (const [name, collectionOptions] of Object.entries(
				(dbSeed && dbSeed.collections) || {},
			)) {
				this.addCollection(dbName, name, collectionOptions);
			}
			for (const [alias, target] of Object.entries((dbSeed && dbSeed.aliases) || {})) {
				this.setAlias(dbName, alias, target);
			}
		}
	}

	// --- state helpers --------------------------------------------------------------------

	addDatabase(name) {
		this.state.addDatabase(name);
	}

	addCollection(dbName, collectionName, options) {
		const db = this.state.addDatabase(dbName);
		if (db.aliases.has(collectionName)) {
			throw new Error(`emulator: ${collectionName} is already an alias in database ${dbName}`);
		}
		db.collections.set(collectionName, normalizeCollectionOptions(options));
	}

	setLoaded(dbName, collectionName, loaded) {
		this.setLoadState(dbName, collectionName, loaded ? 'LoadStateLoaded' : 'LoadStateNotLoad');
	}

	setLoadState(dbName, collectionName, loadState, loadProgress) {
		const db = this.state.db(dbName);
		if (!db.collections.has(collectionName)) {
			throw new Error(
				`emulator: collection ${collectionName} does not exist in database ${dbName}`,
			);
		}
		db.collections.set(collectionName, normalizeCollectionOptions({ loadState, loadProgress }));
	}

	/** Test helper, no Milvus checks: removes the collection and every alias pointing to it. */
	dropCollection(dbName, collectionName) {
		const db = this.state.db(dbName);
		db.collections.delete(collectionName);
		for (const [alias, target] of [...db.aliases]) {
			if (target === collectionName) db.aliases.delete(alias);
		}
	}

	setAlias(dbName, aliasName, collectionName) {
		const db = this.state.db(dbName);
		if (!db.collections.has(collectionName)) {
			throw new Error(
				`emulator: collection ${collectionName} does not exist in database ${dbName}`,
			);
		}
		if (db.collections.has(aliasName)) {
			throw new Error(`emulator: ${aliasName} is a collection name in database ${dbName}`);
		}
		db.aliases.set(aliasName, collectionName);
	}

	removeAlias(dbName, aliasName) {
		const db = this.state.dbs.get(dbName);
		if (db) db.aliases.delete(aliasName);
	}

	getAliases(dbName) {
		const db = this.state.dbs.get(dbName === undefined ? 'default' : dbName);
		return db ? Object.fromEntries(db.aliases) : {};
	}

	getCollections(dbName) {
		const db = this.state.dbs.get(dbName === undefined ? 'default' : dbName);
		const result = {};
		if (db) for (const [name, c] of db.collections) result[name] = { ...c };
		return result;
	}

	getDatabases() {
		return [...this.state.dbs.keys()];
	}

	clearRequests() {
		this.requests.length = 0;
	}

	injectFault(fault) {
		if (!fault || !FAULT_KINDS.includes(fault.kind)) {
			throw new Error(`emulator: fault.kind must be one of ${FAULT_KINDS.join(', ')}`);
		}
		const times = fault.times === undefined ? 1 : fault.times;
		if (!Number.isInteger(times) || times < 1)
			throw new Error('emulator: fault.times must be a positive integer');
		this.faults.push({ ...fault, path: normalizeFaultPath(fault.path), remaining: times });
	}

	clearFaults() {
		this.faults.length = 0;
	}

	setLatency(ms) {
		if (typeof ms !== 'number' || !(ms >= 0))
			throw new Error('emulator: latency must be a number >= 0');
		this.latency = ms;
	}

	// --- HTTP -------------------------------------------------------------------------------

	takeFault(routePath) {
		const index = this.faults.findIndex((f) => f.path === undefined || f.path === routePath);
		if (index === -1) return null;
		const fault = this.faults[index];
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.faults.splice(index, 1);
		return fault;
	}

	delay(ms) {
		return new Promise((resolve) => {
			const waiter = {
				resolve,
				timer: setTimeout(() => {
					this.waiters.delete(waiter);
					resolve();
				}, ms),
			};
			this.waiters.add(waiter);
		});
	}

	/** Computes the real answer (performing state changes): { status, headers, body }. */
	respond(ctx) {
		const { method, rawPath, query } = ctx;
		if (method === 'OPTIONS') return { status: 204, headers: { ...CORS_HEADERS }, body: '' };

		const routePath = ctx.routePath;
		const routeKey =
			routePath !== null && routePath.startsWith(API_ROOT)
				? routePath.slice(API_ROOT.length)
				: null;
		const route =
			routeKey !== null && Object.prototype.hasOwnProperty.call(ROUTES, routeKey)
				? ROUTES[routeKey]
				: null;

		// gin RedirectTrailingSlash: runs before any middleware (no CORS, no auth).
		if (method === 'POST' && !route && routeKey !== null && routeKey.endsWith('/')) {
			const trimmed = routeKey.slice(0, -1);
			if (Object.prototype.hasOwnProperty.call(ROUTES, trimmed)) {
				return {
					status: 307,
					headers: { Location: rawPath.slice(0, -1) + (query ? '?' + query : '') },
					body: '',
				};
			}
		}

		const responseHeaders = { ...CORS_HEADERS };
		if (this.auth) {
			const result = authenticate(this.auth, firstHeader(ctx.req, 'authorization') || '');
			if (result.wwwAuthenticate)
				responseHeaders['WWW-Authenticate'] = 'Basic realm="restricted", charset="UTF-8"';
			if (!result.ok) {
				return this.json(
					401,
					{ code: 1800, message: "user hasn't authenticated" },
					responseHeaders,
				);
			}
		}

		if (method !== 'POST' || !route) {
			return {
				status: 404,
				headers: { ...responseHeaders, 'Content-Type': 'text/plain' },
				body: '404 page not found',
			};
		}

		const bound = bindBody(ctx.rawBody, route.struct);
		if (bound.error) return this.json(200, bound.error, responseHeaders);

		let dbName = bound.req.dbName;
		if (dbName === '') dbName = firstHeader(ctx.req, 'db-name') || 'default';

		const result = route.handler(this.state, bound.req, dbName);
		if (result.error) return this.json(result.status || 200, result.error, responseHeaders);
		const body = { code: this.successCode, data: result.data };
		if (result.message !== undefined) body.message = result.message;
		return this.json(200, body, responseHeaders);
	}

	json(status, payload, headers) {
		return {
			status,
			headers: { ...headers, 'Content-Type': JSON_CONTENT_TYPE },
			body: goJson(payload),
		};
	}

	send(res, answer) {
		if (res.destroyed || res.writableEnded) return;
		const body = answer.body === undefined ? '' : answer.body;
		const headers = { ...answer.headers };
		if (answer.status !== 204 && answer.status !== 304)
			headers['Content-Length'] = Buffer.byteLength(body);
		res.writeHead(answer.status, headers);
		res.end(answer.status === 204 ? undefined : body);
	}

	faultAnswer(fault, req, res) {
		switch (fault.kind) {
			case 'status':
				this.send(res, {
					status: fault.status || 503,
					headers: {
						'Content-Type': fault.contentType || 'text/plain; charset=utf-8',
						...(fault.headers || {}),
					},
					body: fault.body === undefined ? 'upstream unavailable' : String(fault.body),
				});
				return;
			case 'code': {
				const code = fault.code === undefined ? 65535 : fault.code;
				const message =
					fault.message === undefined
						? DEFAULT_CODE_MESSAGES[code] || 'emulated error'
						: fault.message;
				this.send(
					res,
					this.json(fault.status || 200, { code, message }, { ...(fault.headers || {}) }),
				);
				return;
			}
			case 'nonJson':
				this.send(res, {
					status: fault.status || 200,
					headers: {
						'Content-Type': fault.contentType || 'text/html; charset=utf-8',
						...(fault.headers || {}),
					},
					body: fault.body === undefined ? '<html>oops</html>' : String(fault.body),
				});
				return;
			case 'reset': {
				// Send a TCP RST (client sees ECONNRESET); for TLS, reset the underlying TCP socket.
				const socket = req.socket;
				const tcp = socket.encrypted ? socket._parent : socket;
				if (tcp && typeof tcp.resetAndDestroy === 'function') {
					try {
						tcp.resetAndDestroy();
					} catch {
						// fall through to destroy
					}
				}
				socket.destroy();
				return;
			}
			case 'hang':
			default:
				// Never answer; the socket is destroyed by the client or by close().
				return;
		}
	}

	async handle(req, res) {
		const rawBody = await new Promise((resolve) => {
			const chunks = [];
			req.on('data', (chunk) => chunks.push(chunk));
			req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
			req.on('error', () => resolve(null));
			req.on('aborted', () => resolve(null));
		});
		if (rawBody === null || this.closed) return;

		const rawUrl = req.url || '/';
		const q = rawUrl.indexOf('?');
		const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
		const query = q === -1 ? '' : rawUrl.slice(q + 1);
		const path = decodePath(rawPath);
		let routePath = null;
		if (this.pathPrefix === '') routePath = path;
		else if (path.startsWith(this.pathPrefix + '/')) routePath = path.slice(this.pathPrefix.length);

		let body;
		try {
			body = JSON.parse(rawBody);
		} catch {
			body = undefined;
		}
		this.requests.push({
			method: req.method,
			path: rawPath,
			url: rawUrl,
			headers: { ...req.headers },
			rawBody,
			body,
			at: Date.now(),
		});

		const fault = this.takeFault(routePath === null ? path : routePath);
		if (this.latency > 0) await this.delay(this.latency);
		if (this.closed) return;

		const ctx = { req, method: req.method, rawPath, query, routePath, rawBody };
		if (fault) {
			if (fault.applyFirst) this.respond(ctx);
			this.faultAnswer(fault, req, res);
			return;
		}
		this.send(res, this.respond(ctx));
	}

	async listen(port) {
		const handler = (req, res) => {
			this.handle(req, res).catch((error) => {
				// A bug in the emulator: answer like gin's recovery middleware.
				if (!res.headersSent && !res.destroyed) {
					this.send(
						res,
						this.json(500, { code: 500, message: String(error && error.message) }, {}),
					);
				}
			});
		};
		const tls = this.options.tls;
		this.server = tls
			? https.createServer({ key: tls.key, cert: tls.cert }, handler)
			: http.createServer(handler);
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		// Never let a TLS handshake failure (e.g. the client rejecting the certificate) crash anything.
		this.server.on('tlsClientError', () => {});
		this.server.on('clientError', (_error, socket) => socket.destroy());
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port || 0, '127.0.0.1', () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		this.port = this.server.address().port;
		this.url = `${tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
	}

	close() {
		if (this.closePromise) return this.closePromise;
		this.closed = true;
		for (const waiter of this.waiters) {
			clearTimeout(waiter.timer);
			waiter.resolve();
		}
		this.waiters.clear();
		this.closePromise = new Promise((resolve) => {
			if (!this.server) return resolve();
			this.server.close(() => resolve());
			for (const socket of this.sockets) socket.destroy();
			if (typeof this.server.closeAllConnections === 'function') this.server.closeAllConnections();
		});
		return this.closePromise;
	}
}

/**
 * Starts an emulator on 127.0.0.1 (ephemeral port unless options.port is given).
 * @param {object} [options] see emulator.d.ts
 * @returns {Promise<MilvusEmulator>}
 */
async function startEmulator(options) {
	const emulator = new MilvusEmulator(options);
	await emulator.listen(options && options.port);
	return emulator;
}

module.exports = { startEmulator, MilvusEmulator };
