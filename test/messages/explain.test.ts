/**
 * One case per failure kind (and per way of reaching it), through n8n-core's real engine against
 * the emulator: the message (what happened, what to do, the server's own words), the
 * description, whether it was retried, how many requests were sent, no secret anywhere, and the
 * same text on the error output. Each case names the failure-catalog record it shows; the
 * README's table is checked against those records in failureCatalog.test.ts.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { CallRecordId } from '../../nodes/MilvusAlias/messages/failureCatalog';
import type { EmulatorFault, MilvusEmulator } from '../../tooling/emulator';
import type { RunResult } from '../fixtures';
import type { RunOptions } from '../harness/n8n-harness';
import { runMilvusAlias } from '../fixtures';
import {
	collection,
	deadAddress,
	expectNoSecret,
	FAST,
	milvus,
	NO_RETRY_EXPECTED,
	TOKEN,
	TRIES,
	WRONG_TOKEN,
} from '../transport/faultFixtures';

interface Env {
	plain: MilvusEmulator;
	tls: MilvusEmulator;
	dead: string;
}

interface FailureCase {
	/** The failure-catalog record this case shows. */
	record: CallRecordId;
	/** What makes it happen. */
	how: string;
	endpoint?: (env: Env) => string;
	token?: string;
	/** Node parameters on top of a Get of alias "books". */
	parameters?: IDataObject;
	options: IDataObject;
	faults?: EmulatorFault[];
	message: RegExp;
	/** Each must match the error's description. */
	description: RegExp[];
	/** Requests the emulator(s) received; undefined when it cannot see them. */
	requests?: number;
	/** Whether the node retried: the message then says how often it tried. */
	retried: boolean;
}

const HOST = '127\\.0\\.0\\.1:\\d+';
const URL = `http://${HOST}`;
const tried = `\\(tried ${TRIES} times\\)`;
const MAY_HAVE_APPLIED =
	/^The change may still have been applied on the server: run the Get operation to check before trying again\. /;

const forbiddenBody = JSON.stringify({
	code: 65535,
	message:
		'rpc error: code = PermissionDenied desc = PrivilegeDescribeAlias: permission deny to reader in the `default` database',
});

const FAILURE_CASES: FailureCase[] = [
	{
		record: 'not-found',
		how: 'endpoint with a path prefix Milvus does not have',
		endpoint: (env) => `${env.plain.url}/milvus`,
		options: NO_RETRY_EXPECTED,
		message: new RegExp(
			`^No Milvus REST API v2 at ${URL}/milvus\\. Check the credential's Endpoint: host, REST port \\(19530 by default\\) and any reverse-proxy path prefix \\(HTTP 404: 404 page not found\\)$`,
		),
		description: [/REST API v2 \(Milvus 2\.4 or newer/],
		requests: 1,
		retried: false,
	},
	{
		record: 'refused',
		how: 'a port where nothing listens',
		endpoint: (env) => env.dead,
		options: NO_RETRY_EXPECTED,
		message: new RegExp(
			`^Nothing is listening at ${HOST}: the connection was refused\\. Check the host and port in the credential's Endpoint$`,
		),
		description: [/^Milvus serves REST on port 19530 by default; check that Milvus is running/],
		retried: false,
	},
	{
		record: 'dns',
		how: 'a host under the reserved .invalid TLD',
		endpoint: () => 'http://milvus.invalid:19530',
		options: NO_RETRY_EXPECTED,
		message:
			/^The host name in http:\/\/milvus\.invalid:19530 could not be resolved\. Check the spelling of the host in the credential's Endpoint$/,
		description: [/^The machine running n8n must be able to resolve it/],
		retried: false,
	},
	{
		record: 'tls-untrusted',
		how: 'HTTPS emulator with a self-signed certificate, Ignore SSL Issues off',
		endpoint: (env) => env.tls.url,
		options: NO_RETRY_EXPECTED,
		message: new RegExp(
			`^The TLS certificate of ${HOST} is not trusted\\. For a self-signed certificate turn on "Ignore SSL Issues \\(Insecure\\)" in the credential, or make n8n trust its CA$`,
		),
		description: [/^Node\.js reported DEPTH_ZERO_SELF_SIGNED_CERT: /, /NODE_EXTRA_CA_CERTS/],
		requests: 0,
		retried: false,
	},
	{
		record: 'tls-handshake',
		how: 'https:// against the plain-HTTP emulator',
		endpoint: (env) => env.plain.url.replace('http://', 'https://'),
		options: NO_RETRY_EXPECTED,
		message: new RegExp(
			`^The TLS handshake with ${HOST} failed\\. Try http:// in the credential's Endpoint$`,
		),
		description: [/^Node\.js reported /, /serves plain HTTP unless TLS is configured/],
		requests: 0,
		retried: false,
	},
	{
		record: 'http-to-https',
		how: "Milvus's (Go's) answer to plain HTTP on its TLS port",
		options: NO_RETRY_EXPECTED,
		faults: [
			{ kind: 'status', status: 400, body: 'Client sent an HTTP request to an HTTPS server.\n' },
		],
		message: new RegExp(
			`^The server at ${HOST} uses TLS\\. Change the credential's Endpoint to https:// \\(HTTP 400: Client sent an HTTP request to an HTTPS server\\.\\)$`,
		),
		description: [/Ignore SSL Issues/],
		requests: 1,
		retried: false,
	},
	{
		record: 'closed',
		how: 'http:// against the HTTPS emulator (a Node.js TLS server drops the connection)',
		endpoint: (env) => env.tls.url.replace('https://', 'http://'),
		options: FAST,
		message: new RegExp(
			`^The connection to ${HOST} was closed before Milvus answered ${tried}\\. If it keeps happening, check the Endpoint's scheme and any proxy in between$`,
		),
		description: [/^A server that uses TLS needs https:\/\//],
		requests: 0,
		retried: true,
	},
	{
		record: 'closed',
		how: 'every attempt reset by the server',
		options: FAST,
		faults: [{ kind: 'reset', times: 10 }],
		message: new RegExp(`^The connection to ${HOST} was closed before Milvus answered ${tried}\\.`),
		description: [/a proxy may be dropping connections/],
		requests: TRIES,
		retried: true,
	},
	{
		record: 'closed',
		how: 'reset during a change (Create): the node warns it may have applied',
		parameters: {
			operation: 'create',
			aliasName: 'new_alias',
			collectionName: collection('books_v2'),
		},
		options: FAST,
		faults: [{ kind: 'reset', path: 'aliases/create', times: 10 }],
		message: new RegExp(`^The connection to ${HOST} was closed before Milvus answered ${tried}\\.`),
		description: [MAY_HAVE_APPLIED],
		retried: true,
	},
	{
		record: 'closed',
		how: 'reset during Delete (no check needed: dropping is idempotent)',
		parameters: { operation: 'delete', aliasName: 'books' },
		options: FAST,
		faults: [{ kind: 'reset', path: 'aliases/drop', times: 10 }],
		message: new RegExp(`^The connection to ${HOST} was closed before Milvus answered ${tried}\\.`),
		description: [MAY_HAVE_APPLIED],
		requests: TRIES,
		retried: true,
	},
	{
		record: 'client-timeout',
		how: 'the server never answers',
		options: FAST,
		faults: [{ kind: 'hang', times: 10 }],
		message: new RegExp(
			`^Milvus did not answer within 250 ms ${tried}\\. Raise the Timeout option if the server is slow, or check the Endpoint and the network$`,
		),
		description: [/^The Timeout option is the wait for each answer\.$/],
		requests: TRIES,
		retried: true,
	},
	{
		record: 'unavailable',
		how: 'HTTP 502',
		options: FAST,
		faults: [{ kind: 'status', status: 502, body: 'Bad Gateway', times: 10 }],
		message: new RegExp(
			`^Milvus or a proxy in front of it is unavailable ${tried}\\. Try again later, or raise Max Retries \\(HTTP 502: Bad Gateway\\)$`,
		),
		description: [/^The answer came from the server or a gateway in front of it\.$/],
		requests: TRIES,
		retried: true,
	},
	{
		record: 'unavailable',
		how: 'HTTP 504 during Update',
		parameters: { operation: 'update', aliasName: 'books', collectionName: collection('books_v2') },
		options: FAST,
		faults: [
			{ kind: 'status', status: 504, body: 'Gateway Timeout', path: 'aliases/alter', times: 10 },
		],
		message: new RegExp(
			`^Milvus or a proxy in front of it is unavailable ${tried}\\. Try again later, or raise Max Retries \\(HTTP 504: Gateway Timeout\\)$`,
		),
		description: [MAY_HAVE_APPLIED],
		retried: true,
	},
	{
		record: 'not-milvus',
		how: 'HTTP 200 with an HTML page',
		options: NO_RETRY_EXPECTED,
		faults: [{ kind: 'nonJson', times: 10 }],
		message: new RegExp(
			`^The server at ${URL} answered, but not with Milvus JSON\\. Point the credential's Endpoint at Milvus itself \\(HTTP 200: <html>oops</html>\\)$`,
		),
		description: [/^Not at another service, a proxy's login page or a web UI such as Attu\.$/],
		requests: 1,
		retried: false,
	},
	{
		record: 'unauthenticated',
		how: 'wrong password',
		token: WRONG_TOKEN,
		options: NO_RETRY_EXPECTED,
		message:
			/^Milvus did not accept the credential's token\. Check the Token in the "Milvus REST API" credential \(Milvus error 1800: user hasn't authenticated\)$/,
		description: [/^The Token is "user:password" for self-hosted Milvus/],
		requests: 1,
		retried: false,
	},
	{
		record: 'forbidden',
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
			/^The user of the token lacks the privilege for this request in database "default"\. Grant it with Milvus RBAC, or use a token with more rights \(Milvus error 65535: rpc error: code = PermissionDenied desc = PrivilegeDescribeAlias: permission deny to reader in the `default` database\)$/,
		description: [/CreateAlias, DropAlias, DescribeAlias, ListAliases/],
		requests: 1,
		retried: false,
	},
	{
		record: 'forbidden',
		how: 'HTTP 403 without a Milvus body (from a proxy)',
		options: NO_RETRY_EXPECTED,
		faults: [{ kind: 'status', status: 403, body: 'Forbidden', times: 10 }],
		message: /^The user of the token lacks the privilege .* \(HTTP 403: Forbidden\)$/,
		description: [/CreateAlias/],
		requests: 1,
		retried: false,
	},
	{
		record: 'collection-not-found',
		how: 'Create pointing at a collection that does not exist',
		parameters: {
			operation: 'create',
			aliasName: 'new_alias',
			collectionName: collection('missing_collection'),
		},
		options: NO_RETRY_EXPECTED,
		message:
			/^Collection "missing_collection" does not exist in database "default"\. Check the collection name and the Database Name, or create \(and load\) the collection first \(Milvus error 100: collection not found\[database=default\]\[collection=missing_collection\]\)$/,
		description: [/^An alias points at a collection of its own database\./],
		retried: false,
	},
	{
		record: 'database-not-found',
		how: 'Database Name of a database that does not exist',
		parameters: { operation: 'get', aliasName: 'books', dbName: 'no_such_db' },
		options: NO_RETRY_EXPECTED,
		message:
			/^Database "no_such_db" does not exist\. Check the Database Name, or leave it empty for the server's default database \(Milvus error 800: database not found\[database=no_such_db\]\)$/,
		description: [/Zilliz Cloud Serverless clusters have no databases/],
		requests: 1,
		retried: false,
	},
	{
		record: 'invalid-parameter',
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
			/^Milvus rejected a name or parameter as invalid\. Use valid names: a name must start with a letter or an underscore, .* \(Milvus error 1100: Invalid collection alias: books\. {2}collection alias can only contain/,
		description: [/which value it rejected/],
		requests: 1,
		retried: false,
	},
	{
		record: 'alias-not-found',
		how: 'Get of an alias that does not exist',
		parameters: { operation: 'get', aliasName: 'missing_alias' },
		options: NO_RETRY_EXPECTED,
		message:
			/^Alias "missing_alias" does not exist in database "default"\. Check the alias name and the Database Name; to create a missing alias, use Create or Update \(Milvus error 1600: alias not found\[database=default\]\[alias=missing_alias\]\)$/,
		description: [
			/^Update only repoints an existing alias\. Get Many lists the aliases that exist\.$/,
		],
		requests: 1,
		retried: false,
	},
	{
		record: 'alias-is-collection',
		how: 'Create an alias named like an existing collection',
		parameters: {
			operation: 'create',
			aliasName: 'books_v2',
			collectionName: collection('books_v1'),
		},
		options: NO_RETRY_EXPECTED,
		message:
			/^"books_v2" is already the name of a collection in database "default"\. Choose another alias name \(Milvus error 1601: alias and collection name conflict\[database=default\]\[alias=books_v2\]\)$/,
		description: [/^An alias must differ from every collection name in its database\.$/],
		retried: false,
	},
	{
		record: 'alias-points-elsewhere',
		how: 'Create an alias that already points elsewhere',
		parameters: { operation: 'create', aliasName: 'books', collectionName: collection('books_v2') },
		options: NO_RETRY_EXPECTED,
		message:
			/^Alias "books" already points to another collection\. Use Update, or Create or Update, to repoint it \(Milvus error 1602: books is alias to another collection: books_v1: alias already exist\[database=default\]\[alias=books\]\)$/,
		description: [/Create or Update makes it point at "books_v2" whatever its state\.$/],
		retried: false,
	},
	{
		record: 'body-not-readable',
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
		message:
			/^Milvus could not read the request\. Check for a proxy that rewrites requests, and report it with your Milvus version \(Milvus error 1801: can only accept json format request/,
		description: [/JSON bodies/],
		requests: 1,
		retried: false,
	},
	{
		record: 'rate-limited',
		how: 'every attempt rejected by the limiter',
		options: FAST,
		faults: [{ kind: 'code', code: 1807, times: 10 }],
		message: new RegExp(
			`^Milvus or a proxy in front of it is rate-limiting requests ${tried}\\. Lower the Concurrency option, or raise Max Retries or Retry Delay \\(Milvus error 1807: request is rejected by limiter`,
		),
		description: [/^The request was turned away before it ran, so nothing changed\./],
		requests: TRIES,
		retried: true,
	},
	{
		record: 'server-timeout',
		how: "every attempt runs past the server's Request-Timeout",
		options: FAST,
		faults: [{ kind: 'code', code: 10001, status: 408, times: 10 }],
		message: new RegExp(
			`^Milvus gave up on the request at its own time limit ${tried}\\. Raise the Timeout option if the server is busy, then run it again \\(Milvus error 10001: request timeout\\)$`,
		),
		description: [/^Milvus limits each request to 30 s/],
		requests: TRIES,
		retried: true,
	},
	{
		record: 'milvus-other',
		how: 'an untyped Milvus error',
		options: NO_RETRY_EXPECTED,
		faults: [{ kind: 'code', code: 65535, message: 'unexpected error', times: 10 }],
		message:
			/^Milvus refused the request for database "default"\. Milvus's own message at the end says why \(Milvus error 65535: unexpected error\)$/,
		description: [/^The code and the message are Milvus's own\.$/],
		requests: 1,
		retried: false,
	},
];

describe('every failure kind: message, description, retries, no secret, error output', () => {
	let env: Env;

	beforeEach(async () => {
		env = { plain: await milvus(), tls: await milvus(true), dead: await deadAddress() };
	});

	afterEach(async () => {
		await env.plain.close();
		await env.tls.close();
	});

	test.each(FAILURE_CASES)('$record: $how', async (failureCase) => {
		const token = failureCase.token ?? TOKEN;
		const run = async (onError: RunOptions['onError']) => {
			env.plain.clearRequests();
			env.plain.clearFaults();
			env.tls.clearRequests();
			for (const fault of failureCase.faults ?? []) env.plain.injectFault(fault);
			const result = await runMilvusAlias({
				credentials: { endpoint: failureCase.endpoint?.(env) ?? env.plain.url, token },
				parameters: {
					operation: 'get',
					aliasName: 'books',
					...failureCase.parameters,
					options: failureCase.options,
				},
				onError,
			});
			const requests = env.plain.requests.length + env.tls.requests.length;
			return { result, requests };
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
		expectNoSecret(stopped.result, token);

		// "Continue (using error output)": the same message on the error output.
		const continued = await run('continueErrorOutput');
		expect(continued.result.error).toBeUndefined();
		const [success, failed] = continued.result.outputs as [
			INodeExecutionData[],
			INodeExecutionData[],
		];
		expect(success).toHaveLength(0);
		expect(failed).toHaveLength(1);
		expect(failed[0].pairedItem).toEqual({ item: 0 });
		expect(failed[0].json.error).toMatch(failureCase.message);
		if (failureCase.requests !== undefined) expect(continued.requests).toBe(failureCase.requests);
		expectNoSecret(continued.result, token);
	});
});

describe('the secret scan', () => {
	test('finds a token hidden in a nested, non-enumerable cause, in any form', () => {
		for (const form of [TOKEN, TOKEN.slice(5), Buffer.from(TOKEN).toString('base64')]) {
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
});
