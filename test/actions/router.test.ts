/**
 * The router through n8n-core's real engine: every item checked before any request, values from
 * expressions coerced or rejected per item, On Error in its three forms (with n8n 1.x's rule for
 * the error output), what a stopped run reports, per-alias order, bounded parallelism, and the
 * credential read once per execution.
 */
import type { IDataObject } from 'n8n-workflow';

import type { OnError } from '../fixtures';
import {
	changeRequests,
	byName,
	DEFAULT_TOKEN,
	jsonOf,
	requestedPaths,
	runOperation,
	SEEDS,
	useEmulator,
} from '../fixtures';
import { startEmulator } from '../../tooling/emulator';

const emulator = useEmulator(SEEDS.library);
const credentials = () => ({ endpoint: emulator.current().url, token: DEFAULT_TOKEN });

async function run(
	operation: string,
	parameters: IDataObject,
	items?: IDataObject[],
	onError?: OnError,
) {
	return await runOperation(credentials(), operation, parameters, items, onError);
}

const perItem = {
	aliasName: '={{ $json.alias }}',
	collectionName: byName('={{ $json.collection }}'),
};
const aliasesSent = () =>
	changeRequests(emulator.current()).map((request) => (request.body as IDataObject).aliasName);

describe('every item is checked before any request', () => {
	const items = [
		{ alias: 'books', collection: 'books_v1' },
		{ alias: '1books', collection: 'books_v1' },
		{ alias: 'films', collection: 'bad-name' },
		{ alias: '', collection: 'movies' },
		{ alias: 'novels', collection: 'books_v2' },
	];

	test('without continue-on-fail the run fails on the first invalid item and nothing is sent', async () => {
		const result = await run('create', perItem, items);
		expect(result.run.status).toBe('error');
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			context: expect.objectContaining({ itemIndex: 1 }),
		});
		expect(String(result.error?.message)).toBe(
			'Alias Name "1books" is not a valid Milvus name: it must start with a letter or an underscore, contain only letters, digits and underscores, and be at most 255 characters long',
		);
		expect(emulator.current().requests).toHaveLength(0);
	});

	test('with "Continue (using error output)" invalid items go to the error output, the others run', async () => {
		const result = await run('create', perItem, items, 'continueErrorOutput');
		expect(result.run.status).toBe('success');
		expect(jsonOf(result).map((json) => json.aliasName)).toEqual(['books', 'novels']);
		expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 4 }]);
		expect(
			result.outputs[1].map((item) => [
				item.pairedItem,
				Object.keys(item.json).sort(),
				item.json.error,
			]),
		).toEqual([
			[{ item: 1 }, ['details', 'error'], expect.stringMatching(/^Alias Name "1books" is not/)],
			[{ item: 2 }, ['details', 'error'], expect.stringMatching(/^Collection "bad-name" is not/)],
			[{ item: 3 }, ['details', 'error'], expect.stringMatching(/^Alias Name is empty/)],
		]);
		expect(aliasesSent().sort()).toEqual(['books', 'novels']);
	});

	test('an invalid Database Name is named as such', async () => {
		const result = await run('create', {
			dbName: 'my-db',
			aliasName: 'books',
			collectionName: byName('books_v1'),
		});
		expect(String(result.error?.message)).toMatch(
			/^Database Name "my-db" is not a valid Milvus name/,
		);
		expect(emulator.current().requests).toHaveLength(0);
	});

	test('a name longer than 255 characters is rejected', async () => {
		const result = await run('create', {
			aliasName: `a${'b'.repeat(255)}`,
			collectionName: byName('books_v1'),
		});
		expect(String(result.error?.message)).toMatch(
			/^Alias Name "ab+…" is not a valid Milvus name: .*at most 255 characters long$/,
		);
		expect(emulator.current().requests).toHaveLength(0);
	});

	test('with "Continue", an invalid item keeps its own error when the credential\'s Endpoint is unusable too', async () => {
		const result = await runOperation(
			{ endpoint: 'ftp://milvus.example:19530', token: DEFAULT_TOKEN },
			'create',
			perItem,
			[
				{ alias: 'books', collection: 'books_v1' },
				{ alias: 'bad-alias', collection: 'books_v1' },
			],
			'continueRegularOutput',
		);
		const errors = jsonOf(result).map((json) => String(json.error));
		expect(errors[0]).toMatch(/Endpoint/);
		expect(errors[1]).toMatch(/^Alias Name "bad-alias" is not a valid Milvus name/);
	});
});

describe('values from expressions: the real type or its unambiguous text, anything else rejected for that item', () => {
	const flag = { requireLoaded: '={{ $json.flag }}' };

	test('Require Loaded Collection "true" (text) switches the load check on', async () => {
		emulator.current().addCollection('default', 'cold', { loaded: false });
		const result = await run(
			'create',
			{ aliasName: 'books', collectionName: byName('cold'), options: flag },
			[{ flag: 'true' }],
		);
		expect(String(result.error?.message)).toMatch(/^Collection "cold" is not loaded/);
		expect(emulator.current().getAliases()).toEqual({});
	});

	test.each([
		['a word', 'yes', /the text "yes"/],
		['a number', 1, /number 1/],
		['nothing', null, /nothing \(empty\)/],
	])(
		'Require Loaded Collection as %s is rejected, naming the field and the type',
		async (_label, value, got) => {
			const result = await run(
				'create',
				{ aliasName: 'books', collectionName: byName('books_v1'), options: flag },
				[{ flag: value }],
			);
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(String(result.error?.message)).toMatch(
				/^Options › Require Loaded Collection must be true or false, but got /,
			);
			expect(String(result.error?.message)).toMatch(got);
			expect(emulator.current().requests).toHaveLength(0);
		},
	);

	test.each([
		['true (a boolean)', true, /Alias Name must be text, but got boolean true/],
		['["books"] (an array)', ['books'], /Alias Name must be text, but got an array/],
		['42 (a number)', 42, /Alias Name must be text, but got number 42/],
	])('Alias Name %s is rejected', async (_label, value, message) => {
		const result = await run(
			'create',
			{ aliasName: '={{ $json.alias }}', collectionName: byName('books_v1') },
			[{ alias: value }],
		);
		expect(String(result.error?.message)).toMatch(message);
		expect(emulator.current().requests).toHaveLength(0);
	});

	test('Return All "false" (text) applies the Limit; Limit "2" (text) is read as 2', async () => {
		const emu = emulator.current();
		for (const alias of ['a1', 'a2', 'a3']) emu.setAlias('default', alias, 'books_v1');
		const result = await run(
			'getAll',
			{ returnAll: '={{ $json.all }}', limit: '={{ $json.limit }}' },
			[{ all: 'false', limit: '2' }],
		);
		expect(jsonOf(result).map((json) => json.aliasName)).toEqual(['a1', 'a2']);
	});

	test.each([
		[
			'Limit',
			{ limit: '={{ $json.v }}' },
			'two',
			/^Limit must be a whole number at least 1, but got the text "two"/,
		],
		[
			'Limit',
			{ limit: '={{ $json.v }}' },
			2.5,
			/^Limit must be a whole number at least 1, but got number 2\.5/,
		],
		[
			'Return All',
			{ returnAll: '={{ $json.v }}' },
			'all',
			/^Return All must be true or false, but got the text "all"/,
		],
	])(
		'%s: an unclear value is rejected before any request',
		async (_field, parameters, v, message) => {
			const result = await run('getAll', parameters, [{ v }]);
			expect(String(result.error?.message)).toMatch(message);
			expect(emulator.current().requests).toHaveLength(0);
		},
	);

	test('Max Retries "0" (text) means no retry, not the default of 3', async () => {
		emulator
			.current()
			.injectFault({ kind: 'status', status: 503, path: 'aliases/describe', times: 5 });
		const result = await run(
			'get',
			{ aliasName: 'books', options: { maxRetries: '={{ $json.retries }}', retryDelay: 1 } },
			[{ retries: '0' }],
		);
		expect(result.run.status).toBe('error');
		expect(requestedPaths(emulator.current())).toEqual(['aliases/describe']);
	});

	test('Concurrency "2" (text) is used as 2', async () => {
		const emu = emulator.current();
		const latency = 60;
		emu.setLatency(latency);
		const items = Array.from({ length: 6 }, (_, index) => ({
			alias: `c_${index}`,
			concurrency: '2',
		}));
		const result = await run(
			'create',
			{
				aliasName: '={{ $json.alias }}',
				collectionName: byName('books_v1'),
				options: { concurrency: '={{ $json.concurrency }}' },
			},
			items,
		);
		expect(jsonOf(result)).toHaveLength(6);
		const arrivals = emu.requests.map((request) => request.at).sort((a, b) => a - b);
		const inWindow = arrivals.map(
			(start) => arrivals.filter((at) => at >= start && at < start + latency * 0.75).length,
		);
		expect(Math.max(...inWindow)).toBeLessThanOrEqual(2);
	});

	test.each([
		[
			'Concurrency above the maximum the editor shows',
			{ concurrency: '={{ 500 }}' },
			/^Options › Concurrency must be a whole number from \d+ to 100, but got 500/,
		],
		[
			'Concurrency as a word',
			{ concurrency: '={{ "many" }}' },
			/^Options › Concurrency must be a whole number .*but got the text "many"/,
		],
		[
			'Timeout as a word',
			{ timeout: '={{ "soon" }}' },
			/^Options › Timeout \(Ms\) must be a whole number .*but got the text "soon"/,
		],
		[
			'Retry Delay below zero',
			{ retryDelay: -1 },
			/^Options › Retry Delay \(Ms\) must be a whole number at least 0, but got -1/,
		],
		[
			'Max Retries as a fraction',
			{ maxRetries: '1.5' },
			/^Options › Max Retries must be a whole number from 0 to 10, but got the text "1\.5"/,
		],
	])('%s stops the run before any request, naming the option', async (_label, options, message) => {
		const result = await run('create', {
			aliasName: 'books',
			collectionName: byName('books_v1'),
			options,
		});
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(String(result.error?.message)).toMatch(message);
		expect(String(result.error?.description)).toMatch(/read from the first item/);
		expect(emulator.current().requests).toHaveLength(0);
	});
});

test('with "Continue", an invalid run-wide option fails every item, and an invalid item keeps its own error', async () => {
	const result = await run(
		'create',
		{ ...perItem, options: { concurrency: '={{ "many" }}' } },
		[
			{ alias: 'books', collection: 'books_v1' },
			{ alias: 'bad-alias', collection: 'books_v1' },
		],
		'continueRegularOutput',
	);
	expect(result.run.status).toBe('success');
	expect(jsonOf(result).map((json) => [Object.keys(json).sort(), json.error])).toEqual([
		[['details', 'error'], expect.stringMatching(/^Options › Concurrency must be a whole number/)],
		[
			['details', 'error'],
			expect.stringMatching(/^Alias Name "bad-alias" is not a valid Milvus name/),
		],
	]);
	expect(emulator.current().requests).toHaveLength(0);
});

describe('On Error', () => {
	const items = [
		{ alias: 'books', collection: 'books_v1' },
		{ alias: 'taken', collection: 'books_v1' },
		{ alias: 'films', collection: 'missing' },
		{ alias: 'novels', collection: 'books_v2' },
	];
	beforeEach(() => emulator.current().setAlias('default', 'taken', 'movies'));

	test('"Continue" keeps error items in the main output, in input order, paired to their input', async () => {
		const result = await run('create', perItem, items, 'continueRegularOutput');
		expect(result.run.status).toBe('success');
		expect(result.outputs).toHaveLength(1);
		expect(
			result.outputs[0].map((item) => [item.pairedItem, item.json.aliasName ?? item.json.error]),
		).toEqual([
			[{ item: 0 }, 'books'],
			[
				{ item: 1 },
				expect.stringMatching(/\(Milvus error 1602: taken is alias to another collection: movies/),
			],
			[
				{ item: 2 },
				expect.stringMatching(
					/\(Milvus error 100: collection not found\[database=default\]\[collection=missing\]\)$/,
				),
			],
			[{ item: 3 }, 'novels'],
		]);
		expect(result.outputs[0][1].json.details).toMatchObject({
			milvusCode: 1602,
			description: expect.any(String),
		});
		expect(emulator.current().getAliases()).toEqual({
			books: 'books_v1',
			taken: 'movies',
			novels: 'books_v2',
		});
	});

	test('"Continue (using error output)" routes Milvus errors to the error output', async () => {
		const result = await run('create', perItem, items, 'continueErrorOutput');
		expect(result.outputs[0].map((item) => [item.pairedItem, item.json.aliasName])).toEqual([
			[{ item: 0 }, 'books'],
			[{ item: 3 }, 'novels'],
		]);
		expect(result.outputs[1].map((item) => [item.pairedItem, item.json.details])).toEqual([
			[{ item: 1 }, expect.objectContaining({ milvusCode: 1602 })],
			[{ item: 2 }, expect.objectContaining({ milvusCode: 100 })],
		]);
	});

	test('on this n8n (2.x) error items are `{ error, details }` on the error output, details kept', async () => {
		const result = await run(
			'create',
			perItem,
			[...items, { alias: 'bad-name', collection: 'books_v1' }],
			'continueErrorOutput',
		);
		const routed = result.outputs[1];
		expect(routed.map((item) => [item.pairedItem, Object.keys(item.json).sort()])).toEqual([
			[{ item: 1 }, ['details', 'error']],
			[{ item: 2 }, ['details', 'error']],
			[{ item: 4 }, ['details', 'error']],
		]);
		expect(routed[2].json.details).toEqual({
			description: 'Fix the value for this item; no request was sent for it.',
		});
	});

	test("Stop Workflow: the first failing item fails the run with Milvus's message; later items are not started", async () => {
		const result = await run('create', { ...perItem, options: { concurrency: 1 } }, items);
		expect(result.run.status).toBe('error');
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			context: expect.objectContaining({ itemIndex: 1, milvusCode: 1602 }),
		});
		expect(aliasesSent()).toEqual(['books', 'taken']);
		expect(String(result.error?.description)).toMatch(
			/1 other item\(s\) of this run completed \(items 0\)\. 2 item\(s\) were not run/,
		);
	});

	test('Stop Workflow: the error names every change made before it, so the run can be rolled back from the error alone', async () => {
		const emu = emulator.current();
		emu.setAlias('default', 'shelf', 'books_v1');
		emu.setAlias('default', 'gone', 'movies');
		const result = await runOperation(
			credentials(),
			'upsert',
			{ ...perItem, options: { concurrency: 1 } },
			[
				{ alias: 'shelf', collection: 'books_v2' },
				{ alias: 'fresh', collection: 'movies' },
				{ alias: 'books_v2', collection: 'books_v1' },
				{ alias: 'later', collection: 'movies' },
			],
		);
		expect(result.run.status).toBe('error');
		expect(result.error?.context).toMatchObject({
			itemIndex: 2,
			completedChanges: [
				{ aliasName: 'shelf', dbName: 'default', from: 'books_v1', to: 'books_v2' },
				{ aliasName: 'fresh', dbName: 'default', from: null, to: 'movies' },
			],
		});
		const description = String(result.error?.description);
		expect(description).toMatch(
			/2 change\(s\) were made before this error and stay in Milvus: alias "shelf" \(database "default"\): books_v1 → books_v2; alias "fresh" \(database "default"\): new → movies/,
		);
		expect(description).toMatch(/1 item\(s\) were not run/);
	});

	test('Stop Workflow after many changes: the first few are named with a count, the context holds them all', async () => {
		const items = Array.from({ length: 8 }, (_, index) => ({
			alias: `a_${index}`,
			collection: 'books_v1',
		}));
		items.push({ alias: 'movies', collection: 'books_v1' });
		const result = await run('create', { ...perItem, options: { concurrency: 1 } }, items);
		const changes = (result.error?.context as IDataObject).completedChanges as IDataObject[];
		expect(changes.map((change) => change.aliasName)).toEqual(
			items.slice(0, 8).map((item) => item.alias),
		);
		expect(String(result.error?.description)).toMatch(
			/8 change\(s\) were made before this error .*alias "a_4" \(database "default"\): new → books_v1; and 3 more/,
		);
	});

	test('Delete: a stopped run names the aliases it deleted', async () => {
		const emu = emulator.current();
		emu.setAlias('default', 'old_a', 'books_v1');
		emu.setAlias('default', 'old_b', 'books_v2');
		const result = await run(
			'delete',
			{ dbName: '={{ $json.db }}', aliasName: '={{ $json.alias }}', options: { concurrency: 1 } },
			[
				{ db: '', alias: 'old_a' },
				{ db: 'library', alias: 'old_b' },
				{ db: 'archive', alias: 'old_c' },
			],
		);
		expect(result.error?.context).toMatchObject({
			itemIndex: 2,
			completedChanges: [
				{ aliasName: 'old_a', dbName: 'default', to: null },
				{ aliasName: 'old_b', dbName: 'library', to: null },
			],
		});
		expect(String(result.error?.description)).toMatch(
			/alias "old_a" \(database "default"\) deleted; alias "old_b" \(database "library"\) deleted/,
		);
	});
});

describe('order and parallelism', () => {
	test('operations on the same alias keep input order, even with parallel items and server latency', async () => {
		const emu = emulator.current();
		emu.setLatency(25);
		const items = [
			{ alias: 'switch', collection: 'books_v1' },
			{ alias: 'other_a', collection: 'movies' },
			{ alias: 'switch', collection: 'books_v2' },
			{ alias: 'other_b', collection: 'movies' },
			{ alias: 'switch', collection: 'movies' },
		];
		const result = await run('upsert', { ...perItem, options: { concurrency: 5 } }, items);
		expect(
			jsonOf(result).map((json) => [json.aliasName, json.action, json.previousCollectionName]),
		).toEqual([
			['switch', 'created', null],
			['other_a', 'created', null],
			['switch', 'updated', 'books_v1'],
			['other_b', 'created', null],
			['switch', 'updated', 'books_v2'],
		]);
		expect(result.outputs[0].map((item) => item.pairedItem)).toEqual(
			items.map((_, item) => ({ item })),
		);
		expect(emu.getAliases().switch).toBe('movies');
	});

	test('an empty Database Name and "default" are the same database: items on that alias keep their order', async () => {
		const emu = emulator.current();
		emu.setAlias('default', 'products', 'books_v1');
		emu.setLatency(20);
		// The first item's alter meets a 503 and is retried: without one order for both spellings,
		// the second item would repoint the alias in between and the retry would win.
		emu.injectFault({ kind: 'status', status: 503, path: 'aliases/alter', times: 1 });
		const result = await run(
			'upsert',
			{
				dbName: '={{ $json.db }}',
				...perItem,
				options: { concurrency: 2, retryDelay: 50 },
			},
			[
				{ db: '', alias: 'products', collection: 'books_v2' },
				{ db: 'default', alias: 'products', collection: 'movies' },
			],
		);
		expect(
			jsonOf(result).map((json) => [json.action, json.previousCollectionName, json.collectionName]),
		).toEqual([
			['updated', 'books_v1', 'books_v2'],
			['updated', 'books_v2', 'movies'],
		]);
		expect(emu.getAliases().products).toBe('movies');
	});

	test('different aliases run in parallel, never more at once than the Concurrency option', async () => {
		const emu = emulator.current();
		const latency = 80;
		emu.setLatency(latency);
		const items = Array.from({ length: 9 }, (_, index) => ({ alias: `a_${index}` }));
		const result = await run(
			'create',
			{
				aliasName: '={{ $json.alias }}',
				collectionName: byName('movies'),
				options: { concurrency: 3 },
			},
			items,
		);
		expect(jsonOf(result).map((json) => json.aliasName)).toEqual(items.map((item) => item.alias));
		const arrivals = emu.requests.map((request) => request.at).sort((a, b) => a - b);
		const inWindow = arrivals.map(
			(start) => arrivals.filter((at) => at >= start && at < start + latency * 0.75).length,
		);
		// Bounded by the option, and truly parallel (a loaded machine may spread a wave a little).
		expect(Math.max(...inWindow)).toBeLessThanOrEqual(3);
		expect(Math.max(...inWindow)).toBeGreaterThan(1);
	});

	test('create sends one request per item; the credential is read once', async () => {
		const items = Array.from({ length: 30 }, (_, index) => ({ alias: `bulk_${index}` }));
		const result = await run(
			'create',
			{ aliasName: '={{ $json.alias }}', collectionName: byName('movies') },
			items,
		);
		expect(result.outputs[0]).toHaveLength(30);
		const paths = requestedPaths(emulator.current());
		expect(paths.filter((path) => path === 'aliases/create')).toHaveLength(30);
		// Besides: one list per execution, to see whether a Collection given was an alias.
		expect(paths.filter((path) => path !== 'aliases/create')).toEqual(['aliases/list']);
		expect(result.decryptions).toBe(1);
		expect(
			emulator
				.current()
				.requests.every((request) => request.headers.authorization === `Bearer ${DEFAULT_TOKEN}`),
		).toBe(true);
	});
});

describe('the connection', () => {
	test('no Authorization header is sent when the token is empty (Milvus without authentication)', async () => {
		const open = await startEmulator({ databases: { default: { collections: { books_v1: {} } } } });
		try {
			const result = await runOperation({ endpoint: open.url, token: '' }, 'create', {
				aliasName: 'books',
				collectionName: byName('books_v1'),
			});
			expect(result.run.status).toBe('success');
			expect(open.requests.map((request) => request.headers.authorization)).toEqual([undefined]);
		} finally {
			await open.close();
		}
	});

	test.each([
		['a trailing slash', (url: string) => `${url}/`, ''],
		['a path prefix behind a reverse proxy', (url: string) => `${url}/milvus`, '/milvus'],
		['a path prefix with a trailing slash', (url: string) => `${url}/milvus//`, '/milvus'],
	])('an endpoint with %s works', async (_label, endpointOf, prefix) => {
		const proxied = await startEmulator({
			pathPrefix: prefix,
			databases: { default: { collections: { books_v1: {} } } },
		});
		try {
			const result = await runOperation({ endpoint: endpointOf(proxied.url) }, 'create', {
				aliasName: 'books',
				collectionName: byName('books_v1'),
			});
			expect(result.run.status).toBe('success');
			const paths = proxied.requests.map((request) => request.path);
			expect(paths).toContain(`${prefix}/v2/vectordb/aliases/create`);
			expect(paths.every((path) => path.startsWith(`${prefix}/v2/vectordb/`))).toBe(true);
		} finally {
			await proxied.close();
		}
	});
});
