/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets -- end-to-end tests, never part of the package: they run n8n and use test tokens */
/**
 * Installed the way a user installs it: `npm pack` of the repo, the tarball installed into
 * <userFolder>/.n8n/nodes (what n8n's community-package installer leaves), node type
 * `n8n-nodes-milvus-alias.milvusAlias`. Catches packaging mistakes (files, n8n section, paths,
 * runtime dependencies). Also runs the shipped example examples/blue-green.json as it is.
 */
import childProcess from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import type { MilvusEmulator } from '../../tooling/emulator';
import { startEmulator } from '../../tooling/emulator';
import { SEEDS } from '../../tooling/emulator/cli';
import {
	BLUE_GREEN,
	blueGreenCredential,
	loadBlueGreen,
	summarizeBlueGreen,
} from '../../tooling/demo/blue-green';
import type { N8nInstance } from '../../tooling/n8n';
import { createN8n, REPO_ROOT } from '../../tooling/n8n';
import { compareTarballWithBuild, PACKAGE_METADATA } from '../../tooling/release/pack-check';
import { expectSuccess, jsonOf, loadWorkflow, milvusCredential, requestsTo } from './helpers';

const API_KEY = 'e2e-api-key-0123456789';

let milvus: MilvusEmulator;
let n8n: N8nInstance;

beforeAll(async () => {
	// API-key authentication this time (a Zilliz-style token without ':').
	milvus = await startEmulator({
		auth: { apiKeys: [API_KEY] },
		databases: {
			default: {
				collections: { ...SEEDS.demo.default.collections, legacy_v1: { loaded: true } },
				aliases: { ...SEEDS.demo.default.aliases, other_alias: 'legacy_v1' },
			},
		},
	});
	n8n = await createN8n({ mode: 'package' });
	await n8n.importCredentials([
		milvusCredential('main', { endpoint: milvus.url, token: API_KEY }),
		blueGreenCredential({ endpoint: milvus.url, token: API_KEY }),
	]);
	// The example as shipped: only its endpoint field is set; its node type is the package's.
	const example = loadBlueGreen({ endpoint: milvus.url });
	expect(
		example.nodes.find((node: { name: string }) => node.name === BLUE_GREEN.nodes.switchAlias).type,
	).toBe('n8n-nodes-milvus-alias.milvusAlias');
	await n8n.importWorkflow([loadWorkflow('get.json', n8n.nodeType), example]);
}, 300000);

afterAll(async () => {
	if (n8n) await n8n.dispose();
	if (milvus) await milvus.close();
});

test('the tarball holds dist/ and package.json only, and installs without dependencies', () => {
	expect(n8n.nodeType).toBe('n8n-nodes-milvus-alias.milvusAlias');
	const tarball = n8n.tarball ?? '';
	const packageDir = n8n.packageDir ?? '';
	const listing = childProcess
		.execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
		.split('\n')
		.filter(Boolean)
		.map((entry) => entry.replace(/^package\//, ''));
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(listing).toContain(file);
	expect(listing).toContain('package.json');
	expect(listing.some((entry) => entry.endsWith('.svg'))).toBe(true);
	const unexpected = listing.filter(
		(entry) => !entry.startsWith('dist/') && !PACKAGE_METADATA.includes(entry),
	);
	expect(unexpected).toEqual([]);
	expect(listing.filter((entry) => entry.endsWith('.ts') && !entry.endsWith('.d.ts'))).toEqual([]);
	// n8n-workflow is a peer: nothing but the package itself lands in .n8n/nodes/node_modules.
	const installed = fs
		.readdirSync(path.dirname(packageDir))
		.filter((name) => !name.startsWith('.'));
	expect(installed).toEqual(['n8n-nodes-milvus-alias']);
	expect(pkg.dependencies || {}).toEqual({});
});

test('the tarball holds byte for byte the fresh build the e2e runner just made', () => {
	expect(compareTarballWithBuild(n8n.tarball ?? '', path.join(REPO_ROOT, 'dist'))).toEqual({
		missing: [],
		changed: [],
		unexpected: [],
	});
});

test('a workflow using n8n-nodes-milvus-alias.milvusAlias runs', async () => {
	milvus.clearRequests();
	const result = await n8n.execute('maE2eGet01');
	expectSuccess(n8n, result);
	expect(jsonOf(n8n, result.run, 'Get')).toEqual([
		{ aliasName: 'other_alias', collectionName: 'legacy_v1', dbName: 'default' },
	]);
	expect(
		requestsTo(milvus, 'aliases/describe').map((request) => request.headers.authorization),
	).toEqual([`Bearer ${API_KEY}`]);
});

describe('examples/blue-green.json', () => {
	test('switches the alias to the new collection and drops the previous one', async () => {
		milvus.clearRequests();
		const result = await n8n.execute(BLUE_GREEN.workflowId);
		expectSuccess(n8n, result);
		const { run } = result;
		expect(jsonOf(n8n, run, BLUE_GREEN.nodes.switchAlias)).toEqual([
			{
				aliasName: 'products',
				collectionName: 'products_v2',
				dbName: 'default',
				action: 'updated',
				previousCollectionName: 'products_v1',
				waitedForLoadMs: 0,
			},
		]);
		expect(n8n.items(run, BLUE_GREEN.nodes.guard, 0)).toHaveLength(1);
		expect(n8n.items(run, BLUE_GREEN.nodes.guard, 1)).toHaveLength(0);
		expect(jsonOf(n8n, run, BLUE_GREEN.nodes.drop)).toEqual([{ code: 0, data: {} }]);
		expect(jsonOf(n8n, run, BLUE_GREEN.nodes.report)).toEqual([
			{
				alias: 'products',
				collection: 'products_v2',
				droppedCollection: 'products_v1',
				dropped: true,
				milvusCode: 0,
				milvusMessage: '',
			},
		]);
		// The HTTP Request node authenticated with the same credential.
		const drops = requestsTo(milvus, 'collections/drop');
		expect(drops.map((request) => [request.body, request.headers.authorization])).toEqual([
			[{ collectionName: 'products_v1' }, `Bearer ${API_KEY}`],
		]);
		expect(milvus.getAliases()).toEqual({ products: 'products_v2', other_alias: 'legacy_v1' });
		expect(Object.keys(milvus.getCollections()).sort()).toEqual(['legacy_v1', 'products_v2']);
		expect(summarizeBlueGreen(run).map((line) => line.node)).toContain(BLUE_GREEN.nodes.report);
	});

	test('a second run leaves everything as it is (action unchanged: nothing is dropped)', async () => {
		milvus.clearRequests();
		const result = await n8n.execute(BLUE_GREEN.workflowId);
		expectSuccess(n8n, result);
		expect(jsonOf(n8n, result.run, BLUE_GREEN.nodes.switchAlias)[0]).toMatchObject({
			action: 'unchanged',
			collectionName: 'products_v2',
		});
		expect(n8n.items(result.run, BLUE_GREEN.nodes.guard, 1)).toHaveLength(1);
		expect(result.run.data.resultData.runData[BLUE_GREEN.nodes.drop]).toBeUndefined();
		expect(requestsTo(milvus, 'collections/drop')).toEqual([]);
		expect(Object.keys(milvus.getCollections()).sort()).toEqual(['legacy_v1', 'products_v2']);
	});

	test('a previous collection that another alias still points at is kept (Milvus 2.4 would drop that alias with it)', async () => {
		milvus.addCollection('default', 'products_v1', { loaded: true });
		milvus.setAlias('default', 'products', 'products_v1');
		milvus.setAlias('default', 'archive', 'products_v1');
		milvus.clearRequests();
		const result = await n8n.execute(BLUE_GREEN.workflowId);
		expectSuccess(n8n, result);
		const { run } = result;
		expect(jsonOf(n8n, run, BLUE_GREEN.nodes.switchAlias)[0]).toMatchObject({
			action: 'updated',
			previousCollectionName: 'products_v1',
		});
		expect(jsonOf(n8n, run, BLUE_GREEN.nodes.keep)).toEqual([
			{
				alias: 'products',
				collection: 'products_v2',
				keptCollection: 'products_v1',
				stillUsedByAlias: 'archive',
			},
		]);
		expect(run.data.resultData.runData[BLUE_GREEN.nodes.drop]).toBeUndefined();
		expect(requestsTo(milvus, 'collections/drop')).toEqual([]);
		expect(milvus.getAliases()).toEqual({
			products: 'products_v2',
			archive: 'products_v1',
			other_alias: 'legacy_v1',
		});
	});
});
