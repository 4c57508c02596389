/** Delete through n8n-core's real engine against the emulator. */
import { jsonOf, requestedPaths, runOperation, SEEDS, useEmulator } from '../../fixtures';

const emulator = useEmulator(SEEDS.products);

describe('delete', () => {
	test('drops the alias and keeps the collection', async () => {
		const emu = emulator.current();
		const result = await runOperation({ endpoint: emu.url }, 'delete', { aliasName: 'products' });
		expect(jsonOf(result)).toEqual([{ deleted: true, aliasName: 'products', dbName: 'default' }]);
		expect(requestedPaths(emu)).toEqual(['aliases/drop']);
		expect(emu.getAliases().products).toBeUndefined();
		expect(Object.keys(emu.getCollections())).toContain('products_v1');
	});

	test('is idempotent like Milvus: deleting an absent alias succeeds', async () => {
		const result = await runOperation({ endpoint: emulator.current().url }, 'delete', {
			dbName: 'staging',
			aliasName: 'never_was',
		});
		expect(result.run.status).toBe('success');
		expect(jsonOf(result)).toEqual([{ deleted: true, aliasName: 'never_was', dbName: 'staging' }]);
	});
});
