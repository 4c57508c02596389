/** Update (repoint an existing alias) through n8n-core's real engine against the emulator. */
import type { IDataObject } from 'n8n-workflow';

import type { OnError } from '../../fixtures';
import { byName, changeRequests, jsonOf, runOperation, SEEDS, useEmulator } from '../../fixtures';
import { ownRequests } from './requestOrder';

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
		// Alongside, one list per execution: is the Collection given an alias (Milvus 2.6.12)?
		expect(ownRequests(emu)).toEqual({ paths: ['aliases/describe', 'aliases/alter'], lookups: 1 });
		expect(changeRequests(emu).map((request) => request.body)).toEqual([
			{ collectionName: 'products_v2', aliasName: 'products' },
		]);
		expect(emu.getAliases().products).toBe('products_v2');
	});

	test('sends no alter when the alias already points at the collection', async () => {
		const result = await update({ aliasName: 'products', collectionName: byName('products_v1') });
		expect(jsonOf(result)[0]).toMatchObject({
			collectionName: 'products_v1',
			previousCollectionName: 'products_v1',
		});
		expect(ownRequests(emulator.current())).toEqual({ paths: ['aliases/describe'], lookups: 1 });
	});

	test("a missing alias is the item's error (1600), suggesting Create or Update", async () => {
		const result = await update({ aliasName: 'nothing', collectionName: byName('products_v2') });
		expect(result.error).toMatchObject({ name: 'NodeApiError' });
		expect(String(result.error?.message)).toMatch(
			/\(Milvus error 1600: alias not found\[database=default\]\[alias=nothing\]\)$/,
		);
		expect(`${result.error?.message} ${result.error?.description}`).toMatch(/Create or Update/);
		expect(ownRequests(emulator.current())).toEqual({ paths: ['aliases/describe'], lookups: 1 });
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
