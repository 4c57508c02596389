/**
 * A misspelt field in an expression (`{{ $json.databse }}`) gives nothing; in a real n8n (its
 * own expression engine: isolated-vm on 2.x, the legacy one on 1.x) the item must fail naming
 * the field, with no request sent: before, an empty Database Name meant the default database and
 * an empty filter meant every alias, so the typo switched `products` in `default`.
 */
import type { MilvusEmulator } from '../../tooling/emulator';
import { startEmulator } from '../../tooling/emulator';
import type { N8nInstance, RunJson, WorkflowJson } from '../../tooling/n8n';
import { createN8n } from '../../tooling/n8n';
import type { NodeJson } from './helpers';
import { CREDENTIALS, expectSuccess, itemsWorkflow, milvusCredential } from './helpers';

const ITEMS = [{ database: 'staging', collection: 'products_v1' }];

const GAVE_NOTHING = (label: string) =>
	`${label} is an expression that gave nothing (undefined) for this item: check the field it reads (a misspelt name gives nothing), or, as an AI agent's tool, give this argument`;

function typoWorkflow(nodeType: string): WorkflowJson {
	const milvusNode = (name: string, parameters: Record<string, unknown>, y: number): NodeJson => ({
		id: `maE2eTypo-${name.replace(/\W+/g, '-')}`,
		name,
		type: nodeType,
		typeVersion: 1,
		position: [500, y],
		onError: 'continueRegularOutput',
		parameters: { resource: 'alias', options: {}, ...parameters },
		credentials: { milvusRestApi: CREDENTIALS.main },
	});
	const switches = [
		milvusNode(
			'Switch',
			{
				operation: 'upsert',
				aliasName: 'products',
				collectionName: { __rl: true, mode: 'name', value: 'products_v2' },
				dbName: '={{ $json.databse }}',
			},
			0,
		),
		milvusNode(
			'List',
			{
				operation: 'getAll',
				returnAll: true,
				filters: {
					collectionName: { __rl: true, mode: 'name', value: '={{ $json.colection }}' },
				},
			},
			200,
		),
	];
	return itemsWorkflow(
		'maE2eExpressionTypo',
		'Milvus Alias E2E: an expression that gives nothing',
		ITEMS,
		switches,
	);
}

let milvus: MilvusEmulator;
let n8n: N8nInstance;
let run: RunJson;

beforeAll(async () => {
	// The same alias in both databases, so acting on the wrong one would show.
	milvus = await startEmulator({
		auth: { users: { root: 'Milvus' } },
		databases: {
			default: {
				collections: { products_v1: {}, products_v2: {} },
				aliases: { products: 'products_v1' },
			},
			staging: {
				collections: { products_v1: {}, products_v2: {} },
				aliases: { products: 'products_v1' },
			},
		},
	});
	n8n = await createN8n({ mode: 'custom' });
	await n8n.importCredentials([
		milvusCredential('main', { endpoint: milvus.url, token: 'root:Milvus' }),
	]);
	await n8n.importWorkflow([typoWorkflow(n8n.nodeType)]);
	const result = await n8n.execute('maE2eExpressionTypo', { timeoutMs: 170000 });
	expectSuccess(n8n, result);
	run = result.run!;
}, 240000);

afterAll(async () => {
	await n8n?.dispose();
	await milvus?.close();
});

test('Database Name: the item fails naming the field; no alias moved in any database', () => {
	expect(n8n.items(run, 'Switch').map((item) => item.json.error)).toEqual([
		GAVE_NOTHING('Database Name'),
	]);
	expect(milvus.getAliases('default')).toEqual({ products: 'products_v1' });
	expect(milvus.getAliases('staging')).toEqual({ products: 'products_v1' });
});

test('Filters › Collection: the item fails instead of listing every alias', () => {
	expect(n8n.items(run, 'List').map((item) => item.json.error)).toEqual([
		GAVE_NOTHING('Filters › Collection'),
	]);
});

test('nothing was sent to Milvus', () => {
	expect(milvus.requests.map((request) => request.path)).toEqual([]);
});
