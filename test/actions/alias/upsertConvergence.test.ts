/**
 * Create or Update while another writer moves the same alias between the node's requests (the
 * emulator changes its state right after a given answer): the item converges within a bounded
 * number of rounds and reports the change that really happened.
 */
import type { IDataObject } from 'n8n-workflow';

import { UPSERT_ROUNDS } from '../../../nodes/MilvusAlias/actions/alias/upsert.operation';
import type { MilvusEmulator } from '../../fixtures';
import { byName, jsonOf, runOperation, SEEDS, useEmulator } from '../../fixtures';
import { ownRequests } from './requestOrder';

const emulator = useEmulator(SEEDS.products);

async function upsert(aliasName: string, collection: string) {
	return await runOperation(
		{ endpoint: emulator.current().url },
		'upsert',
		{ aliasName, collectionName: byName(collection) },
		[{}],
		'continueRegularOutput',
	);
}

/** Another writer: after every answer on `route`, `change` (for as many answers as there are). */
function everyTime(milvus: MilvusEmulator, route: string, change: () => void) {
	milvus.afterNextAnswer(route, () => {
		change();
		everyTime(milvus, route, change);
	});
}

describe('Create or Update converges while another writer moves the alias', () => {
	test('dropped between describe and alter (1600): creates it, reported as created', async () => {
		const milvus = emulator.current();
		milvus.afterNextAnswer('aliases/describe', () => milvus.removeAlias('default', 'products'));
		const result = await upsert('products', 'products_v2');
		expect(jsonOf(result)).toEqual([
			{
				aliasName: 'products',
				collectionName: 'products_v2',
				dbName: 'default',
				action: 'created',
				previousCollectionName: null,
			},
		]);
		expect(ownRequests(milvus).paths).toEqual([
			'aliases/describe',
			'aliases/alter',
			'aliases/create',
		]);
		expect(milvus.getAliases().products).toBe('products_v2');
	});

	test('made before the create (1602), dropped again before the describe (1600): creates it again', async () => {
		const milvus = emulator.current();
		milvus.afterNextAnswer('aliases/describe', () =>
			milvus.setAlias('default', 'orders', 'products_v1'),
		);
		milvus.afterNextAnswer('aliases/create', () => milvus.removeAlias('default', 'orders'));
		const result = await upsert('orders', 'products_v2');
		expect(jsonOf(result)).toEqual([
			{
				aliasName: 'orders',
				collectionName: 'products_v2',
				dbName: 'default',
				action: 'created',
				previousCollectionName: null,
			},
		]);
		expect(ownRequests(milvus).paths).toEqual([
			'aliases/describe',
			'aliases/create',
			'aliases/describe',
			'aliases/create',
		]);
		expect(milvus.getAliases().orders).toBe('products_v2');
	});

	test('made elsewhere before the create (1602): repoints it, reporting the other writer’s collection', async () => {
		const milvus = emulator.current();
		milvus.afterNextAnswer('aliases/describe', () =>
			milvus.setAlias('default', 'orders', 'products_v1'),
		);
		const result = await upsert('orders', 'products_v2');
		expect(jsonOf(result)[0]).toMatchObject({
			action: 'updated',
			previousCollectionName: 'products_v1',
		});
		expect(milvus.getAliases().orders).toBe('products_v2');
	});

	test(`a writer that never stops: at most ${UPSERT_ROUNDS} changes tried, then the item fails, alias not ours`, async () => {
		const milvus = emulator.current();
		// Made after every describe (the create meets 1602), dropped after every create (the
		// describe meets 1600).
		everyTime(milvus, 'aliases/describe', () =>
			milvus.setAlias('default', 'orders', 'products_v1'),
		);
		everyTime(milvus, 'aliases/create', () => milvus.removeAlias('default', 'orders'));
		const result = await upsert('orders', 'products_v2');
		const [output] = jsonOf(result);
		expect((output.details as IDataObject).milvusCode).toBe(1602);
		const paths = ownRequests(milvus).paths;
		expect(paths.filter((path) => path === 'aliases/create')).toHaveLength(UPSERT_ROUNDS);
		expect(paths).toHaveLength(UPSERT_ROUNDS * 2);
	});
});
