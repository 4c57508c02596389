/**
 * Issue 3: the whole alias lifecycle (upsert, update, delete, get, getAll) and the load
 * check, through n8n-core's real engine against the emulator; plus issue 6's guarantees
 * under concurrency (input order per alias, bounded parallelism, no redundant requests).
 */
import type { IDataObject } from 'n8n-workflow';

import type { MilvusEmulator } from '../../tooling/emulator';
import { startEmulator } from '../../tooling/emulator';
import { runMilvusAlias } from '../harness/n8n-harness';

let emu: MilvusEmulator;

beforeEach(async () => {
	emu = await startEmulator({
		databases: {
			default: {
				collections: {
					products_v1: {},
					products_v2: {},
					products_v3: { loaded: false },
					users: {},
				},
				aliases: { products: 'products_v1', customers: 'users', catalog: 'products_v1' },
			},
			staging: { collections: { events: {} }, aliases: { events_live: 'events' } },
		},
	});
});
afterEach(async () => await emu.close());

const byName = (value: string) => ({ __rl: true, mode: 'name', value });
const paths = () => emu.requests.map((request) => request.path.replace('/v2/vectordb/', ''));

async function run(
	operation: string,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	onError?: 'continueRegularOutput' | 'continueErrorOutput',
) {
	return await runMilvusAlias({
		credentials: { endpoint: emu.url },
		parameters: { operation, ...parameters },
		items,
		onError,
	});
}
const jsonOf = (result: Awaited<ReturnType<typeof run>>, output = 0) =>
	result.outputs[output].map((item) => item.json);

describe('upsert (Create or Update)', () => {
	test('creates a missing alias: action created, no previous collection', async () => {
		const result = await run('upsert', {
			aliasName: 'orders',
			collectionName: byName('products_v2'),
		});
		expect(jsonOf(result)).toEqual([
			{
				aliasName: 'orders',
				collectionName: 'products_v2',
				dbName: 'default',
				action: 'created',
				previousCollectionName: null,
			},
		]);
		expect(paths()).toEqual(['aliases/describe', 'aliases/create']);
		expect(emu.getAliases().orders).toBe('products_v2');
	});

	test('repoints an alias that points elsewhere: action updated, with the previous collection', async () => {
		const result = await run('upsert', {
			aliasName: 'products',
			collectionName: byName('products_v2'),
		});
		expect(jsonOf(result)).toEqual([
			{
				aliasName: 'products',
				collectionName: 'products_v2',
				dbName: 'default',
				action: 'updated',
				previousCollectionName: 'products_v1',
			},
		]);
		expect(paths()).toEqual(['aliases/describe', 'aliases/alter']);
		expect(emu.getAliases().products).toBe('products_v2');
	});

	test('leaves an alias that already points there unchanged, with a single describe', async () => {
		const result = await run('upsert', {
			aliasName: 'products',
			collectionName: byName('products_v1'),
		});
		expect(jsonOf(result)[0]).toMatchObject({
			action: 'unchanged',
			previousCollectionName: 'products_v1',
		});
		expect(paths()).toEqual(['aliases/describe']);
	});

	test('a concurrent creator (create meets 1602) falls back to alter and reports where the alias pointed', async () => {
		// Describe says "missing", but by the time of the create another writer has made the alias.
		emu.injectFault({
			path: 'aliases/describe',
			kind: 'code',
			code: 1600,
			message: 'alias not found[database=default][alias=products]',
		});
		const result = await run('upsert', {
			aliasName: 'products',
			collectionName: byName('products_v2'),
		});
		expect(jsonOf(result)).toEqual([
			{
				aliasName: 'products',
				collectionName: 'products_v2',
				dbName: 'default',
				action: 'updated',
				previousCollectionName: 'products_v1',
			},
		]);
		expect(paths()).toEqual([
			'aliases/describe',
			'aliases/create',
			'aliases/describe',
			'aliases/alter',
		]);
		expect(emu.getAliases().products).toBe('products_v2');
	});

	test('works in a named database and reports it', async () => {
		const result = await run('upsert', {
			dbName: 'staging',
			aliasName: 'events_live',
			collectionName: byName('events'),
		});
		expect(jsonOf(result)[0]).toMatchObject({ dbName: 'staging', action: 'unchanged' });
		expect(emu.requests[0].body).toEqual({ dbName: 'staging', aliasName: 'events_live' });
	});
});

describe('update', () => {
	test('repoints an existing alias and returns the previous collection for the next node', async () => {
		const result = await run('update', {
			aliasName: 'products',
			collectionName: byName('products_v2'),
		});
		expect(jsonOf(result)).toEqual([
			{
				aliasName: 'products',
				collectionName: 'products_v2',
				dbName: 'default',
				previousCollectionName: 'products_v1',
			},
		]);
		expect(paths()).toEqual(['aliases/describe', 'aliases/alter']);
		expect(emu.requests[1].body).toEqual({ collectionName: 'products_v2', aliasName: 'products' });
		expect(emu.getAliases().products).toBe('products_v2');
	});

	test('sends no alter when the alias already points at the collection', async () => {
		const result = await run('update', {
			aliasName: 'products',
			collectionName: byName('products_v1'),
		});
		expect(jsonOf(result)[0]).toMatchObject({
			collectionName: 'products_v1',
			previousCollectionName: 'products_v1',
		});
		expect(paths()).toEqual(['aliases/describe']);
	});

	test("a missing alias is the item's error (1600), suggesting Create or Update", async () => {
		const result = await run('update', {
			aliasName: 'nothing',
			collectionName: byName('products_v2'),
		});
		expect(result.error).toMatchObject({ name: 'NodeApiError' });
		expect(String(result.error?.message)).toBe(
			'Milvus error 1600: alias not found[database=default][alias=nothing]',
		);
		expect(String(result.error?.description)).toMatch(
			/Update only repoints an existing alias\. Use Create or Update/,
		);
		expect(paths()).toEqual(['aliases/describe']);
	});

	test("a missing target collection is the item's error (100)", async () => {
		const result = await run(
			'update',
			{ aliasName: 'products', collectionName: byName('nope') },
			[{}],
			'continueErrorOutput',
		);
		expect(result.outputs[1][0].json.error).toBe(
			'Milvus error 100: collection not found[collection=nope]',
		);
		expect(emu.getAliases().products).toBe('products_v1');
	});
});

describe('delete', () => {
	test('drops the alias and keeps the collection', async () => {
		const result = await run('delete', { aliasName: 'products' });
		expect(jsonOf(result)).toEqual([{ deleted: true, aliasName: 'products', dbName: 'default' }]);
		expect(paths()).toEqual(['aliases/drop']);
		expect(emu.getAliases().products).toBeUndefined();
		expect(Object.keys(emu.getCollections())).toContain('products_v1');
	});

	test('is idempotent like Milvus: deleting an absent alias succeeds', async () => {
		const result = await run('delete', { dbName: 'staging', aliasName: 'never_was' });
		expect(result.run.status).toBe('success');
		expect(jsonOf(result)).toEqual([{ deleted: true, aliasName: 'never_was', dbName: 'staging' }]);
	});
});

describe('get', () => {
	test("returns the alias's collection and the database the server used", async () => {
		const result = await run('get', { aliasName: 'customers' });
		expect(jsonOf(result)).toEqual([
			{ aliasName: 'customers', collectionName: 'users', dbName: 'default' },
		]);
		expect(emu.requests[0].body).toEqual({ aliasName: 'customers' });
	});

	test("a missing alias is the item's error (1600)", async () => {
		const result = await run('get', { aliasName: 'ghost' });
		expect(String(result.error?.message)).toBe(
			'Milvus error 1600: alias not found[database=default][alias=ghost]',
		);
		expect(String(result.error?.description)).toMatch(/Get Many lists the aliases that exist/);
	});
});

describe('getAll (Get Many)', () => {
	test('lists every alias of the database with its collection, sorted by name', async () => {
		const result = await run('getAll', { returnAll: true, collectionName: byName('') });
		expect(jsonOf(result)).toEqual([
			{ aliasName: 'catalog', collectionName: 'products_v1', dbName: 'default' },
			{ aliasName: 'customers', collectionName: 'users', dbName: 'default' },
			{ aliasName: 'products', collectionName: 'products_v1', dbName: 'default' },
		]);
		expect(paths().sort()).toEqual([
			'aliases/describe',
			'aliases/describe',
			'aliases/describe',
			'aliases/list',
		]);
	});

	test('with a collection filter the targets are known: one list request, no describes', async () => {
		const result = await run('getAll', { returnAll: true, collectionName: byName('products_v1') });
		expect(jsonOf(result)).toEqual([
			{ aliasName: 'catalog', collectionName: 'products_v1', dbName: 'default' },
			{ aliasName: 'products', collectionName: 'products_v1', dbName: 'default' },
		]);
		expect(emu.requests.map((request) => [request.path, request.body])).toEqual([
			['/v2/vectordb/aliases/list', { collectionName: 'products_v1' }],
		]);
	});

	test('the limit is applied before any describe', async () => {
		const result = await run('getAll', { returnAll: false, limit: 2, collectionName: byName('') });
		expect(jsonOf(result).map((json) => json.aliasName)).toEqual(['catalog', 'customers']);
		expect(paths().filter((path) => path === 'aliases/describe')).toHaveLength(2);
	});

	test('one item per alias, each paired with its input item; the database comes from each item', async () => {
		const result = await run(
			'getAll',
			{ returnAll: true, dbName: '={{ $json.db }}', collectionName: byName('') },
			[{ db: '' }, { db: 'staging' }],
		);
		expect(
			result.outputs[0].map((item) => [item.pairedItem, item.json.aliasName, item.json.dbName]),
		).toEqual([
			[{ item: 0 }, 'catalog', 'default'],
			[{ item: 0 }, 'customers', 'default'],
			[{ item: 0 }, 'products', 'default'],
			[{ item: 1 }, 'events_live', 'staging'],
		]);
	});

	test("an empty database gives no items; a filter on a missing collection is the item's error (100)", async () => {
		emu.addDatabase('empty');
		const empty = await run('getAll', {
			returnAll: true,
			dbName: 'empty',
			collectionName: byName(''),
		});
		expect(empty.run.status).toBe('success');
		expect(empty.outputs[0]).toEqual([]);
		const missing = await run('getAll', { returnAll: true, collectionName: byName('nope') });
		expect(String(missing.error?.message)).toBe(
			'Milvus error 100: collection not found[collection=nope]',
		);
	});

	test('an alias dropped between list and describe is left out', async () => {
		emu.injectFault({
			path: 'aliases/describe',
			kind: 'code',
			code: 1600,
			message: 'alias not found[database=default][alias=catalog]',
		});
		const result = await run('getAll', {
			returnAll: true,
			collectionName: byName(''),
			options: { concurrency: 1 },
		});
		expect(jsonOf(result).map((json) => json.aliasName)).toEqual(['customers', 'products']);
	});
});

describe('Require Loaded Collection: the switch never points readers at a collection that cannot serve', () => {
	test.each(['create', 'upsert', 'update'])(
		'%s refuses a collection that is not loaded and changes nothing',
		async (operation) => {
			const result = await run(operation, {
				aliasName: 'products',
				collectionName: byName('products_v3'),
				options: { requireLoaded: true },
			});
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(String(result.error?.message)).toBe(
				'Collection "products_v3" is not loaded (load state LoadStateNotLoad), so alias "products" was left unchanged',
			);
			expect(String(result.error?.description)).toMatch(
				/Load "products_v3" in database "default".*LoadStateLoaded/,
			);
			expect(
				paths().filter((path) => path === 'aliases/create' || path === 'aliases/alter'),
			).toEqual([]);
			expect(emu.getAliases().products).toBe('products_v1');
		},
	);

	test('a collection still loading is refused with its progress', async () => {
		emu.setLoadState('default', 'products_v3', 'LoadStateLoading', 40);
		const result = await run('upsert', {
			aliasName: 'products',
			collectionName: byName('products_v3'),
			options: { requireLoaded: true },
		});
		expect(String(result.error?.message)).toMatch(/load state LoadStateLoading, 40% loaded/);
	});

	test('a loaded collection passes the check and the switch happens', async () => {
		const result = await run('upsert', {
			aliasName: 'products',
			collectionName: byName('products_v2'),
			options: { requireLoaded: true },
		});
		expect(jsonOf(result)[0]).toMatchObject({
			action: 'updated',
			previousCollectionName: 'products_v1',
		});
		expect(paths()).toEqual(['aliases/describe', 'collections/get_load_state', 'aliases/alter']);
		expect(emu.requests[1].body).toEqual({ collectionName: 'products_v2' });
	});

	test('it is off by default: no load-state request', async () => {
		const result = await run('create', {
			aliasName: 'fresh',
			collectionName: byName('products_v3'),
		});
		expect(result.run.status).toBe('success');
		expect(paths()).toEqual(['aliases/create']);
	});
});

describe('concurrency across items (issue 6 guarantees)', () => {
	test('operations on the same alias keep input order, even with parallel items and server latency', async () => {
		emu.setLatency(25);
		const items = [
			{ alias: 'switch', collection: 'products_v1' },
			{ alias: 'other_a', collection: 'users' },
			{ alias: 'switch', collection: 'products_v2' },
			{ alias: 'other_b', collection: 'users' },
			{ alias: 'switch', collection: 'users' },
		];
		const result = await run(
			'upsert',
			{
				aliasName: '={{ $json.alias }}',
				collectionName: byName('={{ $json.collection }}'),
				options: { concurrency: 5 },
			},
			items,
		);
		expect(
			jsonOf(result).map((json) => [json.aliasName, json.action, json.previousCollectionName]),
		).toEqual([
			['switch', 'created', null],
			['other_a', 'created', null],
			['switch', 'updated', 'products_v1'],
			['other_b', 'created', null],
			['switch', 'updated', 'products_v2'],
		]);
		expect(result.outputs[0].map((item) => item.pairedItem)).toEqual(
			items.map((_, item) => ({ item })),
		);
		expect(emu.getAliases().switch).toBe('users');
		// Requests on "switch" never overlap: each starts after the previous one was answered.
		const switchTimes = emu.requests
			.filter((request) => (request.body as IDataObject).aliasName === 'switch')
			.map((request) => request.at);
		for (let index = 1; index < switchTimes.length; index++)
			expect(switchTimes[index] - switchTimes[index - 1]).toBeGreaterThanOrEqual(20);
	});

	test('different aliases run in parallel, never more at once than the Concurrency option', async () => {
		const latency = 80;
		emu.setLatency(latency);
		const items = Array.from({ length: 9 }, (_, index) => ({ alias: `a_${index}` }));
		const result = await run(
			'create',
			{
				aliasName: '={{ $json.alias }}',
				collectionName: byName('users'),
				options: { concurrency: 3 },
			},
			items,
		);
		expect(jsonOf(result).map((json) => json.aliasName)).toEqual(items.map((item) => item.alias));
		const arrivals = emu.requests.map((request) => request.at).sort((a, b) => a - b);
		const inWindow = arrivals.map(
			(start) => arrivals.filter((at) => at >= start && at < start + latency * 0.75).length,
		);
		// Bounded by the option, and truly parallel (a loaded CI machine may spread a wave a little).
		expect(Math.max(...inWindow)).toBeLessThanOrEqual(3);
		expect(Math.max(...inWindow)).toBeGreaterThan(1);
		// Three waves of three, not nine sequential round trips.
		expect(arrivals[arrivals.length - 1] - arrivals[0]).toBeLessThan(latency * 5);
	});

	test('create sends exactly one request per item and nothing else', async () => {
		const items = Array.from({ length: 30 }, (_, index) => ({ alias: `bulk_${index}` }));
		const result = await run(
			'create',
			{ aliasName: '={{ $json.alias }}', collectionName: byName('users') },
			items,
		);
		expect(result.outputs[0]).toHaveLength(30);
		expect(paths()).toEqual(Array.from({ length: 30 }, () => 'aliases/create'));
		expect(result.decryptions).toBe(1);
	});
});
