/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- end-to-end tests, never part of the package: they run n8n and use test tokens */
/** Shared bits of the real-n8n e2e tests: fixtures, credentials and assertions with context. */
import fs from 'node:fs';
import path from 'node:path';

import type { MilvusEmulator } from '../../tooling/emulator';
import { startEmulator } from '../../tooling/emulator';
import type { ExecuteResult, N8nInstance, RunJson, WorkflowJson } from '../../tooling/n8n';
import { createN8n, retargetNodeType } from '../../tooling/n8n';

/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- request bodies, read loosely by the assertions */
export type Body = Record<string, any>;
type RecordedRequest = Omit<MilvusEmulator['requests'][number], 'body'> & { body: Body };

export const WORKFLOWS_DIR = path.join(__dirname, 'workflows');

/** A workflow fixture from test/e2e/workflows, its Milvus Alias nodes retargeted to `nodeType`. */
export function loadWorkflow(fileName: string, nodeType?: string): WorkflowJson {
	const workflow: WorkflowJson = JSON.parse(
		fs.readFileSync(path.join(WORKFLOWS_DIR, fileName), 'utf8'),
	);
	return nodeType ? retargetNodeType(workflow, nodeType) : workflow;
}

/** The credentials the fixtures reference (ids and names must match the workflow JSON). */
export const CREDENTIALS = {
	main: { id: 'maE2eCredMain', name: 'Milvus E2E (auth)' },
	noAuth: { id: 'maE2eCredNoAuth', name: 'Milvus E2E (no auth, empty token)' },
	localhost: { id: 'maE2eCredLocalhost', name: 'Milvus E2E (auth, via localhost)' },
};

export function milvusCredential(
	which: keyof typeof CREDENTIALS,
	data: { endpoint: string; token?: string; ignoreSslIssues?: boolean },
) {
	return {
		...CREDENTIALS[which],
		type: 'milvusRestApi',
		data: { token: '', ignoreSslIssues: false, ...data },
	};
}

/**
 * A Milvus (token root:Milvus) whose alias `products` points at `products_v1`, and a real n8n
 * holding its credential as `CREDENTIALS.main`.
 */
export async function n8nWithProductsMilvus(): Promise<{
	milvus: MilvusEmulator;
	n8n: N8nInstance;
}> {
	const milvus = await startEmulator({
		auth: { users: { root: 'Milvus' } },
		databases: {
			default: { collections: { products_v1: {} }, aliases: { products: 'products_v1' } },
		},
	});
	const n8n = await createN8n({ mode: 'custom' });
	await n8n.importCredentials([
		milvusCredential('main', { endpoint: milvus.url, token: 'root:Milvus' }),
	]);
	return { milvus, n8n };
}

export type NodeJson = NonNullable<WorkflowJson['nodes']>[number];

/**
 * Manual trigger → a Code node named "Items" that outputs `items` → every node of `fed`, each
 * given the Code node's items. Ids are the workflow's id with a suffix, so fixtures never clash.
 */
export function itemsWorkflow(
	id: string,
	name: string,
	items: unknown[],
	fed: NodeJson[],
): WorkflowJson {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'Manual',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${id}-items`,
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [250, 0],
				parameters: { jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));` },
			},
			...fed,
		],
		connections: {
			Manual: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [fed.map((node) => ({ node: node.name, type: 'main', index: 0 }))] },
		},
	} as WorkflowJson;
}

/** The last lines of n8n's output, for failure messages. */
export function outputTail(result: { output?: string }, lines = 60): string {
	return (result.output || '').split('\n').slice(-lines).join('\n');
}

/** Fails with n8n's own output when the execution did not succeed. */
export function expectSuccess(n8n: N8nInstance, result: ExecuteResult): void {
	const error = n8n.nodeError(result.run);
	if (result.rc !== 0 || !result.run || result.run.status !== 'success' || error) {
		throw new Error(
			`expected a successful execution, got rc ${result.rc}, status ${result.run && result.run.status}` +
				`${error ? `, error: ${error.message}` : ''}\n--- n8n output (tail) ---\n${outputTail(result)}`,
		);
	}
}

/** The `json` of every item a node put on an output. */
export function jsonOf(n8n: N8nInstance, run: RunJson, nodeName: string, outputIndex = 0) {
	return n8n.items(run, nodeName, outputIndex).map((item) => item.json);
}

/** Requests the emulator received for one Milvus path ('aliases/create'), in arrival order. */
export function requestsTo(emulator: MilvusEmulator, shortPath: string): RecordedRequest[] {
	return (emulator.requests as RecordedRequest[]).filter((request) =>
		request.path.endsWith(`/v2/vectordb/${shortPath}`),
	);
}

/** [path, body] pairs of the emulator's log, path shortened to e.g. 'aliases/create'. */
export function requestLog(
	emulator: MilvusEmulator,
	filter: (request: RecordedRequest) => boolean = () => true,
): Array<[string, Body]> {
	return (emulator.requests as RecordedRequest[])
		.filter(filter)
		.map((request): [string, Body] => [
			request.path.replace(/^.*\/v2\/vectordb\//, ''),
			request.body,
		]);
}
