/**
 * All or Nothing in a real n8n (issue #23): three aliases moved together by one Create or Update
 * node, the third to a collection that does not exist. Stopping on the error, every alias is back
 * where it was and the run's error lists what was undone; with "Continue (using error output)"
 * every item goes to the error output, the first two saying their change was undone.
 */
import type { MilvusEmulator } from '../../tooling/emulator';
import type { N8nInstance, WorkflowJson } from '../../tooling/n8n';
import type { NodeJson } from './helpers';
import { CREDENTIALS, itemsWorkflow, jsonOf, n8nWithProductsMilvus, outputTail } from './helpers';

const RELEASE = [
	{ alias: 'products', collection: 'products_v2' },
	{ alias: 'products_search', collection: 'search_v2' },
	{ alias: 'products_rag', collection: 'rag_missing' },
];
const BEFORE = { products: 'products_v1', products_search: 'search_v1', products_rag: 'rag_v1' };

function releaseWorkflow(
	id: string,
	nodeType: string,
	onError?: 'continueErrorOutput',
): WorkflowJson {
	const release: NodeJson = {
		id: `${id}-switch`,
		name: 'Release',
		type: nodeType,
		typeVersion: 1,
		position: [500, 0],
		parameters: {
			resource: 'alias',
			operation: 'upsert',
			aliasName: '={{ $json.alias }}',
			collectionName: { __rl: true, mode: 'name', value: '={{ $json.collection }}' },
			options: { allOrNothing: true, maxRetries: 0 },
		},
		credentials: { milvusRestApi: CREDENTIALS.main },
		...(onError ? { onError } : {}),
	};
	return itemsWorkflow(id, `Milvus Alias E2E: All or Nothing ${id}`, RELEASE, [release]);
}

let milvus: MilvusEmulator;
let n8n: N8nInstance;

beforeAll(async () => {
	({ milvus, n8n } = await n8nWithProductsMilvus());
	for (const name of ['products_v2', 'search_v1', 'search_v2', 'rag_v1']) {
		milvus.addCollection('default', name);
	}
	await n8n.importWorkflow([
		releaseWorkflow('maE2eAllOrNothingStop', n8n.nodeType),
		releaseWorkflow('maE2eAllOrNothingErrors', n8n.nodeType, 'continueErrorOutput'),
	]);
}, 240000);

beforeEach(() => {
	for (const [alias, collection] of Object.entries(BEFORE)) {
		milvus.setAlias('default', alias, collection);
	}
});

afterAll(async () => {
	await n8n?.dispose();
	await milvus?.close();
});

test('stopping on the error: all three aliases back where they were, the error says what was undone', async () => {
	const result = await n8n.execute('maE2eAllOrNothingStop', { timeoutMs: 170000 });
	expect(milvus.getAliases('default')).toEqual(BEFORE);
	const error = n8n.nodeError(result.run) as { message?: string; description?: string };
	expect({
		rc: result.rc,
		message: error?.message,
		tail: result.rc === 1 ? '' : outputTail(result),
	}).toEqual({
		rc: 1,
		tail: '',
		message: expect.stringMatching(/^Collection "rag_missing" does not exist/),
	});
	expect(String(error.description)).toMatch(
		/All or Nothing: item 3 failed, so no item of this run is reported as a success\. undone, newest first: .*"products_v1" again/,
	);
	expect(String(error.description)).toMatch(
		/alias "products_search" \(database "default"\) points at "search_v1" again/,
	);
}, 200000);

test('Continue (using error output): every item on the error output, the first two undone', async () => {
	const result = await n8n.execute('maE2eAllOrNothingErrors', { timeoutMs: 170000 });
	expect(milvus.getAliases('default')).toEqual(BEFORE);
	expect(jsonOf(n8n, result.run, 'Release', 0)).toEqual([]);
	const errors = jsonOf(n8n, result.run, 'Release', 1).map((json) => String(json.error));
	expect(errors).toEqual([
		'Undone by All or Nothing, because item 3 of this run failed: alias "products" (database "default") points at "products_v1" again',
		'Undone by All or Nothing, because item 3 of this run failed: alias "products_search" (database "default") points at "search_v1" again',
		expect.stringMatching(/^Collection "rag_missing" does not exist/),
	]);
}, 200000);
