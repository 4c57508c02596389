/** Get through n8n-core's real engine against the emulator. */
import { jsonOf, runOperation, SEEDS, useEmulator } from '../../fixtures';

const emulator = useEmulator(SEEDS.products);

describe('get', () => {
	test("returns the alias's collection and the database the server used", async () => {
		const emu = emulator.current();
		const result = await runOperation({ endpoint: emu.url }, 'get', { aliasName: 'customers' });
		expect(jsonOf(result)).toEqual([
			{ aliasName: 'customers', collectionName: 'users', dbName: 'default' },
		]);
		expect(emu.requests[0].body).toEqual({ aliasName: 'customers' });
	});

	test("a missing alias is the item's error (1600)", async () => {
		const result = await runOperation({ endpoint: emulator.current().url }, 'get', {
			aliasName: 'ghost',
		});
		expect(result.error).toMatchObject({ name: 'NodeApiError' });
		expect(String(result.error?.message)).toMatch(
			/\(Milvus error 1600: alias not found\[database=default\]\[alias=ghost\]\)$/,
		);
		expect(String(result.error?.description)).toMatch(/Get Many/);
	});
});
