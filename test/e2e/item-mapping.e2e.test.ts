/**
 * Plain mappings (`{{ $json.alias }}`, `{{ "pro" + $json.suffix }}`, ...) are read by the node
 * without n8n's expression engine (nodes/MilvusAlias/helpers/itemMapping.ts). In a real n8n, with
 * its own engine (isolated-vm on 2.x, the legacy one on 1.x), each mapping's Get must give
 * exactly what the same mapping gives when n8n evaluates it: written `{{ (code) }}`, a shape the
 * node leaves to n8n. One execution: a Code node's items (strings, numbers, null, missing
 * fields, names n8n refuses) → for each mapping, the two Get nodes side by side, "Continue".
 */
import type { MilvusEmulator } from '../../tooling/emulator';
import type { N8nInstance, RunJson, WorkflowJson } from '../../tooling/n8n';
import type { NodeJson } from './helpers';
import { CREDENTIALS, expectSuccess, itemsWorkflow, n8nWithProductsMilvus } from './helpers';

const ITEMS = [
	{ alias: 'products', suffix: 'ducts', meta: { name: 'products' }, caller: 'products' },
	{ alias: ' products ', suffix: 7, meta: { name: null }, caller: 'products' },
	{ alias: 42, suffix: 'x-y', meta: {}, constructorName: 'products' },
	{ alias: 'bad-name', suffix: 'ducts', meta: 'flat' },
	{ alias: 'nothere' },
	{},
];

/** Alias Name mappings, each run as written and as n8n evaluates it. */
const MAPPINGS = [
	'={{ $json.alias }}',
	'={{ "pro" + $json.suffix }}',
	'=pro{{ $json.suffix }}',
	'={{ $json.meta.name }}',
	'={{ $json.caller }}',
	'={{ $json.constructorName }}',
];

const parenthesised = (template: string) =>
	template.replace(/\{\{([\s\S]*?)\}\}/g, (_block, code: string) => `{{ (${code}) }}`);

function mappingWorkflow(nodeType: string): WorkflowJson {
	const get = (name: string, aliasName: string, y: number): NodeJson => ({
		id: `maE2eMapping-${name.replace(/\W+/g, '-')}`,
		name,
		type: nodeType,
		typeVersion: 1,
		position: [500, y],
		onError: 'continueRegularOutput',
		parameters: { resource: 'alias', operation: 'get', aliasName, options: {} },
		credentials: { milvusRestApi: CREDENTIALS.main },
	});
	const gets = MAPPINGS.flatMap((mapping, i) => [
		get(`As written ${i}`, mapping, i * 200),
		get(`Evaluated by n8n ${i}`, parenthesised(mapping), i * 200 + 100),
	]);
	return itemsWorkflow('maE2eItemMapping', 'Milvus Alias E2E: item mappings', ITEMS, gets);
}

let milvus: MilvusEmulator;
let n8n: N8nInstance;
let run: RunJson;

beforeAll(async () => {
	({ milvus, n8n } = await n8nWithProductsMilvus());
	await n8n.importWorkflow([mappingWorkflow(n8n.nodeType)]);
	const result = await n8n.execute('maE2eItemMapping', { timeoutMs: 170000 });
	expectSuccess(n8n, result);
	run = result.run!;
}, 240000);

afterAll(async () => {
	await n8n?.dispose();
	await milvus?.close();
});

const outputs = (name: string) =>
	n8n.items(run, name).map((item) => ({ json: item.json, pairedItem: item.pairedItem }));

test.each(MAPPINGS.map((mapping, i) => [mapping, i] as const))(
	'%s gives what n8n’s own evaluation gives, item by item',
	(_mapping, i) => {
		const asWritten = outputs(`As written ${i}`);
		expect(asWritten).toHaveLength(ITEMS.length);
		expect(asWritten).toEqual(outputs(`Evaluated by n8n ${i}`));
	},
);

test('the mappings really reach Milvus, and what is not text fails with the field named', () => {
	const found = (name: string) =>
		outputs(name).map(({ json }) => (json.collectionName as string | undefined) ?? null);
	// `$json.alias`: found, found after trimming, then four failures.
	expect(found('As written 0')).toEqual(['products_v1', 'products_v1', null, null, null, null]);
	expect(String(outputs('As written 0')[2].json.error)).toContain(
		'Alias Name must be text, but got number 42',
	);
	// `"pro" + $json.suffix` on the first item, and `pro{{ $json.suffix }}`.
	expect(found('As written 1')[0]).toBe('products_v1');
	expect(found('As written 2')[0]).toBe('products_v1');
	// Milvus was asked only for names that passed the checks (n8n turns `"pro" + 7` into pro7).
	const asked = milvus.requests
		.filter((request) => request.path.endsWith('/aliases/describe'))
		.map((request) => String((request.body as { aliasName?: unknown }).aliasName));
	expect(asked).toEqual(expect.arrayContaining(['products', 'nothere', 'pro7']));
	for (const name of asked) expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
});
