/**
 * Real n8n 2.41.1 (custom extension dir, type CUSTOM.milvusAlias) against two Milvus emulators:
 * `milvus` with authentication (root:Milvus) and `open` without. Three fixtures, each run once
 * (SSRF runs the small one twice more):
 *  - lifecycle.json: Prepare (Set) → Create → Get → Upsert → Get Many → Delete with expressions
 *    on earlier nodes; Batch (Code, 4 items) → Create (continue) with "Continue (using error
 *    output)" in database "staging"; Get (no auth) with an empty-token credential.
 *  - failure.json: a failing item without continue-on-fail stops the run.
 *  - get.json / get-localhost.json: one Get (endpoint 127.0.0.1 / localhost) under n8n's SSRF
 *    protection: blocked, then allowed by IP range / by host name.
 */
import type { MilvusEmulator } from '../../tooling/emulator';
import { startEmulator } from '../../tooling/emulator';
import type { ExecuteResult, N8nInstance } from '../../tooling/n8n';
import { createN8n } from '../../tooling/n8n';
import { n8nMajor } from '../../tooling/n8n/versions';
import {
	expectSuccess,
	jsonOf,
	loadWorkflow,
	milvusCredential,
	outputTail,
	requestLog,
	requestsTo,
} from './helpers';

const TOKEN = 'root:Milvus';

let milvus: MilvusEmulator;
let open: MilvusEmulator;
let n8n: N8nInstance;

beforeAll(async () => {
	milvus = await startEmulator({
		auth: { users: { root: 'Milvus' } },
		databases: {
			default: {
				collections: { products_v1: { loaded: true }, products_v2: { loaded: true } },
				aliases: { other_alias: 'products_v1' },
			},
			staging: {
				collections: { products_v1: { loaded: true }, products_v2: { loaded: true } },
				aliases: { taken: 'products_v1' },
			},
		},
	});
	open = await startEmulator({
		databases: {
			default: { collections: { docs_v1: { loaded: true } }, aliases: { docs: 'docs_v1' } },
		},
	});
	n8n = await createN8n({ mode: 'custom' });
	expect(n8n.nodeType).toBe('CUSTOM.milvusAlias');
	await n8n.importCredentials([
		milvusCredential('main', { endpoint: milvus.url, token: TOKEN }),
		// A trailing slash is tolerated by the contract; the empty token means "no header".
		milvusCredential('noAuth', { endpoint: `${open.url}/`, token: '' }),
		milvusCredential('localhost', {
			endpoint: milvus.url.replace('127.0.0.1', 'localhost'),
			token: TOKEN,
		}),
	]);
	await n8n.importWorkflow([
		loadWorkflow('lifecycle.json'),
		loadWorkflow('failure.json'),
		loadWorkflow('get.json'),
		loadWorkflow('get-localhost.json'),
	]);
}, 240000);

afterAll(async () => {
	if (n8n) await n8n.dispose();
	if (milvus) await milvus.close();
	if (open) await open.close();
});

describe('lifecycle workflow (one execution)', () => {
	let result: ExecuteResult;

	beforeAll(async () => {
		milvus.clearRequests();
		open.clearRequests();
		result = await n8n.execute('maE2eLifecycle01', { timeoutMs: 150000 });
		expectSuccess(n8n, result);
	}, 200000);

	test('the chain create → get → upsert → getAll → delete outputs what the contract says', () => {
		const { run } = result;
		expect(jsonOf(n8n, run, 'Prepare')).toEqual([
			{ alias: 'products', oldCollection: 'products_v1', collection: 'products_v2' },
		]);
		expect(n8n.items(run, 'Create')).toEqual([
			{
				json: { aliasName: 'products', collectionName: 'products_v1', dbName: 'default' },
				pairedItem: { item: 0 },
			},
		]);
		expect(n8n.items(run, 'Get')).toEqual([
			{
				json: { aliasName: 'products', collectionName: 'products_v1', dbName: 'default' },
				pairedItem: { item: 0 },
			},
		]);
		expect(n8n.items(run, 'Upsert')).toEqual([
			{
				json: {
					aliasName: 'products',
					collectionName: 'products_v2',
					dbName: 'default',
					action: 'updated',
					previousCollectionName: 'products_v1',
				},
				pairedItem: { item: 0 },
			},
		]);
		// Sorted by alias name, one item per alias, each paired with the single input item.
		expect(n8n.items(run, 'Get Many')).toEqual([
			{
				json: { aliasName: 'other_alias', collectionName: 'products_v1', dbName: 'default' },
				pairedItem: { item: 0 },
			},
			{
				json: { aliasName: 'products', collectionName: 'products_v2', dbName: 'default' },
				pairedItem: { item: 0 },
			},
		]);
		expect(n8n.items(run, 'Delete')).toEqual([
			{
				json: { deleted: true, aliasName: 'products', dbName: 'default' },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('the chain sent exactly these requests, with the token, and left this state', () => {
		const chain = requestLog(
			milvus,
			(request) => !(request.body && request.body.dbName === 'staging'),
		);
		const describes = chain
			.filter(([p]) => p === 'aliases/describe')
			.slice(2)
			.map(([, body]) => body.aliasName)
			.sort();
		// Create and Create or Update each send their alias-name lookup (is the Collection given
		// an alias?) alongside their first request, so where it lands among those varies; Get
		// Many's list is the third.
		expect(chain.filter(([p]) => p === 'aliases/list')).toHaveLength(3);
		const own = chain.filter(([p]) => p !== 'aliases/list');
		expect(own.map(([p]) => p)).toEqual([
			'aliases/create',
			'aliases/describe', // Get
			'aliases/describe', // Upsert: where does it point now?
			'collections/get_load_state', // Require Loaded Collection
			'aliases/alter',
			'aliases/describe', // Get Many: one describe per listed alias
			'aliases/describe',
			'aliases/drop',
		]);
		expect(own[0][1]).toEqual({ collectionName: 'products_v1', aliasName: 'products' });
		expect(own[1][1]).toEqual({ aliasName: 'products' });
		expect(own[3][1]).toEqual({ collectionName: 'products_v2' });
		expect(own[4][1]).toEqual({ collectionName: 'products_v2', aliasName: 'products' });
		expect(describes).toEqual(['other_alias', 'products']);
		expect(own[7][1]).toEqual({ aliasName: 'products' });
		// An empty dbName sends no dbName (the list body is the node's documented filler).
		expect(chain.filter(([, body]) => body && 'dbName' in body && body.dbName !== '')).toEqual([]);

		for (const request of milvus.requests)
			expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(milvus.getAliases('default')).toEqual({ other_alias: 'products_v1' });
	});

	test('"Continue (using error output)": failing items go to the error output, the others go on', () => {
		const { run } = result;
		const ok = n8n.items(run, 'Create (continue)', 0);
		const failed = n8n.items(run, 'Create (continue)', 1);
		expect(ok).toEqual([
			{
				json: { aliasName: 'green', collectionName: 'products_v2', dbName: 'staging' },
				pairedItem: { item: 0 },
			},
			{
				json: { aliasName: 'blue', collectionName: 'products_v1', dbName: 'staging' },
				pairedItem: { item: 3 },
			},
		]);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		// Milvus's own message and code.
		expect(failed[0].json.error).toMatch(
			/^Alias "taken" already points to another collection\. .*\(Milvus error 1602: .*taken.*alias already exist/,
		);
		// n8n 1.x routes an error item only by the error it carries, and then shows its json as
		// just { error }: details exist on n8n 2.x.
		if (n8nMajor() >= 2) expect(failed[0].json.details).toMatchObject({ milvusCode: 1602 });
		// Rejected before any request, naming the field and the rule.
		expect(failed[1].json.error).toMatch(/Alias Name "bad-name!" is not a valid Milvus name/);
		expect(failed[1].json.error).toMatch(/letter or an underscore/);

		expect(jsonOf(n8n, run, 'Created').map((json) => json.aliasName)).toEqual(['green', 'blue']);
		expect(jsonOf(n8n, run, 'Failed')).toHaveLength(2);

		const staging = requestsTo(milvus, 'aliases/create').filter(
			(request) => request.body.dbName === 'staging',
		);
		expect(staging.map((request) => request.body.aliasName).sort()).toEqual([
			'blue',
			'green',
			'taken',
		]);
		expect(milvus.requests.some((request) => request.rawBody.includes('bad-name'))).toBe(false);
		expect(milvus.getAliases('staging')).toEqual({
			taken: 'products_v1',
			green: 'products_v2',
			blue: 'products_v1',
		});
	});

	test('a credential with an empty token sends no Authorization header', () => {
		expect(n8n.items(result.run, 'Get (no auth)')).toEqual([
			{
				json: { aliasName: 'docs', collectionName: 'docs_v1', dbName: 'default' },
				pairedItem: { item: 0 },
			},
		]);
		expect(open.requests.length).toBeGreaterThan(0);
		for (const request of open.requests) {
			expect(request.path).toBe('/v2/vectordb/aliases/describe'); // the trailing slash was dropped
			expect(request.headers.authorization).toBeUndefined();
		}
	});

	test("the token appears nowhere in n8n's output", () => {
		expect(result.output).not.toContain(TOKEN);
	});
});

describe('a failing item without continue-on-fail', () => {
	let result: ExecuteResult;

	beforeAll(async () => {
		milvus.clearRequests();
		result = await n8n.execute('maE2eFailure01', { timeoutMs: 150000 });
	}, 200000);

	test("fails the run with rc 1, status error and Milvus's message and code", () => {
		expect(result.run).toBeDefined();
		if (result.rc !== 1) throw new Error(`expected rc 1, got ${result.rc}\n${outputTail(result)}`);
		expect(result.run.status).toBe('error');
		const error = n8n.nodeError(result.run);
		expect(error).toBeDefined();
		expect(error.message).toMatch(
			/^Alias "other_alias" already points to another collection\. Use Update, or Create or Update, to repoint it \(Milvus error 1602: other_alias is alias to another collection: products_v1/,
		);
		expect(error.node && error.node.name).toBe('Create (stop)');
		expect(result.run.data.resultData.lastNodeExecuted).toBe('Create (stop)');
		expect(result.run.data.resultData.runData['Create (stop)'][0].error.message).toBe(
			error.message,
		);
		expect(result.run.data.resultData.runData.After).toBeUndefined();
		expect(result.output).toContain('Milvus error 1602');
		expect(result.output).not.toContain(TOKEN);
		// The valid item still went to Milvus; the state says what happened.
		expect(milvus.getAliases('default')).toMatchObject({ other_alias: 'products_v1' });
	});
});

// n8n's SSRF protection (N8N_SSRF_PROTECTION_ENABLED) exists from n8n 2.x; 1.123 has no such setting.
const describeOnN8n2 = n8nMajor() >= 2 ? describe : describe.skip;

describeOnN8n2('n8n SSRF protection', () => {
	test("blocks the loopback emulator with n8n's message, before any request", async () => {
		milvus.clearRequests();
		const result = await n8n.execute('maE2eGet01', {
			env: { N8N_SSRF_PROTECTION_ENABLED: 'true' },
		});
		if (result.rc !== 1) throw new Error(`expected rc 1, got ${result.rc}\n${outputTail(result)}`);
		const error = n8n.nodeError(result.run);
		// What to do first (tool users see only the message), then n8n's own words.
		expect(error.message).toMatch(
			/^n8n's SSRF protection blocked the request to 127\.0\.0\.1:\d+\. Ask your n8n administrator to allow the Milvus host \(N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES\) \(The request was blocked/,
		);
		expect(error.description).toMatch(/N8N_SSRF_PROTECTION_ENABLED/);
		expect(milvus.requests).toEqual([]);
	});

	test('works again with the loopback range allowed (N8N_SSRF_ALLOWED_IP_RANGES)', async () => {
		milvus.clearRequests();
		const result = await n8n.execute('maE2eGet01', {
			env: { N8N_SSRF_PROTECTION_ENABLED: 'true', N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.0/8' },
		});
		expectSuccess(n8n, result);
		expect(jsonOf(n8n, result.run, 'Get')).toEqual([
			{ aliasName: 'other_alias', collectionName: 'products_v1', dbName: 'default' },
		]);
		expect(requestsTo(milvus, 'aliases/describe')).toHaveLength(1);
	});

	test("works with the host name allowed (N8N_SSRF_ALLOWED_HOSTNAMES), as the node's message advises", async () => {
		milvus.clearRequests();
		const result = await n8n.execute('maE2eGetLocalhost01', {
			env: { N8N_SSRF_PROTECTION_ENABLED: 'true', N8N_SSRF_ALLOWED_HOSTNAMES: 'localhost' },
		});
		expectSuccess(n8n, result);
		expect(jsonOf(n8n, result.run, 'Get')).toEqual([
			{ aliasName: 'other_alias', collectionName: 'products_v1', dbName: 'default' },
		]);
		expect(requestsTo(milvus, 'aliases/describe')).toHaveLength(1);
	});
});
