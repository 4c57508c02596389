/**
 * The token never leaves its origin, and a hostile or broken server gets nowhere: redirects are
 * not followed, server text is redacted and bounded, user info in the Endpoint is refused, and
 * answers without the documented shape are errors, never outputs. Through n8n-core's engine,
 * against the emulator on loopback.
 */
import type { IDataObject } from 'n8n-workflow';
import { jsonStringify } from 'n8n-workflow';

import { startEmulator } from '../../tooling/emulator';
import type { MilvusEmulator, RunResult } from '../fixtures';
import {
	byName,
	CANARY_TOKEN,
	changeRequests,
	DEFAULT_TOKEN,
	jsonOf,
	runOperation,
	secretForms,
	SEEDS,
	useEmulator,
} from '../fixtures';

/** Everything n8n recorded about the run, as one text. */
const everything = (result: RunResult) =>
	[
		jsonStringify(result.run, { replaceCircularRefs: true }),
		jsonStringify(result.outputs, { replaceCircularRefs: true }),
	].join('\n');

/**
 * No form of the token in anything n8n recorded. The default token's password is the word
 * "Milvus", which our own messages use; its server-echoed occurrences are checked by the exact
 * messages instead.
 */
function expectNoToken(result: RunResult, token: string): void {
	const text = everything(result);
	for (const form of secretForms(token).filter((form) => form !== 'Milvus'))
		expect(text).not.toContain(form);
}

const errorMessage = (result: RunResult) => String(result.error?.message ?? '');
const errorDescription = (result: RunResult) => String(result.error?.description ?? '');

describe('redirects are never followed', () => {
	const milvus = useEmulator(SEEDS.products);
	let elsewhere: MilvusEmulator;
	beforeEach(async () => {
		elsewhere = await startEmulator(SEEDS.products());
	});
	afterEach(async () => await elsewhere.close());

	test.each([301, 302, 307, 308])(
		'HTTP %i to another origin: the item fails naming the target, which receives nothing',
		async (status) => {
			const target = `${elsewhere.url}/v2/vectordb/aliases/describe`;
			milvus
				.current()
				.injectFault({ kind: 'status', status, body: '', headers: { Location: target } });
			const result = await runOperation(
				{ endpoint: milvus.current().url, token: CANARY_TOKEN },
				'get',
				{ aliasName: 'products' },
			);
			expect(errorMessage(result)).toBe(
				`The server at ${milvus.current().url} redirected the request elsewhere. Enter the address Milvus really serves in the credential's Endpoint (HTTP ${status} to ${target})`,
			);
			expect(elsewhere.requests).toHaveLength(0);
			expect(jsonOf(result)).toEqual([]);
			expectNoToken(result, CANARY_TOKEN);
		},
	);

	test('a redirect target that echoes the token is redacted and bounded', async () => {
		const target = `http://evil.example/${CANARY_TOKEN}/${'x'.repeat(5000)}`;
		milvus
			.current()
			.injectFault({ kind: 'status', status: 302, body: '', headers: { Location: target } });
		const result = await runOperation(
			{ endpoint: milvus.current().url, token: CANARY_TOKEN },
			'delete',
			{ aliasName: 'products' },
		);
		expect(errorMessage(result)).toContain('(HTTP 302 to http://evil.example/[redacted]/xxx');
		expect(errorMessage(result).length).toBeLessThan(600);
		expect(milvus.current().getAliases()).toHaveProperty('products', 'products_v1');
		expectNoToken(result, CANARY_TOKEN);
	});
});

describe.each([
	['the default token', DEFAULT_TOKEN],
	['a distinctive token', CANARY_TOKEN],
])('server text echoing %s is redacted; our own words stay readable', (_, token) => {
	const milvus = useEmulator(SEEDS.products);
	const run = async () =>
		await runOperation({ endpoint: milvus.current().url, token }, 'create', {
			aliasName: 'products',
			collectionName: byName('products_v2'),
		});
	const b64 = Buffer.from(token).toString('base64');

	test('a 401 with code 1800 quoting the Authorization header', async () => {
		milvus.current().injectFault({
			kind: 'code',
			code: 1800,
			status: 401,
			message: `user hasn't authenticated: got Bearer ${token}`,
			path: 'aliases/create',
		});
		const result = await run();
		expect(errorMessage(result)).toBe(
			`Milvus did not accept the credential's token. Check the Token in the "Milvus REST API" credential (Milvus error 1800: user hasn't authenticated: got Bearer [redacted])`,
		);
		expectNoToken(result, token);
	});

	test('an HTTP 200 Milvus error quoting the password and Basic credentials', async () => {
		const password = token.slice(token.indexOf(':') + 1);
		milvus.current().injectFault({
			kind: 'code',
			code: 1602,
			message: `products is alias to another collection: products_v1 (password ${password}, Basic ${b64})`,
			path: 'aliases/create',
		});
		const result = await run();
		expect(errorMessage(result)).toBe(
			'Alias "products" already points to another collection. Use Update, or Create or Update, to repoint it (Milvus error 1602: products is alias to another collection: products_v1 (password [redacted], Basic [redacted]))',
		);
		expectNoToken(result, token);
	});

	test('a 502 page from a proxy echoing the request headers', async () => {
		milvus.current().injectFault({
			kind: 'status',
			status: 502,
			body: `<pre>Authorization: Bearer ${token}</pre>`,
			times: 10,
		});
		const result = await runOperation({ endpoint: milvus.current().url, token }, 'get', {
			aliasName: 'products',
			options: { maxRetries: 0 },
		});
		expect(errorMessage(result)).toBe(
			'Milvus or a proxy in front of it is unavailable. Try again later, or raise Max Retries (HTTP 502: <pre>Authorization: Bearer [redacted]</pre>)',
		);
		expectNoToken(result, token);
	});
});

describe('the Endpoint', () => {
	const milvus = useEmulator(SEEDS.products);

	test('user:password@ is refused before any request, and the password never shows', async () => {
		const endpoint = milvus.current().url.replace('http://', 'http://admin:Hunter2-pw@');
		const result = await runOperation({ endpoint, token: CANARY_TOKEN }, 'get', {
			aliasName: 'products',
		});
		expect(errorMessage(result)).toBe(
			`The credential's Endpoint contains a user name or password. Remove "user:password@" from the Endpoint and enter "user:password" in the Token field`,
		);
		expect(milvus.current().requests).toHaveLength(0);
		expect(everything(result)).not.toContain('Hunter2-pw');
	});

	test('host:port without a scheme is read as http://', async () => {
		const endpoint = milvus.current().url.replace('http://', '');
		const result = await runOperation({ endpoint }, 'get', { aliasName: 'products' });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			{ aliasName: 'products', collectionName: 'products_v1', dbName: 'default' },
		]);
	});

	test.each([
		['javascript:alert(1)', 'The credential\'s Endpoint "javascript:alert(1)" is not a valid URL'],
		[
			'ftp://127.0.0.1:19530',
			'The credential\'s Endpoint "ftp://127.0.0.1:19530" does not use http:// or https://',
		],
	])('%s is refused, and the suggested fix is a valid address', async (endpoint, happened) => {
		const result = await runOperation({ endpoint }, 'get', { aliasName: 'products' });
		expect(errorMessage(result)).toBe(
			`${happened}. Enter the Milvus REST address, e.g. http://localhost:19530`,
		);
		const suggested = /e\.g\. (\S+)$/.exec(errorMessage(result))?.[1] ?? '';
		expect(new URL(suggested).origin).toBe('http://localhost:19530');
	});
});

describe('answers without the documented shape are errors, never outputs', () => {
	const milvus = useEmulator(SEEDS.products);
	const answer = (path: string, body: IDataObject, status = 200) =>
		milvus.current().injectFault({
			kind: 'status',
			path,
			status,
			body: JSON.stringify(body),
			contentType: 'application/json',
		});
	const shapeMessage = (got: string) =>
		`The answer from ${milvus.current().url} does not have the shape Milvus documents, so it was not used. Check that the Endpoint points at Milvus 2.4 or newer, and report it with your Milvus version if it does (${got})`;

	test('describe with data null: Get fails instead of outputting an empty collection', async () => {
		answer('aliases/describe', { code: 0, data: null });
		const result = await runOperation({ endpoint: milvus.current().url }, 'get', {
			aliasName: 'products',
		});
		expect(errorMessage(result)).toBe(
			shapeMessage(
				'aliases/describe: expected data.collectionName as a non-empty string, got data = null',
			),
		);
		expect(jsonOf(result)).toEqual([]);
	});

	test('describe with an object collectionName: Create or Update changes nothing', async () => {
		answer('aliases/describe', { code: 0, data: { collectionName: { evil: 1 } } });
		const result = await runOperation({ endpoint: milvus.current().url }, 'upsert', {
			aliasName: 'products',
			collectionName: byName('products_v2'),
		});
		expect(errorMessage(result)).toBe(
			shapeMessage(
				'aliases/describe: expected data.collectionName as a non-empty string, got data.collectionName = {"evil":1}',
			),
		);
		expect(changeRequests(milvus.current())).toEqual([]);
		expect(milvus.current().getAliases().products).toBe('products_v1');
	});

	test.each([
		['data missing', { code: 0 }, 'got data = nothing'],
		['data an object', { code: 0, data: { products: 'x' } }, 'got data = {"products":"x"}'],
		['entries not strings', { code: 0, data: ['products', 1, null] }, 'got data[1] = 1'],
	])('list with %s: Get Many fails', async (_, body, got) => {
		answer('aliases/list', body);
		const result = await runOperation({ endpoint: milvus.current().url }, 'getAll', {
			returnAll: true,
		});
		expect(errorMessage(result)).toBe(
			shapeMessage(`aliases/list: expected data as a list of names (strings), ${got}`),
		);
		expect(jsonOf(result)).toEqual([]);
	});

	test('{"code":0} with HTTP 500 is an HTTP error, not "Milvus error 0"', async () => {
		answer('aliases/describe', { code: 0 }, 500);
		const result = await runOperation({ endpoint: milvus.current().url }, 'get', {
			aliasName: 'products',
		});
		expect(errorMessage(result)).toBe(
			`The server at ${milvus.current().url} answered with an HTTP error. Check that the credential's Endpoint points at Milvus's REST API (HTTP 500: {"code":0})`,
		);
		expect(errorMessage(result)).not.toContain('Milvus error 0');
	});

	test('a Milvus message of 5 MB is cut to a few hundred characters', async () => {
		milvus.current().injectFault({ kind: 'code', code: 65535, message: 'y'.repeat(5_000_000) });
		const result = await runOperation({ endpoint: milvus.current().url }, 'get', {
			aliasName: 'products',
		});
		expect(errorMessage(result)).toMatch(
			/^Milvus refused the request for database "default"\. .* \(Milvus error 65535: y{300}…\)$/,
		);
		expect(everything(result).length).toBeLessThan(50_000);
		expect(errorDescription(result).length).toBeLessThan(1000);
	});
});
