/** Update (repoint an existing alias) through n8n-core's real engine against the emulator. */
import type { IDataObject } from 'n8n-workflow';

import type { OnError } from '../fixtures';
import { byName, jsonOf, requestedPaths, runOperation, SEEDS, useEmulator } from '../fixtures';

const emulator = useEmulator(SEEDS.products);

async function update(parameters: IDataObject, onError?: OnError) {
	const credentials = { endpoint: emulator.current().url };
	return await runOperation(credentials, 'update', parameters, [{}], onError);
}

describe('update', () => {
	test('repoints an existing alias and returns the previous collection for the next node', async () => {
		const result = await update({ aliasName: 'products', collectionName: byName('products_v2') });
		expect(jsonOf(result)).toEqual([
			{
				aliasName: 'products',
				collectionName: 'products_v2',
				dbName: 'default',
				previousCollectionName: 'products_v1',
			},
		]);
		const emu = emulator.current();
		// After the change, one list per execution: was the Collection given an alias (Milvus 2.6.12)?
		expect(requestedPaths(emu)).toEqual(['aliases/describe', 'aliases/alter', 'aliases/list']);
		expect(emu.requests[1].body).toEqual({ collectionName: 'products_v2', aliasName: 'products' });
		expect(emu.getAliases().products).toBe('products_v2');
	});

	test('sends no alter when the alias already points at the collection', async () => {
		const result = await update({ aliasName: 'products', collectionName: byName('products_v1') });
		expect(jsonOf(result)[0]).toMatchObject({
			collectionName: 'products_v1',
			previousCollectionName: 'products_v1',
		});
		expect(requestedPaths(emulator.current())).toEqual(['aliases/describe']);
	});

	test("a missing alias is the item's error (1600), suggesting Create or Update", async () => {
		const result = await update({ aliasName: 'nothing', collectionName: byName('products_v2') });
		expect(result.error).toMatchObject({ name: 'NodeApiError' });
		expect(String(result.error?.message)).toMatch(
			/\(Milvus error 1600: alias not found\[database=default\]\[alias=nothing\]\)$/,
		);
		expect(`${result.error?.message} ${result.error?.description}`).toMatch(/Create or Update/);
		expect(requestedPaths(emulator.current())).toEqual(['aliases/describe']);
	});

	test("a missing target collection is the item's error (100) and the alias stays", async () => {
		const result = await update(
			{ aliasName: 'products', collectionName: byName('nope') },
			'continueErrorOutput',
		);
		expect(String(result.outputs[1][0].json.error)).toMatch(
			/\(Milvus error 100: collection not found\[collection=nope\]\)$/,
		);
		expect(emulator.current().getAliases().products).toBe('products_v1');
	});
});
