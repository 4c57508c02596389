/**
 * An alias made earlier in the same run, given as the Collection (issue #22.3), in a real n8n
 * against Milvus 2.6.12+ (the emulator's default profile), which resolves it to that alias's
 * collection: one Create or Update node, Concurrency 1, items `first → products_v1`,
 * `fresh → products_v2`, then `catalog` (already on products_v2) with Collection `fresh`. The
 * last item must report the real collection and that nothing changed.
 */
import type { MilvusEmulator } from '../../tooling/emulator';
import type { N8nInstance, RunJson, WorkflowJson } from '../../tooling/n8n';
import type { NodeJson } from './helpers';
import {
	CREDENTIALS,
	expectSuccess,
	itemsWorkflow,
	jsonOf,
	n8nWithProductsMilvus,
	requestsTo,
} from './helpers';

const ITEMS = [
	{ alias: 'first', collection: 'products_v1' },
	{ alias: 'fresh', collection: 'products_v2' },
	{ alias: 'catalog', collection: 'fresh' },
];

function sameRunWorkflow(nodeType: string): WorkflowJson {
	const upsert: NodeJson = {
		id: 'maE2eSameRun-upsert',
		name: 'Switch',
		type: nodeType,
		typeVersion: 1,
		position: [500, 0],
		parameters: {
			resource: 'alias',
			operation: 'upsert',
			aliasName: '={{ $json.alias }}',
			collectionName: { __rl: true, mode: 'name', value: '={{ $json.collection }}' },
			options: { concurrency: 1 },
		},
		credentials: { milvusRestApi: CREDENTIALS.main },
	};
	return itemsWorkflow(
		'maE2eSameRunAlias',
		'Milvus Alias E2E: an alias made earlier in the same run',
		ITEMS,
		[upsert],
	);
}

let milvus: MilvusEmulator;
let n8n: N8nInstance;
let run: RunJson;

beforeAll(async () => {
	({ milvus, n8n } = await n8nWithProductsMilvus());
	milvus.addCollection('default', 'products_v2');
	milvus.setAlias('default', 'catalog', 'products_v2');
	await n8n.importWorkflow([sameRunWorkflow(n8n.nodeType)]);
	const result = await n8n.execute('maE2eSameRunAlias', { timeoutMs: 170000 });
	expectSuccess(n8n, result);
	run = result.run!;
}, 240000);

afterAll(async () => {
	await n8n?.dispose();
	await milvus?.close();
});

test('the alias made earlier in the run counts: catalog is reported on products_v2, unchanged', () => {
	expect(jsonOf(n8n, run, 'Switch')).toEqual([
		{
			aliasName: 'first',
			collectionName: 'products_v1',
			dbName: 'default',
			action: 'created',
			previousCollectionName: null,
		},
		{
			aliasName: 'fresh',
			collectionName: 'products_v2',
			dbName: 'default',
			action: 'created',
			previousCollectionName: null,
		},
		{
			aliasName: 'catalog',
			collectionName: 'products_v2',
			dbName: 'default',
			action: 'unchanged',
			previousCollectionName: 'products_v2',
		},
	]);
	expect(milvus.getAliases()).toMatchObject({
		first: 'products_v1',
		fresh: 'products_v2',
		catalog: 'products_v2',
	});
	// One alias list for the run, sent alongside the first item's describe.
	expect(requestsTo(milvus, 'aliases/list')).toHaveLength(1);
});
