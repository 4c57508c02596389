/**
 * Issue 5, production-grade under faults: timeouts, retries with backoff, no double-apply,
 * cancellation, TLS, one message and hint per failure kind, no secret anywhere, and the error
 * output's shape. Everything runs through n8n-core's real engine against the Milvus emulator,
 * on loopback only.
 *
 * FAILURE_CASES below drives the Troubleshooting table in README.md (column `row`; the row
 * "Execution canceled" is pinned by the cancellation tests): change one, change the other.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { jsonStringify, sleep } from 'n8n-workflow';

import { startEmulator } from '../../tooling/emulator';
import type { EmulatorFault, MilvusEmulator, RecordedRequest } from '../../tooling/emulator';
import { cert, key } from '../../tooling/emulator/tls';
import type { MilvusCredentialData, RunOptions, RunResult } from '../harness/n8n-harness';
import { runMilvusAlias } from '../harness/n8n-harness';

// ---------------------------------------------------------------------------------------------
// Fixtures

/** The test password: distinctive, so any leak of it shows. */
const CANARY = 'S3cr3t-T0ken-xyz';
const TOKEN = `root:${CANARY}`;
const WRONG_CANARY = 'Wr0ng-S3cr3t-qrs';
const WRONG_TOKEN = `root:${WRONG_CANARY}`;

/** Every form a leaked token could take: as is, its password part, and their base64 (Basic auth). */
function secretForms(token: string): string[] {
	const password = token.slice(token.indexOf(':') + 1);
	const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
	return [token, password, b64(token), b64(password), encodeURIComponent(token)];
}

/** Milvus with authentication on, books -> books_v1, and books_v2 ready to switch to. */
async function milvus(tls = false): Promise<MilvusEmulator> {
	return await startEmulator({
		auth: { users: { root: CANARY } },
		...(tls ? { tls: { key, cert } } : {}),
		databases: {
			default: {
				collections: { books_v1: {}, books_v2: {}, drafts: { loaded: false } },
				aliases: { books: 'books_v1' },
			},
		},
	});
}

/** An address where nothing listens: an emulator's port, closed again. */
async function deadAddress(): Promise<string> {
	const emulator = await startEmulator();
	const url = emulator.url;
	await emulator.close();
	return url;
}

const collection = (value: string) => ({ __rl: true, mode: 'name', value });

/** Small timeouts and delays keep the file fast; every case states what it needs on top. */
const FAST = { timeout: 250, maxRetries: 2, retryDelay: 10 };
/** Long enough that a retry that should not happen shows in the elapsed time. */
const NO_RETRY_EXPECTED = { timeout: 2000, maxRetries: 2, retryDelay: 4000 };
const TRIES = FAST.maxRetries + 1;

const tail = (request: RecordedRequest) => request.path.replace(/^.*\/v2\/vectordb\//, '');
const sequence = (emulator: MilvusEmulator) => emulator.requests.map(tail);

/** Every string reachable from `value` (own properties, enumerable or not: message, stack, cause...). */
function reachableText(
	value: unknown,
	seen = new Set<object>(),
	depth = 0,
	out: string[] = [],
): string[] {
	if (typeof value === 'string') out.push(value);
	else if (typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
	else if (value !== null && typeof value === 'object' && depth < 40 && !seen.has(value)) {
		seen.add(value);
		for (const name of Object.getOwnPropertyNames(value)) {
			out.push(name);
			let child: unknown;
			try {
				child = (value as Record<string, unknown>)[name];
			} catch {
				continue;
			}
			reachableText(child, seen, depth + 1, out);
		}
	}
	return out;
}

function expectNoSecret(result: RunResult, token: string): void {
	const serialized = [
		jsonStringify(result.run, { replaceCircularRefs: true }),
		jsonStringify(result.outputs, { replaceCircularRefs: true }),
		jsonStringify(result.error ?? null, { replaceCircularRefs: true }),
		...reachableText(result),
	].join('\n');
	for (const form of secretForms(token)) expect(serialized).not.toContain(form);
	// Positive control: the scan did reach the error's texts.
	if (result.error)
		expect(serialized).toContain(String(result.error.description ?? result.error.message));
}

// ---------------------------------------------------------------------------------------------
// One case per failure kind (and per way of reaching it)

interface Env {
	plain: MilvusEmulator;
	tls: MilvusEmulator;
	dead: string;
}

interface FailureCase {
	/** Row of the Troubleshooting table in README.md this case pins. */
	row: string;
	/** What makes it happen. */
	how: string;
	endpoint?: (env: Env) => string;
	token?: string;
	/** Node parameters on top of a Get of alias "books". */
	parameters?: IDataObject;
	options: IDataObject;
	faults?: EmulatorFault[];
	message: RegExp;
	/** Each must match the error's description (the hint). */
	description: RegExp[];
	/** Requests the emulator(s) received; undefined when it cannot see them. */
	requests?: number;
	/** Whether the node retried: the message then says how often it tried. */
	retried: boolean;
}

const forbiddenBody = JSON.stringify({
	code: 65535,
	message:
		'rpc error: code = PermissionDenied desc = PrivilegeDescribeAlias: permission deny to reader in the `default` database',
});

const FAILURE_CASES: FailureCase[] = [
	{
		row: 'Endpoint without http:// or https://',
		how: 'endpoint "127.0.0.1:<port>"',
		endpoint: (env) => env.plain.url.replace('http://', ''),
		options: NO_RETRY_EXPECTED,
		message:
			/^The credential's Endpoint "127\.0\.0\.1:\d+" does not start with http:\/\/ or https:\/\/\. Use e\.g\. http:\/\/127\.0\.0\.1:\d+$/,
		description: [/^Edit the "Milvus REST API" credential\.$/],
		requests: 0,
		retried: false,
	},
	{
		row: 'Wrong endpoint path (HTTP 404)',
		how: 'endpoint with a path prefix Milvus does not have',
		endpoint: (env) => `${env.plain.url}/milvus`,
		options: NO_RETRY_EXPECTED,
		message:
			/^No Milvus REST API v2 at http:\/\/127\.0\.0\.1:\d+\/milvus \(HTTP 404: 404 page not found\)$/,
		description: [
			/^Check the credential's Endpoint: the Milvus host and its REST port \(19530 by default\), plus the path prefix/,
			/REST API v2 \(Milvus 2\.4 or newer/,
		],
		requests: 1,
		retried: false,
	},
	{
		row: 'Connection refused',
		how: 'a port where nothing listens',
		endpoint: (env) => env.dead,
		options: NO_RETRY_EXPECTED,
		message: /^Nothing is listening at 127\.0\.0\.1:\d+: the connection was refused$/,
		description: [
			/^Check the host and port in the credential's Endpoint \(Milvus serves REST on 19530 by default\) and that Milvus is running/,
		],
		retried: false,
	},
	{
		row: 'Host name does not resolve',
		how: 'a host under the reserved .invalid TLD',
		endpoint: () => 'http://milvus.invalid:19530',
		options: NO_RETRY_EXPECTED,
		message: /^The host name in http:\/\/milvus\.invalid:19530 could not be resolved$/,
		description: [
			/^Check the spelling of the host in the credential's Endpoint and that the machine running n8n can resolve it/,
		],
		retried: false,
	},
	{
		row: 'Untrusted TLS certificate',
		how: 'HTTPS emulator with a self-signed certificate, Ignore SSL Issues off',
		endpoint: (env) => env.tls.url,
		options: NO_RETRY_EXPECTED,
		message: /^The TLS certificate of 127\.0\.0\.1:\d+ is not trusted$/,
		description: [
			/DEPTH_ZERO_SELF_SIGNED_CERT/,
			/turn on "Ignore SSL Issues \(Insecure\)" in the credential/,
			/NODE_EXTRA_CA_CERTS/,
		],
		requests: 0,
		retried: false,
	},
	{
		row: 'https:// for a server without TLS',
		how: 'https:// against the plain-HTTP emulator',
		endpoint: (env) => env.plain.url.replace('http://', 'https://'),
		options: NO_RETRY_EXPECTED,
		message: /^The TLS handshake with 127\.0\.0\.1:\d+ failed$/,
		description: [
			/^The Endpoint starts with https:\/\/ but the server did not complete a TLS handshake/,
			/try http:\/\//,
		],
		requests: 0,
		retried: false,
	},
	{
		row: 'http:// for a server that uses TLS',
		how: "Milvus's (Go's) answer to plain HTTP on its TLS port",
		options: NO_RETRY_EXPECTED,
		faults: [
			{ kind: 'status', status: 400, body: 'Client sent an HTTP request to an HTTPS server.\n' },
		],
		message: /^Milvus answered HTTP 400: Client sent an HTTP request to an HTTPS server\.$/,
		description: [
			/uses TLS: change the credential's Endpoint to start with https:\/\//,
			/Ignore SSL Issues/,
		],
		requests: 1,
		retried: false,
	},
	{
		row: 'Connection closed before an answer',
		how: 'http:// against the HTTPS emulator (a Node.js TLS server drops the connection)',
		endpoint: (env) => env.tls.url.replace('https://', 'http://'),
		options: FAST,
		message: new RegExp(
			`^The connection to 127\\.0\\.0\\.1:\\d+ was closed before Milvus answered \\(tried ${TRIES} times\\)$`,
		),
		description: [/check the Endpoint's scheme: a server that uses TLS needs https:\/\//],
		requests: 0,
		retried: true,
	},
	{
		row: 'Connection closed before an answer',
		how: 'every attempt reset by the server',
		options: FAST,
		faults: [{ kind: 'reset', times: 10 }],
		message: new RegExp(
			`^The connection to 127\\.0\\.0\\.1:\\d+ was closed before Milvus answered \\(tried ${TRIES} times\\)$`,
		),
		description: [/a server that uses TLS needs https:\/\//, /a proxy may be dropping connections/],
		requests: TRIES,
		retried: true,
	},
	{
		row: 'Connection closed before an answer',
		how: 'reset during a change (Create): the node warns it may have applied',
		parameters: {
			operation: 'create',
			aliasName: 'new_alias',
			collectionName: collection('books_v2'),
		},
		options: FAST,
		faults: [{ kind: 'reset', path: 'aliases/create', times: 10 }],
		message: new RegExp(
			`^The connection to 127\\.0\\.0\\.1:\\d+ was closed before Milvus answered \\(tried ${TRIES} times\\)$`,
		),
		description: [
			/^The change may still have been applied on the server: run the Get operation to check before trying again\./,
		],
		// create, then describe to check whether it applied, per attempt
		requests: 2 * TRIES,
		retried: true,
	},
	{
		row: 'Connection closed before an answer',
		how: 'reset during Delete (no check needed: dropping is idempotent)',
		parameters: { operation: 'delete', aliasName: 'books' },
		options: FAST,
		faults: [{ kind: 'reset', path: 'aliases/drop', times: 10 }],
		message: new RegExp(
			`^The connection to 127\\.0\\.0\\.1:\\d+ was closed before Milvus answered \\(tried ${TRIES} times\\)$`,
		),
		description: [/^The change may still have been applied on the server/],
		requests: TRIES,
		retried: true,
	},
	{
		row: 'Client timeout (no answer within Timeout)',
		how: 'the server never answers',
		options: FAST,
		faults: [{ kind: 'hang', times: 10 }],
		message: new RegExp(`^Milvus did not answer within 250 ms \\(tried ${TRIES} times\\)$`),
		description: [/^If the server is reachable but slow, raise the Timeout option/],
		requests: TRIES,
		retried: true,
	},
	{
		row: 'HTTP 502, 503 or 504 from a proxy',
		how: 'HTTP 502',
		options: FAST,
		faults: [{ kind: 'status', status: 502, body: 'Bad Gateway', times: 10 }],
		message: new RegExp(
			`^Milvus or a proxy in front of it is unavailable \\(HTTP 502\\) \\(tried ${TRIES} times\\)$`,
		),
		description: [/^The server said: Bad Gateway\. Try again later, or raise Max Retries\.$/],
		requests: TRIES,
		retried: true,
	},
	{
		row: 'HTTP 502, 503 or 504 from a proxy',
		how: 'HTTP 503',
		options: FAST,
		faults: [{ kind: 'status', status: 503, times: 10 }],
		message: new RegExp(
			`^Milvus or a proxy in front of it is unavailable \\(HTTP 503\\) \\(tried ${TRIES} times\\)$`,
		),
		description: [
			/^The server said: upstream unavailable\. Try again later, or raise Max Retries\.$/,
		],
		requests: TRIES,
		retried: true,
	},
	{
		row: 'HTTP 502, 503 or 504 from a proxy',
		how: 'HTTP 504 during Update',
		parameters: { operation: 'update', aliasName: 'books', collectionName: collection('books_v2') },
		options: FAST,
		faults: [
			{ kind: 'status', status: 504, body: 'Gateway Timeout', path: 'aliases/alter', times: 10 },
		],
		message: new RegExp(
			`^Milvus or a proxy in front of it is unavailable \\(HTTP 504\\) \\(tried ${TRIES} times\\)$`,
		),
		description: [
			/Try again later, or raise Max Retries\. The change may still have been applied on the server/,
		],
		// describe, then per attempt: alter + describe to check
		requests: 1 + 2 * TRIES,
		retried: true,
	},
	{
		row: 'Answer that is not Milvus JSON',
		how: 'HTTP 200 with an HTML page',
		options: NO_RETRY_EXPECTED,
		faults: [{ kind: 'nonJson', times: 10 }],
		message:
			/^The server at http:\/\/127\.0\.0\.1:\d+ answered, but not with Milvus JSON \(HTTP 200: "<html>oops<\/html>"\)$/,
		description: [
			/^Check that the credential's Endpoint points at Milvus itself, not at another service, a proxy's login page or a web UI \(such as Attu\)\.$/,
		],
		requests: 1,
		retried: false,
	},
	{
		row: 'Wrong token (HTTP 401, Milvus 1800)',
		how: 'wrong password',
		token: WRONG_TOKEN,
		options: NO_RETRY_EXPECTED,
		message: /^Milvus error 1800: user hasn't authenticated$/,
		description: [
			/^Milvus did not accept the credential\. Check the token in the "Milvus REST API" credential: "user:password"/,
		],
		requests: 1,
		retried: false,
	},
	{
		row: 'Missing privilege (HTTP 403)',
		how: 'RBAC denial, HTTP 403 with code 65535',
		options: NO_RETRY_EXPECTED,
		faults: [
			{
				kind: 'status',
				status: 403,
				contentType: 'application/json; charset=utf-8',
				body: forbiddenBody,
				times: 10,
			},
		],
		message:
			/^Milvus error 65535: rpc error: code = PermissionDenied desc = PrivilegeDescribeAlias: permission deny to reader in the `default` database$/,
		description: [
			/^The user of the credential's token lacks the privilege for this operation in database "default"\. Grant it with Milvus RBAC/,
		],
		requests: 1,
		retried: false,
	},
	{
		row: 'Missing privilege (HTTP 403)',
		how: 'HTTP 403 without a Milvus body (from a proxy)',
		options: NO_RETRY_EXPECTED,
		faults: [{ kind: 'status', status: 403, body: 'Forbidden', times: 10 }],
		message: /^Milvus answered HTTP 403: Forbidden$/,
		description: [
			/^The user of the credential's token lacks the privilege for this operation in database "default"\./,
		],
		requests: 1,
		retried: false,
	},
	{
		row: 'Collection not found (Milvus 100)',
		how: 'Create pointing at a collection that does not exist',
		parameters: {
			operation: 'create',
			aliasName: 'new_alias',
			collectionName: collection('missing_collection'),
		},
		options: NO_RETRY_EXPECTED,
		message:
			/^Milvus error 100: collection not found\[database=default\]\[collection=missing_collection\]$/,
		description: [
			/^Collection "missing_collection" does not exist in database "default"\. Check the collection name and the Database Name/,
		],
		requests: 1,
		retried: false,
	},
	{
		row: 'Database not found (Milvus 800)',
		how: 'Database Name of a database that does not exist',
		parameters: { operation: 'get', aliasName: 'books', dbName: 'no_such_db' },
		options: NO_RETRY_EXPECTED,
		message: /^Milvus error 800: database not found\[database=no_such_db\]$/,
		description: [
			/^Database "no_such_db" does not exist on this server\. Check the Database Name, or leave it empty/,
		],
		requests: 1,
		retried: false,
	},
	{
		row: 'Name rejected by Milvus (Milvus 1100)',
		how: 'the server rejects a name the node accepted',
		options: NO_RETRY_EXPECTED,
		faults: [
			{
				kind: 'code',
				code: 1100,
				message:
					'Invalid collection alias: books.  collection alias can only contain numbers, letters and underscores: invalid parameter',
				times: 10,
			},
		],
		message:
			/^Milvus error 1100: Invalid collection alias: books\. {2}collection alias can only contain/,
		description: [
			/^Milvus rejected a name as invalid\. Names start with a letter or an underscore/,
		],
		requests: 1,
		retried: false,
	},
	{
		row: 'Alias not found (Milvus 1600)',
		how: 'Get of an alias that does not exist',
		parameters: { operation: 'get', aliasName: 'missing_alias' },
		options: NO_RETRY_EXPECTED,
		message: /^Milvus error 1600: alias not found\[database=default\]\[alias=missing_alias\]$/,
		description: [
			/^Alias "missing_alias" does not exist in database "default"\. Check the alias name and the Database Name; Get Many lists the aliases that exist\.$/,
		],
		requests: 1,
		retried: false,
	},
	{
		row: 'Alias not found (Milvus 1600)',
		how: 'Update of an alias that does not exist',
		parameters: {
			operation: 'update',
			aliasName: 'missing_alias',
			collectionName: collection('books_v2'),
		},
		options: NO_RETRY_EXPECTED,
		message: /^Milvus error 1600: alias not found\[database=default\]\[alias=missing_alias\]$/,
		description: [
			/and Update only repoints an existing alias\. Use Create or Update to create it when it is missing\.$/,
		],
		requests: 1,
		retried: false,
	},
	{
		row: 'Alias name is a collection name (Milvus 1601)',
		how: 'Create an alias named like an existing collection',
		parameters: {
			operation: 'create',
			aliasName: 'books_v2',
			collectionName: collection('books_v1'),
		},
		options: NO_RETRY_EXPECTED,
		message:
			/^Milvus error 1601: alias and collection name conflict\[database=default\]\[alias=books_v2\]$/,
		description: [
			/^"books_v2" is already the name of a collection in database "default", and an alias must differ from every collection name\./,
		],
		requests: 1,
		retried: false,
	},
	{
		row: 'Alias points to another collection (Milvus 1602)',
		how: 'Create an alias that already points elsewhere',
		parameters: { operation: 'create', aliasName: 'books', collectionName: collection('books_v2') },
		options: NO_RETRY_EXPECTED,
		message:
			/^Milvus error 1602: books is alias to another collection: books_v1: alias already exist\[database=default\]\[alias=books\]$/,
		description: [
			/^Alias "books" already points to another collection\. Use Update to repoint it, or Create or Update/,
		],
		requests: 1,
		retried: false,
	},
	{
		row: 'Request body not readable (Milvus 1801, 1802)',
		how: 'code 1801',
		options: NO_RETRY_EXPECTED,
		faults: [
			{
				kind: 'code',
				code: 1801,
				message: 'can only accept json format request, error: unexpected EOF',
				times: 10,
			},
		],
		message: /^Milvus error 1801: can only accept json format request/,
		description: [
			/^Milvus could not read the request body\. A proxy between n8n and Milvus may be rewriting requests/,
		],
		requests: 1,
		retried: false,
	},
	{
		row: 'Request body not readable (Milvus 1801, 1802)',
		how: 'code 1802',
		options: NO_RETRY_EXPECTED,
		faults: [
			{
				kind: 'code',
				code: 1802,
				message:
					"missing required parameters, error: Key: 'AliasReq.AliasName' Error:Field validation for 'AliasName' failed on the 'required' tag",
				times: 10,
			},
		],
		message: /^Milvus error 1802: missing required parameters/,
		description: [/^Milvus could not read the request body\./],
		requests: 1,
		retried: false,
	},
	{
		row: 'Rate limited (Milvus 1807)',
		how: 'every attempt rejected by the limiter',
		options: FAST,
		faults: [{ kind: 'code', code: 1807, times: 10 }],
		message: new RegExp(
			`^Milvus error 1807: request is rejected by limiter, error: rate limit exceeded\\[rate=1\\] \\(tried ${TRIES} times\\)$`,
		),
		description: [
			/^Milvus is rate-limiting alias changes\. Lower the node's Concurrency option, raise Max Retries or Retry Delay/,
		],
		requests: TRIES,
		retried: true,
	},
	{
		row: 'Milvus timeout (HTTP 408, Milvus 10001)',
		how: "every attempt runs past the server's Request-Timeout",
		options: FAST,
		faults: [{ kind: 'code', code: 10001, status: 408, times: 10 }],
		message: new RegExp(`^Milvus error 10001: request timeout \\(tried ${TRIES} times\\)$`),
		description: [
			/^Milvus did not finish within the Timeout \(250 ms\)\. If the server is busy, raise the Timeout option\.$/,
		],
		requests: TRIES,
		retried: true,
	},
	{
		row: 'Other Milvus error (e.g. 65535)',
		how: 'an untyped Milvus error',
		options: NO_RETRY_EXPECTED,
		faults: [{ kind: 'code', code: 65535, message: 'unexpected error', times: 10 }],
		message: /^Milvus error 65535: unexpected error$/,
		description: [
			/^Milvus refused the get request for database "default"; its message above says why\.$/,
		],
		requests: 1,
		retried: false,
	},
	{
		row: 'Invalid alias or collection name',
		how: 'an alias name with a hyphen, checked before sending',
		parameters: { operation: 'get', aliasName: 'books-v1' },
		options: NO_RETRY_EXPECTED,
		message:
			/^Alias Name "books-v1" is not a valid Milvus name: it must start with a letter or an underscore/,
		description: [/^Fix the value for this item; no request was sent for it\.$/],
		requests: 0,
		retried: false,
	},
	{
		row: 'Collection not loaded (Require Loaded Collection on)',
		how: 'Update to a collection that is not loaded',
		parameters: { operation: 'update', aliasName: 'books', collectionName: collection('drafts') },
		options: { ...NO_RETRY_EXPECTED, requireLoaded: true },
		message:
			/^Collection "drafts" is not loaded \(load state LoadStateNotLoad\), so alias "books" was left unchanged$/,
		description: [/^"Require Loaded Collection" is on/, /Load "drafts"/],
		// describe, get_load_state
		requests: 2,
		retried: false,
	},
];

describe('every failure kind: message, hint, retries, no secret, error output', () => {
	let env: Env;

	beforeEach(async () => {
		env = { plain: await milvus(), tls: await milvus(true), dead: await deadAddress() };
	});

	afterEach(async () => {
		await env.plain.close();
		await env.tls.close();
	});

	test.each(FAILURE_CASES)('$row: $how', async (failureCase) => {
		const token = failureCase.token ?? TOKEN;
		const run = async (onError: RunOptions['onError']) => {
			env.plain.clearRequests();
			env.plain.clearFaults();
			env.tls.clearRequests();
			for (const fault of failureCase.faults ?? []) env.plain.injectFault(fault);
			const started = Date.now();
			const result = await runMilvusAlias({
				credentials: {
					endpoint: failureCase.endpoint?.(env) ?? env.plain.url,
					token,
				},
				parameters: {
					operation: 'get',
					aliasName: 'books',
					...failureCase.parameters,
					options: failureCase.options,
				},
				onError,
			});
			const elapsed = Date.now() - started;
			const requests = env.plain.requests.length + env.tls.requests.length;
			return { result, elapsed, requests };
		};

		// Stop on error: the run's error.
		const stopped = await run('stopWorkflow');
		const error = stopped.result.error as IDataObject;
		expect(error).toBeDefined();
		expect(error.message).toMatch(failureCase.message);
		for (const hint of failureCase.description) expect(error.description).toMatch(hint);
		expect(stopped.result.outputs.flat()).toHaveLength(0);
		if (failureCase.requests !== undefined) expect(stopped.requests).toBe(failureCase.requests);
		expect(/\(tried \d+ times\)/.test(String(error.message))).toBe(failureCase.retried);
		// A retry of a failure that should not be retried would wait NO_RETRY_EXPECTED.retryDelay/2 at least.
		if (!failureCase.retried) expect(stopped.elapsed).toBeLessThan(1900);
		expectNoSecret(stopped.result, token);

		// "Continue (using error output)": the same text on the error output, nothing else.
		const continued = await run('continueErrorOutput');
		expect(continued.result.error).toBeUndefined();
		const [success, failed] = continued.result.outputs as [
			INodeExecutionData[],
			INodeExecutionData[],
		];
		expect(success).toHaveLength(0);
		expect(failed).toHaveLength(1);
		expect(Object.keys(failed[0].json).sort()).toEqual(['details', 'error']);
		expect(failed[0].pairedItem).toEqual({ item: 0 });
		expect(failed[0].json.error).toMatch(failureCase.message);
		const details = failed[0].json.details as IDataObject;
		for (const hint of failureCase.description) expect(details.description).toMatch(hint);
		if (failureCase.requests !== undefined) expect(continued.requests).toBe(failureCase.requests);
		expectNoSecret(continued.result, token);
	});
});

describe('secrets', () => {
	test('the scan finds a token hidden in a nested, non-enumerable cause, in any form', () => {
		for (const form of secretForms(TOKEN)) {
			const cause = new Error('request failed');
			Object.defineProperty(cause, 'config', {
				value: { headers: { Authorization: `Basic ${form}` } },
				enumerable: false,
			});
			const error = new Error('outer', { cause });
			const result = { run: {}, outputs: [], error, decryptions: 1 } as unknown as RunResult;
			expect(() => expectNoSecret(result, TOKEN)).toThrow();
		}
	});

	test('a password in the endpoint URL never shows in messages or outputs', async () => {
		const emulator = await milvus();
		try {
			const dead = await deadAddress();
			for (const endpoint of [dead, `${emulator.url}/milvus`]) {
				for (const onError of ['stopWorkflow', 'continueErrorOutput'] as const) {
					const result = await runMilvusAlias({
						credentials: {
							endpoint: endpoint.replace('http://', `http://root:${CANARY}@`),
							token: TOKEN,
						},
						parameters: { operation: 'get', aliasName: 'books', options: NO_RETRY_EXPECTED },
						onError,
					});
					const text =
						onError === 'stopWorkflow'
							? String(result.error?.message)
							: String(result.outputs[1][0].json.error);
					expect(text).toMatch(
						/^(Nothing is listening at 127\.0\.0\.1:\d+|No Milvus REST API v2 at http:\/\/127\.0\.0\.1:\d+\/milvus )/,
					);
					expectNoSecret(result, TOKEN);
				}
			}
		} finally {
			await emulator.close();
		}
	});
});

// ---------------------------------------------------------------------------------------------

describe('Request-Timeout header', () => {
	let emulator: MilvusEmulator;
	beforeAll(async () => {
		emulator = await milvus();
	});
	afterAll(async () => {
		await emulator.close();
	});

	test.each([
		{ label: '300 ms', timeout: 300, header: '1' },
		{ label: '1000 ms', timeout: 1000, header: '1' },
		{ label: '2500 ms', timeout: 2500, header: '3' },
		{ label: 'the default (30000 ms)', timeout: undefined, header: '30' },
	])(
		'a Timeout of $label is sent as "$header" (whole seconds, never 0)',
		async ({ timeout, header }) => {
			emulator.clearRequests();
			const result = await runMilvusAlias({
				credentials: { endpoint: emulator.url, token: TOKEN },
				parameters: {
					operation: 'get',
					aliasName: 'books',
					options: timeout === undefined ? {} : { timeout },
				},
			});
			expect(result.error).toBeUndefined();
			expect(emulator.requests).toHaveLength(1);
			expect(emulator.requests[0].headers['request-timeout']).toBe(header);
		},
	);

	test('a hanging server fails the item after about the timeout, with the timeout message', async () => {
		emulator.clearRequests();
		emulator.injectFault({ kind: 'hang' });
		const started = Date.now();
		const result = await runMilvusAlias({
			credentials: { endpoint: emulator.url, token: TOKEN },
			parameters: {
				operation: 'get',
				aliasName: 'books',
				options: { timeout: 300, maxRetries: 0 },
			},
		});
		const elapsed = Date.now() - started;
		expect(result.error?.message).toBe('Milvus did not answer within 300 ms');
		expect(elapsed).toBeGreaterThanOrEqual(290);
		expect(elapsed).toBeLessThan(1500);
		expect(emulator.requests).toHaveLength(1);
	});
});

describe('retries', () => {
	let emulator: MilvusEmulator;
	beforeEach(async () => {
		emulator = await milvus();
	});
	afterEach(async () => {
		await emulator.close();
	});

	test.each<{ name: string; fault: EmulatorFault }>([
		{ name: 'network reset', fault: { kind: 'reset', times: 2 } },
		{ name: 'client timeout', fault: { kind: 'hang', times: 2 } },
		{ name: 'HTTP 502', fault: { kind: 'status', status: 502, times: 2 } },
		{ name: 'HTTP 503', fault: { kind: 'status', status: 503, times: 2 } },
		{ name: 'HTTP 504', fault: { kind: 'status', status: 504, times: 2 } },
		{ name: 'HTTP 429 from a proxy', fault: { kind: 'status', status: 429, times: 2 } },
		{ name: 'Milvus 1807 (HTTP 200)', fault: { kind: 'code', code: 1807, times: 2 } },
		{
			name: 'Milvus 10001 (HTTP 408)',
			fault: { kind: 'code', code: 10001, status: 408, times: 2 },
		},
		{ name: 'Milvus 10001 (HTTP 200)', fault: { kind: 'code', code: 10001, times: 2 } },
	])('$name is retried and succeeds once it clears', async ({ fault }) => {
		emulator.injectFault(fault);
		const result = await runMilvusAlias({
			credentials: { endpoint: emulator.url, token: TOKEN },
			parameters: {
				operation: 'get',
				aliasName: 'books',
				options: { timeout: 250, maxRetries: 3, retryDelay: 10 },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => item.json)).toEqual([
			{ aliasName: 'books', collectionName: 'books_v1', dbName: 'default' },
		]);
		expect(sequence(emulator)).toEqual([
			'aliases/describe',
			'aliases/describe',
			'aliases/describe',
		]);
	});

	test('maxRetries 0 sends exactly one request', async () => {
		emulator.injectFault({ kind: 'status', status: 503, times: 5 });
		const result = await runMilvusAlias({
			credentials: { endpoint: emulator.url, token: TOKEN },
			parameters: {
				operation: 'get',
				aliasName: 'books',
				options: { timeout: 250, maxRetries: 0, retryDelay: 10 },
			},
		});
		expect(result.error?.message).toBe(
			'Milvus or a proxy in front of it is unavailable (HTTP 503)',
		);
		expect(emulator.requests).toHaveLength(1);
	});

	test('the backoff doubles per retry (with at most 100% of the base as jitter)', async () => {
		const base = 80;
		emulator.injectFault({ kind: 'status', status: 503, times: 3 });
		const result = await runMilvusAlias({
			credentials: { endpoint: emulator.url, token: TOKEN },
			parameters: {
				operation: 'get',
				aliasName: 'books',
				options: { timeout: 1000, maxRetries: 3, retryDelay: base },
			},
		});
		expect(result.error).toBeUndefined();
		const at = emulator.requests.map((request) => request.at);
		expect(at).toHaveLength(4);
		for (let retry = 1; retry <= 3; retry++) {
			const gap = at[retry] - at[retry - 1];
			const exponential = base * 2 ** (retry - 1);
			// Equal jitter: between half the exponential delay and all of it (plus scheduling slack).
			expect(gap).toBeGreaterThanOrEqual(exponential / 2 - 5);
			expect(gap).toBeLessThan(exponential + 150);
		}
	});

	test('parallel items retry at jittered, not identical, times', async () => {
		const aliases = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
		for (const alias of aliases) emulator.setAlias('default', alias, 'books_v1');
		emulator.injectFault({
			kind: 'status',
			status: 503,
			path: 'aliases/describe',
			times: aliases.length,
		});
		const result = await runMilvusAlias({
			credentials: { endpoint: emulator.url, token: TOKEN },
			parameters: {
				operation: 'get',
				aliasName: '={{ $json.alias }}',
				options: { timeout: 1000, maxRetries: 1, retryDelay: 200 },
			},
			items: aliases.map((alias) => ({ alias })),
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0]).toHaveLength(aliases.length);
		const gaps = aliases.map((alias) => {
			const times = emulator.requests
				.filter((request) => (request.body as IDataObject).aliasName === alias)
				.map((request) => request.at);
			expect(times).toHaveLength(2);
			const gap = times[1] - times[0];
			expect(gap).toBeGreaterThanOrEqual(95);
			expect(gap).toBeLessThan(400);
			return gap;
		});
		// Six draws from [100, 200) ms all within 5 ms of each other: about 1 in 100,000.
		expect(Math.max(...gaps) - Math.min(...gaps)).toBeGreaterThan(5);
	});
});

// ---------------------------------------------------------------------------------------------

describe('an ambiguous failure of a change is checked before any retry: never applied twice', () => {
	let emulator: MilvusEmulator;
	beforeEach(async () => {
		emulator = await milvus();
	});
	afterEach(async () => {
		await emulator.close();
	});

	const options = { timeout: 300, maxRetries: 3, retryDelay: 10 };

	test.each<{
		name: string;
		parameters: IDataObject;
		fault: EmulatorFault;
		sequence: string[];
		output: IDataObject;
		aliases: Record<string, string>;
	}>([
		{
			name: 'Create, reset after applying',
			parameters: {
				operation: 'create',
				aliasName: 'new_alias',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'reset', path: 'aliases/create', applyFirst: true },
			sequence: ['aliases/create', 'aliases/describe'],
			output: { aliasName: 'new_alias', collectionName: 'books_v2', dbName: 'default' },
			aliases: { books: 'books_v1', new_alias: 'books_v2' },
		},
		{
			name: 'Create, no answer after applying',
			parameters: {
				operation: 'create',
				aliasName: 'new_alias',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'hang', path: 'aliases/create', applyFirst: true },
			sequence: ['aliases/create', 'aliases/describe'],
			output: { aliasName: 'new_alias', collectionName: 'books_v2', dbName: 'default' },
			aliases: { books: 'books_v1', new_alias: 'books_v2' },
		},
		{
			name: 'Update, HTTP 408 / 10001 after applying',
			parameters: {
				operation: 'update',
				aliasName: 'books',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'code', code: 10001, status: 408, path: 'aliases/alter', applyFirst: true },
			sequence: ['aliases/describe', 'aliases/alter', 'aliases/describe'],
			output: {
				aliasName: 'books',
				collectionName: 'books_v2',
				dbName: 'default',
				previousCollectionName: 'books_v1',
			},
			aliases: { books: 'books_v2' },
		},
		{
			name: 'Create or Update (creating), reset after applying',
			parameters: {
				operation: 'upsert',
				aliasName: 'new_alias',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'reset', path: 'aliases/create', applyFirst: true },
			sequence: ['aliases/describe', 'aliases/create', 'aliases/describe'],
			output: {
				aliasName: 'new_alias',
				collectionName: 'books_v2',
				dbName: 'default',
				action: 'created',
				previousCollectionName: null,
			},
			aliases: { books: 'books_v1', new_alias: 'books_v2' },
		},
		{
			name: 'Create or Update (repointing), HTTP 408 / 10001 after applying',
			parameters: {
				operation: 'upsert',
				aliasName: 'books',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'code', code: 10001, status: 408, path: 'aliases/alter', applyFirst: true },
			sequence: ['aliases/describe', 'aliases/alter', 'aliases/describe'],
			output: {
				aliasName: 'books',
				collectionName: 'books_v2',
				dbName: 'default',
				action: 'updated',
				previousCollectionName: 'books_v1',
			},
			aliases: { books: 'books_v2' },
		},
		{
			name: 'Create or Update (repointing), HTTP 503 after applying',
			parameters: {
				operation: 'upsert',
				aliasName: 'books',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'status', status: 503, path: 'aliases/alter', applyFirst: true },
			sequence: ['aliases/describe', 'aliases/alter', 'aliases/describe'],
			output: {
				aliasName: 'books',
				collectionName: 'books_v2',
				dbName: 'default',
				action: 'updated',
				previousCollectionName: 'books_v1',
			},
			aliases: { books: 'books_v2' },
		},
		{
			name: 'Delete, reset after applying: sent again, harmless (dropping is idempotent)',
			parameters: { operation: 'delete', aliasName: 'books' },
			fault: { kind: 'reset', path: 'aliases/drop', applyFirst: true },
			sequence: ['aliases/drop', 'aliases/drop'],
			output: { deleted: true, aliasName: 'books', dbName: 'default' },
			aliases: {},
		},
		// Not applied: the check says so, and the change is sent again.
		{
			name: 'Create, reset before applying',
			parameters: {
				operation: 'create',
				aliasName: 'new_alias',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'reset', path: 'aliases/create' },
			sequence: ['aliases/create', 'aliases/describe', 'aliases/create'],
			output: { aliasName: 'new_alias', collectionName: 'books_v2', dbName: 'default' },
			aliases: { books: 'books_v1', new_alias: 'books_v2' },
		},
		{
			name: 'Update, no answer and not applied',
			parameters: {
				operation: 'update',
				aliasName: 'books',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'hang', path: 'aliases/alter' },
			sequence: ['aliases/describe', 'aliases/alter', 'aliases/describe', 'aliases/alter'],
			output: {
				aliasName: 'books',
				collectionName: 'books_v2',
				dbName: 'default',
				previousCollectionName: 'books_v1',
			},
			aliases: { books: 'books_v2' },
		},
		{
			name: 'Create or Update (repointing), HTTP 408 / 10001 before applying',
			parameters: {
				operation: 'upsert',
				aliasName: 'books',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'code', code: 10001, status: 408, path: 'aliases/alter' },
			sequence: ['aliases/describe', 'aliases/alter', 'aliases/describe', 'aliases/alter'],
			output: {
				aliasName: 'books',
				collectionName: 'books_v2',
				dbName: 'default',
				action: 'updated',
				previousCollectionName: 'books_v1',
			},
			aliases: { books: 'books_v2' },
		},
	])('$name', async ({ parameters, fault, sequence: expected, output, aliases }) => {
		emulator.injectFault(fault);
		const result = await runMilvusAlias({
			credentials: { endpoint: emulator.url, token: TOKEN },
			parameters: { ...parameters, options },
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => item.json)).toEqual([output]);
		expect(sequence(emulator)).toEqual(expected);
		expect(emulator.getAliases()).toEqual(aliases);
	});

	test('a change that keeps failing ambiguously is checked every time and reported as failed', async () => {
		emulator.injectFault({ kind: 'reset', path: 'aliases/create', times: 10 });
		const result = await runMilvusAlias({
			credentials: { endpoint: emulator.url, token: TOKEN },
			parameters: {
				operation: 'create',
				aliasName: 'new_alias',
				collectionName: collection('books_v2'),
				options: { ...options, maxRetries: 1 },
			},
		});
		expect(result.error?.message).toMatch(/was closed before Milvus answered \(tried 2 times\)$/);
		expect(sequence(emulator)).toEqual([
			'aliases/create',
			'aliases/describe',
			'aliases/create',
			'aliases/describe',
		]);
		expect(emulator.getAliases()).toEqual({ books: 'books_v1' });
	});
});

// ---------------------------------------------------------------------------------------------

describe('cancelling the execution', () => {
	let emulator: MilvusEmulator;
	beforeEach(async () => {
		emulator = await milvus();
	});
	afterEach(async () => {
		await emulator.close();
	});

	async function cancelAfter(ms: number, options: Omit<RunOptions, 'cancel'>) {
		const controller = new AbortController();
		const started = Date.now();
		const pending = runMilvusAlias({ ...options, cancel: controller.signal });
		await sleep(ms);
		controller.abort();
		const result = await pending;
		return { result, elapsed: Date.now() - started };
	}

	const credentials = (): MilvusCredentialData => ({ endpoint: emulator.url, token: TOKEN });

	test('during a request that hangs: ends at once, marked canceled, nothing retried', async () => {
		emulator.injectFault({ kind: 'hang', times: 10 });
		const { result, elapsed } = await cancelAfter(200, {
			credentials: credentials(),
			parameters: {
				operation: 'create',
				aliasName: 'new_alias',
				collectionName: collection('books_v2'),
				options: { timeout: 20000, maxRetries: 3, retryDelay: 10 },
			},
		});
		expect(elapsed).toBeLessThan(3000);
		expect(result.run.status).toBe('canceled');
		expect(result.error?.message).toBe('The execution was canceled before Milvus answered');
		expect(result.error?.description).toMatch(
			/^The change may still have been applied on the server/,
		);
		await sleep(300);
		expect(sequence(emulator)).toEqual(['aliases/create']);
		expectNoSecret(result, TOKEN);
	});

	test('during the wait before a retry: ends at once, nothing retried', async () => {
		emulator.injectFault({ kind: 'status', status: 503, times: 10 });
		const { result, elapsed } = await cancelAfter(200, {
			credentials: credentials(),
			parameters: {
				operation: 'get',
				aliasName: 'books',
				options: { timeout: 5000, maxRetries: 3, retryDelay: 20000 },
			},
		});
		expect(elapsed).toBeLessThan(3000);
		expect(result.error).toBeDefined();
		expect(result.outputs.flat()).toHaveLength(0);
		await sleep(300);
		expect(sequence(emulator)).toEqual(['aliases/describe']);
		expectNoSecret(result, TOKEN);
	});

	// A cancelled wait must surface as a 'cancelled' failure, or n8n records the run as failed.
	test('during the wait before a retry: the run is marked canceled', async () => {
		emulator.injectFault({ kind: 'status', status: 503, times: 10 });
		const { result } = await cancelAfter(200, {
			credentials: credentials(),
			parameters: {
				operation: 'get',
				aliasName: 'books',
				options: { timeout: 5000, maxRetries: 3, retryDelay: 20000 },
			},
		});
		expect(result.run.status).toBe('canceled');
		expect(result.error?.message).toBe('The execution was canceled before Milvus answered');
	});
});

// ---------------------------------------------------------------------------------------------

describe('TLS', () => {
	test('a self-signed certificate works with "Ignore SSL Issues" on', async () => {
		const emulator = await milvus(true);
		try {
			const result = await runMilvusAlias({
				credentials: { endpoint: emulator.url, token: TOKEN, ignoreSslIssues: true },
				parameters: {
					operation: 'upsert',
					aliasName: 'books',
					collectionName: collection('books_v2'),
					options: { timeout: 2000, maxRetries: 0 },
				},
			});
			expect(result.error).toBeUndefined();
			expect(result.outputs[0].map((item) => item.json)).toEqual([
				{
					aliasName: 'books',
					collectionName: 'books_v2',
					dbName: 'default',
					action: 'updated',
					previousCollectionName: 'books_v1',
				},
			]);
			expect(emulator.url.startsWith('https://')).toBe(true);
			expect(sequence(emulator)).toEqual(['aliases/describe', 'aliases/alter']);
		} finally {
			await emulator.close();
		}
	});
});

describe('error output with several items', () => {
	let emulator: MilvusEmulator;
	beforeEach(async () => {
		emulator = await milvus();
	});
	afterEach(async () => {
		await emulator.close();
	});

	test('endpoint without a scheme: every item gets the error, no request is sent', async () => {
		for (const onError of ['continueErrorOutput', 'continueRegularOutput'] as const) {
			const result = await runMilvusAlias({
				credentials: { endpoint: emulator.url.replace('http://', ''), token: TOKEN },
				parameters: { operation: 'get', aliasName: 'books', options: {} },
				items: [{}, {}, {}],
				onError,
			});
			expect(result.error).toBeUndefined();
			const items = onError === 'continueErrorOutput' ? result.outputs[1] : result.outputs[0];
			if (onError === 'continueErrorOutput') expect(result.outputs[0]).toHaveLength(0);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			for (const item of items) {
				expect(Object.keys(item.json).sort()).toEqual(['details', 'error']);
				expect(item.json.error).toMatch(/does not start with http:\/\/ or https:\/\//);
			}
			expectNoSecret(result, TOKEN);
		}
		expect(emulator.requests).toHaveLength(0);
	});

	test('endpoint "localhost:19530" (no scheme) is rejected with a fix to copy', async () => {
		const result = await runMilvusAlias({
			credentials: { endpoint: 'localhost:19530', token: TOKEN },
			parameters: { operation: 'get', aliasName: 'books', options: {} },
		});
		expect(result.error?.message).toBe(
			'The credential\'s Endpoint "localhost:19530" does not start with http:// or https://. Use e.g. http://localhost:19530',
		);
		expect(result.error?.description).toBe('Edit the "Milvus REST API" credential.');
		expectNoSecret(result, TOKEN);
	});

	test('failed items go to the error output with their pairing; the others go on', async () => {
		const result = await runMilvusAlias({
			credentials: { endpoint: emulator.url, token: TOKEN },
			parameters: {
				operation: 'get',
				aliasName: '={{ $json.alias }}',
				options: { timeout: 1000, maxRetries: 0 },
			},
			items: [
				{ alias: 'books' },
				{ alias: 'bad-name' },
				{ alias: 'missing_alias' },
				{ alias: 'books' },
			],
			onError: 'continueErrorOutput',
		});
		expect(result.error).toBeUndefined();
		const [success, failed] = result.outputs;
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 3 }]);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		for (const item of failed) expect(Object.keys(item.json).sort()).toEqual(['details', 'error']);
		expect(failed[0].json.error).toMatch(/^Alias Name "bad-name" is not a valid Milvus name/);
		expect(failed[1].json.error).toBe(
			'Milvus error 1600: alias not found[database=default][alias=missing_alias]',
		);
		expect((failed[1].json.details as IDataObject).milvusCode).toBe(1600);
		expect((failed[1].json.details as IDataObject).description).toMatch(
			/^Alias "missing_alias" does not exist/,
		);
		// The invalid item sent nothing.
		expect(emulator.requests.map((request) => (request.body as IDataObject).aliasName)).toEqual([
			'books',
			'missing_alias',
			'books',
		]);
		expectNoSecret(result, TOKEN);
	});

	// NodeApiError must not take the Milvus code for an HTTP status.
	test('a Milvus error in an HTTP 200 answer carries no HTTP code', async () => {
		const result = await runMilvusAlias({
			credentials: { endpoint: emulator.url, token: TOKEN },
			parameters: {
				operation: 'get',
				aliasName: 'missing_alias',
				options: { timeout: 1000, maxRetries: 0 },
			},
			onError: 'continueErrorOutput',
		});
		const details = result.outputs[1][0].json.details as IDataObject;
		expect(details.milvusCode).toBe(1600);
		expect(details.httpCode).toBeUndefined();
	});
});
