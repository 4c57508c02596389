/**
 * Require Loaded Collection through n8n-core's real engine: a switch never points readers at
 * a collection that cannot serve searches.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	byName,
	changeRequests,
	jsonOf,
	requestedPaths,
	runOperation,
	SEEDS,
	useEmulator,
} from '../../fixtures';
import { ownRequests } from './requestOrder';

const emulator = useEmulator(SEEDS.products);

async function run(operation: string, parameters: IDataObject) {
	return await runOperation({ endpoint: emulator.current().url }, operation, parameters);
}

describe('Require Loaded Collection', () => {
	test.each(['create', 'upsert', 'update'])(
		'%s refuses a collection that is not loaded and changes nothing',
		async (operation) => {
			const result = await run(operation, {
				aliasName: 'products',
				collectionName: byName('products_v3'),
				options: { requireLoaded: true },
			});
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(String(result.error?.message)).toMatch(
				/^Collection "products_v3" is not loaded \(load state LoadStateNotLoad\), so alias "products" was left unchanged/,
			);
			expect(String(result.error?.description)).toMatch(
				/Load "products_v3" in database "default".*LoadStateLoaded/,
			);
			expect(changeRequests(emulator.current())).toEqual([]);
			expect(emulator.current().getAliases().products).toBe('products_v1');
		},
	);

	test('a collection still loading is refused with its progress', async () => {
		emulator.current().setLoadState('default', 'products_v3', 'LoadStateLoading', 40);
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
		expect(ownRequests(emulator.current()).paths).toEqual([
			'aliases/describe',
			'collections/get_load_state',
			'aliases/alter',
		]);
		const loadStateRequest = emulator
			.current()
			.requests.find((request) => request.path.endsWith('/collections/get_load_state'));
		expect(loadStateRequest?.body).toEqual({ collectionName: 'products_v2' });
	});

	test('it is off by default: no load-state request', async () => {
		const result = await run('create', {
			aliasName: 'fresh',
			collectionName: byName('products_v3'),
		});
		expect(result.run.status).toBe('success');
		expect(requestedPaths(emulator.current())).not.toContain('collections/get_load_state');
		expect(emulator.current().getAliases().fresh).toBe('products_v3');
	});
});
