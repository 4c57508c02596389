/** Create or Update through n8n-core's real engine against the emulator. */
import type { IDataObject } from 'n8n-workflow';

import { byName, jsonOf, runOperation, SEEDS, useEmulator } from '../../fixtures';
import { ownRequests } from './requestOrder';

const emulator = useEmulator(SEEDS.products);

/** An output item in the default database. */
const output = (
	aliasName: string,
	collectionName: string,
	action: string,
	previousCollectionName: string | null,
) => ({ aliasName, collectionName, dbName: 'default', action, previousCollectionName });

async function upsert(parameters: IDataObject) {
	return await runOperation({ endpoint: emulator.current().url }, 'upsert', parameters);
}

describe('upsert (Create or Update)', () => {
	test('creates a missing alias: action created, no previous collection', async () => {
		const result = await upsert({ aliasName: 'orders', collectionName: byName('products_v2') });
		expect(jsonOf(result)).toEqual([output('orders', 'products_v2', 'created', null)]);
		// Alongside, one list per execution: is the Collection given an alias (Milvus 2.6.12)?
		expect(ownRequests(emulator.current())).toEqual({
			paths: ['aliases/describe', 'aliases/create'],
			lookups: 1,
		});
		expect(emulator.current().getAliases().orders).toBe('products_v2');
	});

	test('repoints an alias that points elsewhere: action updated, with the previous collection', async () => {
		const result = await upsert({ aliasName: 'products', collectionName: byName('products_v2') });
		expect(jsonOf(result)).toEqual([output('products', 'products_v2', 'updated', 'products_v1')]);
		expect(ownRequests(emulator.current())).toEqual({
			paths: ['aliases/describe', 'aliases/alter'],
			lookups: 1,
		});
		expect(emulator.current().getAliases().products).toBe('products_v2');
	});

	test('leaves an alias that already points there unchanged, with a single describe', async () => {
		const result = await upsert({ aliasName: 'products', collectionName: byName('products_v1') });
		expect(jsonOf(result)[0]).toMatchObject({
			action: 'unchanged',
			previousCollectionName: 'products_v1',
		});
		expect(ownRequests(emulator.current())).toEqual({ paths: ['aliases/describe'], lookups: 1 });
	});

	test('a concurrent creator (create meets 1602) falls back to alter and reports where the alias pointed', async () => {
		// Describe says "missing", but by the time of the create another writer has made the alias.
		emulator.current().injectFault({
			path: 'aliases/describe',
			kind: 'code',
			code: 1600,
			message: 'alias not found[database=default][alias=products]',
		});
		const result = await upsert({ aliasName: 'products', collectionName: byName('products_v2') });
		expect(jsonOf(result)).toEqual([output('products', 'products_v2', 'updated', 'products_v1')]);
		expect(ownRequests(emulator.current())).toEqual({
			paths: ['aliases/describe', 'aliases/create', 'aliases/describe', 'aliases/alter'],
			lookups: 1,
		});
		expect(emulator.current().getAliases().products).toBe('products_v2');
	});

	test('works in a named database and reports it', async () => {
		const result = await upsert({
			dbName: 'staging',
			aliasName: 'events_live',
			collectionName: byName('events'),
		});
		expect(jsonOf(result)[0]).toMatchObject({ dbName: 'staging', action: 'unchanged' });
		expect(emulator.current().requests.map((request) => request.body)).toEqual(
			expect.arrayContaining([
				{ dbName: 'staging', aliasName: 'events_live' },
				{ dbName: 'staging' },
			]),
		);
	});
});
