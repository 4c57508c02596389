/**
 * "On Error: Stop Workflow": the error's context lists what the completed items changed, as the
 * README documents it (`{ aliasName, dbName, from, to }`, `from` null for an alias created), and
 * every key survives serialization (n8n stores the error as JSON).
 */
import type { IDataObject } from 'n8n-workflow';

import { byName, runOperation, SEEDS, useEmulator } from '../../fixtures';

const emulator = useEmulator(SEEDS.products);

test('Create: a created alias is `from: null`, kept when the error is stored as JSON', async () => {
	const result = await runOperation(
		{ endpoint: emulator.current().url },
		'create',
		{
			aliasName: '={{ $json.alias }}',
			collectionName: byName('products_v2'),
			options: { concurrency: 1 },
		},
		// `products` points at products_v1: Milvus refuses (1602) and the run stops there.
		[{ alias: 'orders' }, { alias: 'products' }],
	);
	expect(result.run.status).toBe('error');
	const stored = JSON.parse(JSON.stringify(result.error?.context)) as IDataObject;
	expect(stored.completedChanges).toEqual([
		{ aliasName: 'orders', dbName: 'default', from: null, to: 'products_v2' },
	]);
	expect(String(result.error?.description)).toContain(
		'alias "orders" (database "default"): new → products_v2',
	);
});
