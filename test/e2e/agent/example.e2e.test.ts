/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- end-to-end tests, never part of the package: they read the example from the repository */
/**
 * examples/ai-ops-assistant.json in a real n8n with the package installed: its structure (the
 * switch reaches the agent only through an approval), and on n8n 2.x a run of the example's own
 * agent, memory, tools and approval against the scripted fake model and the emulator.
 *
 * What the run changes, and why: the chat (When chat message received → … → Reply) is how a
 * person talks to the example in the editor; `n8n execute` cannot send a chat message. So a
 * Manual Trigger and a node giving the chat trigger's output (`sessionId`, `chatInput`) start the
 * run in its place (the chat trigger stays in the workflow, unconnected, for the approval to find
 * it), Reply is left out, and the model node is pointed at the fake model (chat-completions API;
 * the example uses OpenAI's default). Everything else is the example as shipped.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { WorkflowJson } from '../../../tooling/n8n';
import { outputTail, requestLog } from '../helpers';
import { offeredTools } from './fake-openai';
import type { AgentSession } from './session';
import {
	CHANGING_ROUTES,
	TEST_TIMEOUT_MS,
	TOKEN,
	VERSION,
	agentAnswer,
	receivedResults,
	startAgentSession,
} from './session';
import { TOOL_CHOICE_RULES, chooseTool } from './tool-choice';

const EXAMPLE_FILE = path.join(__dirname, '..', '..', '..', 'examples', 'ai-ops-assistant.json');
const AGENT = 'Ops Assistant';
const CHAT_TRIGGER = 'When chat message received';

interface ExampleNode {
	[key: string]: unknown;
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: number[];
	onError?: string;
	parameters: Record<string, unknown> & {
		operation?: string;
		options?: { [key: string]: unknown; requireLoaded?: boolean };
	};
	credentials?: Record<string, { id: string; name: string }>;
}
interface Example extends WorkflowJson {
	[key: string]: unknown;
	nodes: ExampleNode[];
	connections: Record<string, Record<string, Array<Array<{ node: string }>>>>;
	settings: { executionOrder?: string };
}

function readExample(): Example {
	return JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8'));
}

/** The nodes a node's ai_tool output goes to. */
function toolTargets(example: Example, name: string): string[] {
	return (example.connections[name]?.ai_tool?.[0] ?? []).map((connection) => connection.node);
}

/** The example started by a Manual Trigger with this chat message, Reply left out (see above). */
function runnableExample(example: Example, fakeModelNode: ExampleNode, chatInput: string) {
	const nodes = example.nodes
		.filter((node) => node.type !== '@n8n/n8n-nodes-langchain.chat')
		.map((node) => (node.name === fakeModelNode.name ? fakeModelNode : node));
	const message: ExampleNode = {
		id: '5d2c8f5e-8a1e-4c1f-9a51-0000000000f2',
		name: 'Chat message',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [0, 0],
		parameters: {
			mode: 'raw',
			jsonOutput: JSON.stringify({ sessionId: 'ops-e2e', action: 'sendMessage', chatInput }),
			options: {},
		},
	};
	const manual: ExampleNode = {
		id: '5d2c8f5e-8a1e-4c1f-9a51-0000000000f1',
		name: 'Manual',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [-200, 0],
		parameters: {},
	};
	const connections = Object.fromEntries(
		Object.entries(example.connections)
			.filter(([from]) => from !== CHAT_TRIGGER)
			.map(([from, outputs]) => [from, from === AGENT ? { ...outputs, main: [[]] } : outputs]),
	);
	return {
		...example,
		nodes: [...nodes, manual, message],
		connections: {
			...connections,
			Manual: { main: [[{ node: message.name, type: 'main', index: 0 }]] },
			[message.name]: { main: [[{ node: AGENT, type: 'main', index: 0 }]] },
		},
	};
}

let session: AgentSession;

beforeAll(async () => {
	session = await startAgentSession();
});

afterAll(async () => {
	await session?.close();
});

describe(`the ops assistant example in n8n ${VERSION}`, () => {
	test(
		'imports, and its switch reaches the agent only through an approval',
		async () => {
			const n8n = await session.startN8n('package');
			const example = readExample();
			const byName = (name: string) => example.nodes.find((node) => node.name === name);

			expect(example.settings.executionOrder).toBe('v1');
			const milvusTools = example.nodes.filter((node) => node.type === `${n8n.nodeType}Tool`);
			expect(milvusTools.map((node) => node.parameters.operation).sort()).toEqual([
				'get',
				'getAll',
				'upsert',
			]);
			for (const tool of milvusTools) expect(tool.onError).toBe('continueRegularOutput');
			const switchTool = milvusTools.find((node) => node.parameters.operation === 'upsert');
			expect(switchTool?.parameters.options?.requireLoaded).toBe(true);
			const [approval] = toolTargets(example, switchTool?.name ?? '');
			expect(byName(approval)?.type).toMatch(/HitlTool$/);
			expect(toolTargets(example, approval)).toEqual([AGENT]);
			for (const tool of milvusTools.filter((node) => node !== switchTool)) {
				expect(toolTargets(example, tool.name)).toEqual([AGENT]);
			}

			await n8n.importWorkflow(example);
		},
		TEST_TIMEOUT_MS,
	);

	// The example's approval (Chat "send and wait" as a tool) exists from n8n 2.x on.
	const onTwoX = VERSION.startsWith('1.') ? test.skip : test;
	onTwoX(
		'runs against the fake model: questions answered from Milvus, a switch waits for its approval',
		async () => {
			const { milvus, fake } = session;
			const n8n = await session.startN8n('package');
			const example = readExample();
			const credentialOf = (type: string) =>
				example.nodes.flatMap((node) =>
					node.credentials?.[type] ? [node.credentials[type]] : [],
				)[0];
			await n8n.importCredentials([
				{
					...credentialOf('milvusRestApi'),
					type: 'milvusRestApi',
					data: { endpoint: milvus.url, token: TOKEN, ignoreSslIssues: false },
				},
				{
					...credentialOf('openAiApi'),
					type: 'openAiApi',
					data: { apiKey: 'sk-fake-e2e', url: fake.url },
				},
			]);
			const modelNode = example.nodes.find((node) => node.type.endsWith('.lmChatOpenAi'));
			if (!modelNode) throw new Error('the example has no OpenAI Chat Model');
			const fakeModelNode: ExampleNode = {
				...modelNode,
				parameters: {
					model: { __rl: true, mode: 'id', value: 'fake-model' },
					responsesApiEnabled: false,
					options: { maxRetries: 0 },
				},
			};
			const aliasesBefore = milvus.getAliases();

			// A question: the model picks the read-only tools from their descriptions.
			await n8n.importWorkflow({
				...runnableExample(
					example,
					fakeModelNode,
					'Which aliases exist, and where does products point?',
				),
				id: 'maAgentExample01',
			});
			milvus.clearRequests();
			fake.play([
				{
					toolCalls: (request) => [
						{ tool: chooseTool(offeredTools(request), TOOL_CHOICE_RULES.getAll).name, args: {} },
						{
							tool: chooseTool(offeredTools(request), TOOL_CHOICE_RULES.get).name,
							args: { aliasName: 'products' },
						},
					],
				},
				{ answer: () => 'products points at products_v1.' },
			]);
			const asked = await n8n.execute('maAgentExample01', { timeoutMs: 8 * 60000 });
			expect(fake.failures).toEqual([]);
			expect(agentAnswer(n8n, asked, AGENT)).toBe('products points at products_v1.');
			// The example's system message reaches the model first.
			expect(JSON.stringify(fake.requests[0].messages[0])).toContain('operations assistant');
			const products = { aliasName: 'products', collectionName: 'products_v1', dbName: 'default' };
			expect(receivedResults(fake.requests[1])).toEqual([
				{
					tool: 'List_Aliases',
					result: [
						{ aliasName: 'catalog', collectionName: 'products_v1', dbName: 'default' },
						products,
					],
				},
				{ tool: 'Get_Alias', result: [products] },
			]);

			// A switch: the model calls it, the approval is requested and the run waits for it.
			await n8n.importWorkflow({
				...runnableExample(example, fakeModelNode, 'Switch products to products_v2'),
				id: 'maAgentExample02',
			});
			milvus.clearRequests();
			fake.play([
				{
					toolCalls: (request) => [
						{
							tool: chooseTool(offeredTools(request), TOOL_CHOICE_RULES.upsert).name,
							args: { aliasName: 'products', collectionName: 'products_v2' },
						},
					],
				},
			]);
			const switching = await n8n.execute('maAgentExample02', { timeoutMs: 8 * 60000 });
			expect(fake.failures).toEqual([]);
			expect([switching.run?.status, outputTail(switching, 5)]).toEqual([
				'waiting',
				expect.any(String),
			]);
			expect(fake.requests).toHaveLength(1);
			expect(requestLog(milvus).filter(([route]) => CHANGING_ROUTES.includes(route))).toEqual([]);
			expect(milvus.getAliases()).toEqual(aliasesBefore);
		},
		TEST_TIMEOUT_MS,
	);
});
