/**
 * Time limits in a real n8n: a Milvus that accepts connections and never answers must fail the
 * item within 60 s with default options, and within the Time Limit per Item when one is set.
 * Durations come from n8n's own record of the node's execution time, so n8n's start-up does not
 * count; the bounds are the user-facing promises, not tight measurements.
 */
import type { MilvusEmulator } from '../../tooling/emulator';
import type { N8nInstance, WorkflowJson } from '../../tooling/n8n';
import { CREDENTIALS, n8nWithProductsMilvus, outputTail } from './helpers';

let milvus: MilvusEmulator;
let n8n: N8nInstance;

/** Manual trigger → one Milvus Alias Get of `products` with `options`. */
function getWorkflow(id: string, nodeType: string, options: Record<string, number>): WorkflowJson {
	return {
		id,
		name: `Milvus Alias E2E: ${id}`,
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
				id: `${id}-get`,
				name: 'Get',
				type: nodeType,
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'alias', operation: 'get', aliasName: 'products', options },
				credentials: { milvusRestApi: CREDENTIALS.main },
			},
		],
		connections: { Manual: { main: [[{ node: 'Get', type: 'main', index: 0 }]] } },
	} as WorkflowJson;
}

/** Runs the workflow against a server that hangs on every request; the Get node's error and time. */
async function runAgainstDeadServer(workflowId: string) {
	milvus.clearRequests();
	milvus.clearFaults();
	milvus.injectFault({ kind: 'hang', times: 1000 });
	const result = await n8n.execute(workflowId, { timeoutMs: 170000 });
	const getRun = result.run?.data?.resultData?.runData?.Get?.[0];
	if (!getRun) throw new Error(`the Get node did not run:\n${outputTail(result)}`);
	return {
		error: n8n.nodeError(result.run),
		executionTime: Number(getRun.executionTime),
		requests: milvus.requests.length,
	};
}

beforeAll(async () => {
	({ milvus, n8n } = await n8nWithProductsMilvus());
	await n8n.importWorkflow([
		getWorkflow('maE2eDeadDefault', n8n.nodeType, {}),
		getWorkflow('maE2eDeadLimit', n8n.nodeType, {
			timeout: 2000,
			maxRetries: 10,
			retryDelay: 100,
			itemTimeLimit: 5000,
		}),
	]);
}, 240000);

afterAll(async () => {
	if (n8n) await n8n.dispose();
	if (milvus) await milvus.close();
});

test('with default options a dead server fails the item within 60 s', async () => {
	const { error, executionTime, requests } = await runAgainstDeadServer('maE2eDeadDefault');
	expect(error?.message).toMatch(/did not answer|Time Limit per Item/);
	expect(executionTime).toBeLessThanOrEqual(61000);
	// Every attempt waited for its Timeout, so the default retries were all used.
	expect(requests).toBeGreaterThanOrEqual(2);
}, 200000);

test('the Time Limit per Item ends the item with retries left, and says which limit', async () => {
	const { error, executionTime, requests } = await runAgainstDeadServer('maE2eDeadLimit');
	expect(error?.message).toMatch(/Time Limit per Item \(5000 ms\)/);
	expect(executionTime).toBeGreaterThanOrEqual(4500);
	expect(executionTime).toBeLessThan(8000);
	expect(requests).toBeLessThanOrEqual(3);
}, 200000);
