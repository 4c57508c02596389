/**
 * The token in every form a server can echo, in every text that reaches n8n, through n8n's
 * engine against the emulator: error bodies (JSON-escaped, HTML-escaped, percent-encoded),
 * success answers (refused: the token never becomes an output), and short secrets that must
 * not blank out Milvus's messages. Forms are built by tokenForms.ts, not by the redactor.
 */
import type { IDataObject } from 'n8n-workflow';
import { jsonStringify } from 'n8n-workflow';

import type { RunResult } from '../fixtures';
import { byName, jsonOf, runOperation, searchCollections, SEEDS, useEmulator } from '../fixtures';
import { formsOf, HARD_TOKENS, tokenForms } from './tokenForms';

const TOKEN = HARD_TOKENS[0];
const PASSWORD = TOKEN.slice(TOKEN.indexOf(':') + 1);

/** Everything n8n recorded about the run, as one text. */
const recorded = (result: RunResult) =>
	jsonStringify({ run: result.run, outputs: result.outputs }, { replaceCircularRefs: true });

/** No form of the token in n8n's record; n8n JSON-encodes strings there, so both ways. */
function expectNoForm(result: RunResult): void {
	const text = recorded(result);
	for (const [label, form] of tokenForms(TOKEN))
		for (const shown of [form, JSON.stringify(form).slice(1, -1)])
			expect({ label, leaked: text.includes(shown) }).toEqual({ label, leaked: false });
}

const errorMessage = (result: RunResult) => String(result.error?.message ?? '');

describe('error bodies carrying the token in any form', () => {
	const milvus = useEmulator(SEEDS.products);
	const get = async () =>
		await runOperation({ endpoint: milvus.current().url, token: TOKEN }, 'get', {
			aliasName: 'products',
			options: { maxRetries: 0 },
		});

	test.each(tokenForms(TOKEN))('a Milvus message with the %s', async (_, form) => {
		milvus.current().injectFault({
			kind: 'code',
			code: 65535,
			message: `echo ${form} end`,
			path: 'aliases/describe',
		});
		const result = await get();
		expect(errorMessage(result)).toMatch(/\(Milvus error 65535: echo .*\[redacted\].* end\)$/);
		expectNoForm(result);
	});

	test('an HTTP 500 JSON body quoting a password with " and \\', async () => {
		milvus.current().injectFault({
			kind: 'status',
			status: 500,
			contentType: 'application/json',
			body: JSON.stringify({
				error: `login failed for ${TOKEN}`,
				raw: JSON.stringify({ pw: PASSWORD }),
			}),
			path: 'aliases/describe',
		});
		const result = await get();
		expect(errorMessage(result)).toContain('(HTTP 500: {"error":"login failed for [redacted]"');
		expectNoForm(result);
	});

	test.each([
		['HTML-escaped', formsOf(TOKEN)['HTML-escaped']],
		['percent-encoded in lower case', formsOf(TOKEN)['percent-encoded, lower-case hex']],
		['base64', formsOf(TOKEN).base64],
	])('a proxy page with the token %s', async (_, form) => {
		milvus.current().injectFault({
			kind: 'nonJson',
			status: 502,
			body: `<p>token=${form}</p>`,
			path: 'aliases/describe',
		});
		const result = await get();
		expect(errorMessage(result)).toMatch(/\(HTTP 502: <p>token=\[redacted\]<\/p>\)$/);
		expectNoForm(result);
	});
});

describe('success answers carrying the token are refused, never output', () => {
	const milvus = useEmulator(SEEDS.products);
	const credentials = () => ({ endpoint: milvus.current().url, token: TOKEN });
	const answer = (path: string, data: unknown) =>
		milvus.current().injectFault({
			kind: 'status',
			status: 200,
			path,
			contentType: 'application/json',
			body: JSON.stringify({ code: 0, data }),
		});
	const shapeMessage = (detail: string) =>
		`The answer from ${milvus.current().url} does not have the shape Milvus documents, so it was not used. Check that the Endpoint points at Milvus 2.4 or newer, and report it with your Milvus version if it does (${detail})`;

	test.each([
		['the token', TOKEN],
		['the password', PASSWORD],
		['the password, percent-encoded', encodeURIComponent(PASSWORD)],
	])('Get: a describe naming %s as the collection', async (_, value) => {
		answer('aliases/describe', { collectionName: value, dbName: 'default' });
		const result = await runOperation(credentials(), 'get', { aliasName: 'products' });
		expect(errorMessage(result)).toBe(
			shapeMessage(
				`aliases/describe: data carries the credential's token: {"collectionName":"[redacted]","dbName":"default"}`,
			),
		);
		expect(jsonOf(result)).toEqual([]);
		expectNoForm(result);
	});

	test('Get Many: a list with the token among the names', async () => {
		answer('aliases/list', ['products', `x ${TOKEN}`]);
		const result = await runOperation(credentials(), 'getAll', { returnAll: true });
		expect(errorMessage(result)).toBe(
			shapeMessage(
				`aliases/list: data carries the credential's token: ["products","x [redacted]"]`,
			),
		);
		expect(jsonOf(result)).toEqual([]);
		expectNoForm(result);
	});

	test('Create or Update: a describe carrying the token changes nothing', async () => {
		answer('aliases/describe', { collectionName: TOKEN });
		const result = await runOperation(credentials(), 'upsert', {
			aliasName: 'products',
			collectionName: byName('products_v2'),
		});
		expect(errorMessage(result)).toMatch(/data carries the credential's token/);
		expect(milvus.current().getAliases().products).toBe('products_v1');
		expectNoForm(result);
	});

	test('the Collection picker: a collection list with the token', async () => {
		answer('collections/list', ['products_v1', TOKEN]);
		await expect(searchCollections(credentials(), { dbName: '' })).rejects.toThrow(
			shapeMessage(
				`collections/list: data carries the credential's token: ["products_v1","[redacted]"]`,
			),
		);
	});
});

describe('short secrets leave Milvus messages readable', () => {
	const milvus = useEmulator(SEEDS.products);
	const fail = async (token: string, message: string, data: IDataObject = {}) => {
		milvus.current().injectFault({ kind: 'code', code: 1602, message, path: 'aliases/create' });
		return await runOperation({ endpoint: milvus.current().url, token }, 'create', {
			aliasName: 'products',
			collectionName: byName('products_v2'),
			...data,
		});
	};

	test('token "a": the message keeps every "a", and the token itself is redacted', async () => {
		const result = await fail(
			'a',
			'alias already exist[database=default][alias=products], token a',
		);
		expect(errorMessage(result)).toBe(
			'Alias "products" already points to another collection. Use Update, or Create or Update, to repoint it (Milvus error 1602: alias already exist[database=default][alias=products], token [redacted])',
		);
	});

	test('the default root:Milvus: "Milvus error 1602" and Milvus\'s text stay readable', async () => {
		const result = await fail(
			'root:Milvus',
			'products is alias to another collection: products_v1 (MilvusCluster; password Milvus)',
		);
		expect(errorMessage(result)).toBe(
			'Alias "products" already points to another collection. Use Update, or Create or Update, to repoint it (Milvus error 1602: products is alias to another collection: products_v1 (MilvusCluster; password [redacted]))',
		);
	});

	test('a password shorter than 8 characters: redacted only where it stands alone', async () => {
		const result = await fail('root:ab1', 'ab1 rejected; tab1 and lab12 kept');
		expect(errorMessage(result)).toMatch(
			/\(Milvus error 1602: \[redacted\] rejected; tab1 and lab12 kept\)$/,
		);
	});
});
