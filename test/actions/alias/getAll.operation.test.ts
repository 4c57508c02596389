/** Get Many through n8n-core's real engine against the emulator. */
import type { IDataObject } from 'n8n-workflow';

import { byName, jsonOf, requestedPaths, runOperation, SEEDS, useEmulator } from '../../fixtures';

const emulator = useEmulator(SEEDS.products);

async function getAll(parameters: IDataObject, items?: IDataObject[]) {
	return await runOperation({ endpoint: emulator.current().url }, 'getAll', parameters, items);
}

const describes = () =>
	requestedPaths(emulator.current()).filter((path) => path === 'aliases/describe');

describe('getAll (Get Many)', () => {
	test('lists every alias of the database with its collection, sorted by name', async () => {
		const result = await getAll({ returnAll: true });
		expect(jsonOf(result)).toEqual([
			{ aliasName: 'catalog', collectionName: 'products_v1', dbName: 'default' },
			{ aliasName: 'customers', collectionName: 'users', dbName: 'default' },
			{ aliasName: 'products', collectionName: 'products_v1', dbName: 'default' },
		]);
		expect(requestedPaths(emulator.current()).sort()).toEqual([
			'aliases/describe',
			'aliases/describe',
			'aliases/describe',
			'aliases/list',
		]);
	});

	test('with the Collection filter the targets are known: the filtered list, no describes', async () => {
		const result = await getAll({
			returnAll: true,
			filters: { collectionName: byName('products_v1') },
		});
		expect(jsonOf(result)).toEqual([
			{ aliasName: 'catalog', collectionName: 'products_v1', dbName: 'default' },
			{ aliasName: 'products', collectionName: 'products_v1', dbName: 'default' },
		]);
		// The filtered list, and alongside it the run's alias names: is the filter an alias (2.6.12+)?
		expect(emulator.current().requests.map((request) => request.body)).toEqual(
			expect.arrayContaining([{ collectionName: 'products_v1' }, {}]),
		);
		expect(emulator.current().requests).toHaveLength(2);
		expect(describes()).toEqual([]);
	});

	test("a top-level Collection left over from Create is not a filter: Get Many's filter lives in Filters", async () => {
		const result = await getAll({ returnAll: true, collectionName: byName('products_v1') });
		expect(jsonOf(result).map((json) => json.aliasName)).toEqual([
			'catalog',
			'customers',
			'products',
		]);
		expect(emulator.current().requests[0].body).toEqual({});
	});

	test('an empty filter lists everything', async () => {
		const result = await getAll({ returnAll: true, filters: { collectionName: byName('') } });
		expect(jsonOf(result)).toHaveLength(3);
	});

	test('the limit is applied before any describe', async () => {
		const result = await getAll({ returnAll: false, limit: 2 });
		expect(jsonOf(result).map((json) => json.aliasName)).toEqual(['catalog', 'customers']);
		expect(describes()).toHaveLength(2);
	});

	test('one item per alias, each paired with its input item; the database comes from each item', async () => {
		const result = await getAll({ returnAll: true, dbName: '={{ $json.db }}' }, [
			{ db: '' },
			{ db: 'staging' },
		]);
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
		emulator.current().addDatabase('empty');
		const empty = await getAll({ returnAll: true, dbName: 'empty' });
		expect(empty.run.status).toBe('success');
		expect(empty.outputs[0]).toEqual([]);
		const missing = await getAll({ returnAll: true, filters: { collectionName: byName('nope') } });
		expect(String(missing.error?.message)).toMatch(
			/\(Milvus error 100: collection not found\[collection=nope\]\)$/,
		);
	});

	test('an alias dropped between list and describe is left out', async () => {
		emulator.current().injectFault({
			path: 'aliases/describe',
			kind: 'code',
			code: 1600,
			message: 'alias not found[database=default][alias=catalog]',
		});
		const result = await getAll({ returnAll: true, options: { concurrency: 1 } });
		expect(jsonOf(result).map((json) => json.aliasName)).toEqual(['customers', 'products']);
	});

	test('the describes of all items share the Concurrency bound: never more requests in flight than it allows', async () => {
		const emu = emulator.current();
		for (let index = 0; index < 12; index++) emu.setAlias('default', `extra_${index}`, 'users');
		const latency = 60;
		emu.setLatency(latency);
		const result = await getAll({ returnAll: true, options: { concurrency: 3 } }, [{}, {}, {}]);
		expect(jsonOf(result)).toHaveLength(3 * 15);
		const arrivals = emu.requests.map((request) => request.at).sort((a, b) => a - b);
		const inWindow = arrivals.map(
			(start) => arrivals.filter((at) => at >= start && at < start + latency * 0.75).length,
		);
		// Three items of up to three describes each would be nine at once without a shared bound.
		expect(Math.max(...inWindow)).toBeLessThanOrEqual(3);
		expect(Math.max(...inWindow)).toBeGreaterThan(1);
	});
});
