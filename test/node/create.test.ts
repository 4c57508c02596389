/**
 * Issue 2: Create Alias end to end through n8n-core's real engine, against the emulator over
 * loopback HTTP: parameters per item, dbName handling, trimming, validation before requests,
 * Milvus's errors per item, both continue-on-fail modes, pairing, endpoints, the picker.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MilvusEmulator } from '../../tooling/emulator';
import { startEmulator } from '../../tooling/emulator';
import { runMilvusAlias, searchCollections } from '../harness/n8n-harness';

const TOKEN = 'root:Milvus';
let emu: MilvusEmulator;

beforeEach(async () => {
	emu = await startEmulator({
		auth: { users: { root: 'Milvus' } },
		databases: {
			default: { collections: { books_v1: {}, books_v2: {}, movies: {} } },
			library: { collections: { shelf_a: {}, shelf_b: {} } },
		},
	});
});
afterEach(async () => await emu.close());

const byName = (value: string) => ({ __rl: true, mode: 'name', value });
const credentials = () => ({ endpoint: emu.url, token: TOKEN });
const aliasRequests = () => emu.requests.filter((request) => request.path.includes('/aliases/'));

async function create(
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	onError?: 'continueRegularOutput' | 'continueErrorOutput',
) {
	return await runMilvusAlias({
		credentials: credentials(),
		parameters: { operation: 'create', ...parameters },
		items,
		onError,
	});
}

describe('create: one request per item, parameters read per item', () => {
	test('expressions give each item its own alias and collection; outputs follow the contract in input order', async () => {
		const result = await create(
			{ aliasName: '={{ $json.alias }}', collectionName: byName('={{ $json.collection }}') },
			[
				{ alias: 'books', collection: 'books_v1' },
				{ alias: 'novels', collection: 'books_v2' },
				{ alias: 'films', collection: 'movies' },
			],
		);
		expect(result.run.status).toBe('success');
		expect(result.outputs[0]).toEqual([
			{
				json: { aliasName: 'books', collectionName: 'books_v1', dbName: 'default' },
				pairedItem: { item: 0 },
			},
			{
				json: { aliasName: 'novels', collectionName: 'books_v2', dbName: 'default' },
				pairedItem: { item: 1 },
			},
			{
				json: { aliasName: 'films', collectionName: 'movies', dbName: 'default' },
				pairedItem: { item: 2 },
			},
		]);
		expect(emu.getAliases('default')).toEqual({
			books: 'books_v1',
			novels: 'books_v2',
			films: 'movies',
		});
		const sent = aliasRequests().map((request) => ({
			path: request.path,
			body: request.body,
			auth: request.headers.authorization,
		}));
		expect(sent).toEqual(
			expect.arrayContaining([
				{
					path: '/v2/vectordb/aliases/create',
					body: { collectionName: 'books_v1', aliasName: 'books' },
					auth: `Bearer ${TOKEN}`,
				},
				{
					path: '/v2/vectordb/aliases/create',
					body: { collectionName: 'books_v2', aliasName: 'novels' },
					auth: `Bearer ${TOKEN}`,
				},
				{
					path: '/v2/vectordb/aliases/create',
					body: { collectionName: 'movies', aliasName: 'films' },
					auth: `Bearer ${TOKEN}`,
				},
			]),
		);
		expect(sent).toHaveLength(3);
	});

	test('dbName is omitted when empty and sent when set, per item; the output names the database used', async () => {
		const result = await create(
			{
				dbName: '={{ $json.db }}',
				aliasName: 'shelf',
				collectionName: byName('={{ $json.collection }}'),
			},
			[
				{ db: '', collection: 'books_v1' },
				{ db: 'library', collection: 'shelf_a' },
			],
		);
		expect(result.outputs[0].map((item) => item.json)).toEqual([
			{ aliasName: 'shelf', collectionName: 'books_v1', dbName: 'default' },
			{ aliasName: 'shelf', collectionName: 'shelf_a', dbName: 'library' },
		]);
		expect(aliasRequests().map((request) => request.body)).toEqual([
			{ collectionName: 'books_v1', aliasName: 'shelf' },
			{ dbName: 'library', collectionName: 'shelf_a', aliasName: 'shelf' },
		]);
		expect(emu.getAliases('library')).toEqual({ shelf: 'shelf_a' });
	});

	test('names are trimmed before validation and sending', async () => {
		const result = await create({
			dbName: '  library ',
			aliasName: '\t shelf  ',
			collectionName: byName('  shelf_b '),
		});
		expect(result.outputs[0][0].json).toEqual({
			aliasName: 'shelf',
			collectionName: 'shelf_b',
			dbName: 'library',
		});
		expect(aliasRequests()[0].body).toEqual({
			dbName: 'library',
			collectionName: 'shelf_b',
			aliasName: 'shelf',
		});
	});

	test('creating an alias that already points at the same collection succeeds (Milvus is idempotent)', async () => {
		emu.setAlias('default', 'books', 'books_v1');
		const result = await create({ aliasName: 'books', collectionName: byName('books_v1') });
		expect(result.run.status).toBe('success');
		expect(result.outputs[0][0].json).toEqual({
			aliasName: 'books',
			collectionName: 'books_v1',
			dbName: 'default',
		});
	});

	test('the legacy success code 200 of early Milvus 2.4 builds counts as success', async () => {
		await emu.close();
		emu = await startEmulator({
			legacySuccessCode: true,
			databases: { default: { collections: { books_v1: {} } } },
		});
		const result = await create({ aliasName: 'books', collectionName: byName('books_v1') });
		expect(result.run.status).toBe('success');
		expect(emu.getAliases()).toEqual({ books: 'books_v1' });
	});
});

describe("create: Milvus errors become the item's error, with Milvus's code and message and what to do", () => {
	const cases: Array<{
		name: string;
		setup?: () => void;
		parameters: IDataObject;
		token?: string;
		message: RegExp;
		description: RegExp;
	}> = [
		{
			name: '1602: the alias points at another collection',
			setup: () => emu.setAlias('default', 'books', 'books_v2'),
			parameters: { aliasName: 'books', collectionName: byName('books_v1') },
			message:
				/^Milvus error 1602: books is alias to another collection: books_v2: alias already exist\[database=default\]\[alias=books\]$/,
			description: /Use Update to repoint it, or Create or Update/,
		},
		{
			name: '100: the collection does not exist in that database',
			parameters: { aliasName: 'books', collectionName: byName('shelf_a') },
			message: /^Milvus error 100: collection not found\[database=default\]\[collection=shelf_a\]$/,
			description: /Collection "shelf_a" does not exist in database "default"/,
		},
		{
			name: '800: the database does not exist',
			parameters: { dbName: 'archive', aliasName: 'books', collectionName: byName('books_v1') },
			message: /^Milvus error 800: database not found\[database=archive\]$/,
			description: /Database "archive" does not exist.*leave it empty/,
		},
		{
			name: '1601: the alias name is a collection name',
			parameters: { aliasName: 'movies', collectionName: byName('books_v1') },
			message: /^Milvus error 1601: alias and collection name conflict/,
			description: /already the name of a collection.*Choose another alias name/,
		},
		{
			name: '1800 / HTTP 401: wrong token',
			token: 'root:wrong',
			parameters: { aliasName: 'books', collectionName: byName('books_v1') },
			message: /^Milvus error 1800: user hasn't authenticated$/,
			description: /Check the token in the "Milvus REST API" credential/,
		},
	];

	test.each(cases)('$name', async ({ setup, parameters, token, message, description }) => {
		setup?.();
		const result = await runMilvusAlias({
			credentials: { endpoint: emu.url, token: token ?? TOKEN },
			parameters: { operation: 'create', ...parameters },
		});
		expect(result.run.status).toBe('error');
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			context: expect.objectContaining({ itemIndex: 0 }),
		});
		expect(String(result.error?.message)).toMatch(message);
		expect(String(result.error?.description)).toMatch(description);
		expect(aliasRequests()).toHaveLength(1);
	});

	test("an endpoint that does not serve REST v2 (gin's plain-text 404) says to check URL and version", async () => {
		const result = await runMilvusAlias({
			credentials: { endpoint: `${emu.url}/wrong-prefix`, token: TOKEN },
			parameters: { operation: 'create', aliasName: 'books', collectionName: byName('books_v1') },
		});
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		expect(String(result.error?.message)).toBe(
			`No Milvus REST API v2 at ${emu.url}/wrong-prefix (HTTP 404: 404 page not found)`,
		);
		expect(String(result.error?.description)).toMatch(/path prefix.*REST API v2/);
	});

	test('nothing listening: the message names host and port', async () => {
		const closed = await startEmulator();
		const deadUrl = closed.url;
		await closed.close();
		const result = await runMilvusAlias({
			credentials: { endpoint: deadUrl, token: TOKEN },
			parameters: { operation: 'create', aliasName: 'books', collectionName: byName('books_v1') },
		});
		expect(String(result.error?.message)).toBe(
			`Nothing is listening at ${deadUrl.replace('http://', '')}: the connection was refused`,
		);
	});
});

describe('create: invalid input is rejected per item before any request', () => {
	const invalidItems = [
		{ alias: 'books', collection: 'books_v1' },
		{ alias: '1books', collection: 'books_v1' },
		{ alias: 'films', collection: 'bad-name' },
		{ alias: '', collection: 'movies' },
		{ alias: 'novels', collection: 'books_v2' },
	];
	const parameters = {
		aliasName: '={{ $json.alias }}',
		collectionName: byName('={{ $json.collection }}'),
	};

	test('without continue-on-fail the run fails on the first invalid item and nothing is sent', async () => {
		const result = await create(parameters, invalidItems);
		expect(result.run.status).toBe('error');
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			context: expect.objectContaining({ itemIndex: 1 }),
		});
		expect(String(result.error?.message)).toBe(
			'Alias Name "1books" is not a valid Milvus name: it must start with a letter or an underscore, contain only letters, digits and underscores, and be at most 255 characters long',
		);
		expect(emu.requests).toHaveLength(0);
		expect(emu.getAliases()).toEqual({});
	});

	test('with "Continue (using error output)" invalid items go to the error output, the others are created', async () => {
		const result = await create(parameters, invalidItems, 'continueErrorOutput');
		expect(result.run.status).toBe('success');
		expect(result.outputs[0]).toEqual([
			{
				json: { aliasName: 'books', collectionName: 'books_v1', dbName: 'default' },
				pairedItem: { item: 0 },
			},
			{
				json: { aliasName: 'novels', collectionName: 'books_v2', dbName: 'default' },
				pairedItem: { item: 4 },
			},
		]);
		expect(
			result.outputs[1].map((item) => [
				item.pairedItem,
				Object.keys(item.json).sort(),
				item.json.error,
			]),
		).toEqual([
			[
				{ item: 1 },
				['details', 'error'],
				expect.stringMatching(/^Alias Name "1books" is not a valid Milvus name/),
			],
			[
				{ item: 2 },
				['details', 'error'],
				expect.stringMatching(/^Collection "bad-name" is not a valid Milvus name/),
			],
			[{ item: 3 }, ['details', 'error'], expect.stringMatching(/^Alias Name is empty/)],
		]);
		expect(
			aliasRequests()
				.map((request) => (request.body as IDataObject).aliasName)
				.sort(),
		).toEqual(['books', 'novels']);
	});

	test('an invalid database name is named as such', async () => {
		const result = await create({
			dbName: 'my-db',
			aliasName: 'books',
			collectionName: byName('books_v1'),
		});
		expect(String(result.error?.message)).toMatch(
			/^Database Name "my-db" is not a valid Milvus name/,
		);
		expect(emu.requests).toHaveLength(0);
	});

	test('a name longer than 255 characters is rejected', async () => {
		const result = await create({
			aliasName: `a${'b'.repeat(255)}`,
			collectionName: byName('books_v1'),
		});
		expect(String(result.error?.message)).toMatch(
			/^Alias Name "ab+…" is not a valid Milvus name: .*at most 255 characters long$/,
		);
		expect(emu.requests).toHaveLength(0);
	});
});

describe('create: continue-on-fail with Milvus errors', () => {
	const items = [
		{ alias: 'books', collection: 'books_v1' },
		{ alias: 'taken', collection: 'books_v1' },
		{ alias: 'films', collection: 'missing' },
		{ alias: 'novels', collection: 'books_v2' },
	];
	const parameters = {
		aliasName: '={{ $json.alias }}',
		collectionName: byName('={{ $json.collection }}'),
	};

	test('"Continue" keeps error items in the main output, in input order, paired to their input', async () => {
		emu.setAlias('default', 'taken', 'movies');
		const result = await create(parameters, items, 'continueRegularOutput');
		expect(result.run.status).toBe('success');
		expect(result.outputs).toHaveLength(1);
		expect(
			result.outputs[0].map((item) => [item.pairedItem, item.json.aliasName ?? item.json.error]),
		).toEqual([
			[{ item: 0 }, 'books'],
			[
				{ item: 1 },
				expect.stringMatching(/^Milvus error 1602: taken is alias to another collection: movies/),
			],
			[{ item: 2 }, 'Milvus error 100: collection not found[database=default][collection=missing]'],
			[{ item: 3 }, 'novels'],
		]);
		expect(result.outputs[0][1].json.details).toMatchObject({
			milvusCode: 1602,
			description: expect.stringMatching(/Use Update/),
		});
		expect(emu.getAliases()).toEqual({ books: 'books_v1', taken: 'movies', novels: 'books_v2' });
	});

	test('"Continue (using error output)" routes Milvus errors to the error output', async () => {
		emu.setAlias('default', 'taken', 'movies');
		const result = await create(parameters, items, 'continueErrorOutput');
		expect(result.outputs[0].map((item) => [item.pairedItem, item.json.aliasName])).toEqual([
			[{ item: 0 }, 'books'],
			[{ item: 3 }, 'novels'],
		]);
		expect(result.outputs[1].map((item) => [item.pairedItem, item.json.details])).toEqual([
			[{ item: 1 }, expect.objectContaining({ milvusCode: 1602 })],
			[{ item: 2 }, expect.objectContaining({ milvusCode: 100 })],
		]);
	});

	test("without continue-on-fail the first failing item fails the run, with Milvus's message", async () => {
		emu.setAlias('default', 'taken', 'movies');
		const result = await create({ ...parameters, options: { concurrency: 1 } }, items);
		expect(result.run.status).toBe('error');
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			context: expect.objectContaining({ itemIndex: 1, milvusCode: 1602 }),
		});
		// Items after the failing one are not started, and the error says what already happened.
		expect(aliasRequests().map((request) => (request.body as IDataObject).aliasName)).toEqual([
			'books',
			'taken',
		]);
		expect(String(result.error?.description)).toMatch(
			/1 other item\(s\) of this run completed, and their changes stay in Milvus \(items 0\); 2 item\(s\) were not run/,
		);
	});
});

describe('credential and endpoint handling', () => {
	test('no Authorization header is sent when the token is empty (Milvus without authentication)', async () => {
		await emu.close();
		emu = await startEmulator({ databases: { default: { collections: { books_v1: {} } } } });
		const result = await runMilvusAlias({
			credentials: { endpoint: emu.url, token: '' },
			parameters: { operation: 'create', aliasName: 'books', collectionName: byName('books_v1') },
		});
		expect(result.run.status).toBe('success');
		expect(emu.requests).toHaveLength(1);
		expect(emu.requests[0].headers.authorization).toBeUndefined();
	});

	test.each([
		['a trailing slash', (url: string) => `${url}/`, ''],
		['a path prefix behind a reverse proxy', (url: string) => `${url}/milvus`, '/milvus'],
		['a path prefix with a trailing slash', (url: string) => `${url}/milvus//`, '/milvus'],
	])('an endpoint with %s works', async (_label, endpointOf, prefix) => {
		await emu.close();
		emu = await startEmulator({
			pathPrefix: prefix,
			databases: { default: { collections: { books_v1: {} } } },
		});
		const result = await runMilvusAlias({
			credentials: { endpoint: endpointOf(emu.url), token: TOKEN },
			parameters: { operation: 'create', aliasName: 'books', collectionName: byName('books_v1') },
		});
		expect(result.run.status).toBe('success');
		expect(emu.requests.map((request) => request.path)).toEqual([
			`${prefix}/v2/vectordb/aliases/create`,
		]);
	});

	test('the credential is decrypted once per execution, not once per item', async () => {
		const items = Array.from({ length: 25 }, (_, index) => ({ alias: `alias_${index}` }));
		const result = await create(
			{ aliasName: '={{ $json.alias }}', collectionName: byName('books_v1') },
			items,
		);
		expect(result.outputs[0]).toHaveLength(25);
		expect(result.decryptions).toBe(1);
		expect(
			emu.requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`),
		).toBe(true);
	});

	test('the token appears in no output item and no error', async () => {
		emu.setAlias('default', 'taken', 'movies');
		const result = await create(
			{ aliasName: '={{ $json.alias }}', collectionName: byName('books_v1') },
			[{ alias: 'books' }, { alias: 'taken' }, { alias: '9' }],
			'continueRegularOutput',
		);
		const failed = await runMilvusAlias({
			credentials: { endpoint: emu.url, token: 'root:Milvus-wrong' },
			parameters: { operation: 'create', aliasName: 'books', collectionName: byName('books_v1') },
		});
		for (const text of [
			JSON.stringify(result.run),
			JSON.stringify(failed.run),
			String(failed.error?.description),
		]) {
			expect(text).not.toContain('Milvus-wrong');
			expect(text).not.toContain(TOKEN);
		}
	});
});

describe('the Collection picker (resource locator "From list")', () => {
	test('lists the collections of the chosen database, sorted, filtered by the search text', async () => {
		const all = await searchCollections(credentials(), { operation: 'create', dbName: '' });
		expect(all.results).toEqual([
			{ name: 'books_v1', value: 'books_v1' },
			{ name: 'books_v2', value: 'books_v2' },
			{ name: 'movies', value: 'movies' },
		]);
		const library = await searchCollections(
			credentials(),
			{ operation: 'create', dbName: 'library' },
			'B',
		);
		expect(library.results).toEqual([{ name: 'shelf_b', value: 'shelf_b' }]);
		expect(emu.requests.map((request) => [request.path, request.body])).toEqual([
			['/v2/vectordb/collections/list', { dbName: '' }],
			['/v2/vectordb/collections/list', { dbName: 'library' }],
		]);
	});

	test("a wrong token gives the node's explanation", async () => {
		await expect(
			searchCollections({ endpoint: emu.url, token: 'root:nope' }, { operation: 'create' }),
		).rejects.toThrow("Milvus error 1800: user hasn't authenticated");
	});
});
