/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- end-to-end tests, never part of the package: they run n8n, write the snapshot file and format it with prettier */
/**
 * Milvus Alias as a tool of n8n's AI Agent, in a real n8n (the version in
 * MILVUS_ALIAS_N8N_VERSION): Manual Trigger → AI Agent ← OpenAI Chat Model (pointed at a scripted
 * fake model on loopback) and Milvus Alias tool sub-nodes pointed at the emulator.
 *
 * What is asserted: the tool schema n8n offered the model (pinned in
 * agent/tool-schema.snapshot.json: set MILVUS_ALIAS_UPDATE_SNAPSHOTS=1 to rewrite the entry of the
 * version under test after a deliberate change), the Milvus calls that arrived, and what the
 * model received back for a success, parallel calls, a Milvus error (message alone, n8n's
 * default On Error), an invalid name (rejected before any request) and an error with the tool's
 * On Error set to "Continue (regular output)" (message plus our advice on 2.x; n8n 1.x keeps only
 * the message, and there a failed call with the default On Error ends the whole run).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import { CALL_RECORDS } from '../../nodes/MilvusAlias/transport/failureCatalog';
import type { MilvusEmulator } from '../../tooling/emulator';
import { startEmulator } from '../../tooling/emulator';
import type { ExecuteResult, N8nInstance } from '../../tooling/n8n';
import { createN8n, selectedN8nVersion } from '../../tooling/n8n';
import type { ChatRequest, FakeOpenAi, ScriptedTurn } from './agent/fake-openai';
import { offeredTools, startFakeOpenAi, toolResults } from './agent/fake-openai';
import type { AgentTool } from './agent/workflow';
import { AGENT_NODE, agentWorkflow, collectionFromAi, fromAi } from './agent/workflow';
import { outputTail, requestLog } from './helpers';

const VERSION = selectedN8nVersion();
interface AgentBehaviour {
	/** The newest AI Agent and OpenAI Chat Model versions this n8n offers. */
	agent: number;
	chatModel: number;
	/**
	 * With the tool's default On Error, a failed call goes back to the model as its message (2.x);
	 * n8n 1.x stops the whole execution instead.
	 */
	defaultOnErrorReachesModel: boolean;
	/** With On Error "Continue (regular output)" the model gets our `details` too; 1.x keeps only the message. */
	continueKeepsDetails: boolean;
}
const AGENT_BEHAVIOUR: Record<string, AgentBehaviour> = {
	'2.41.1': {
		agent: 3.1,
		chatModel: 1.3,
		defaultOnErrorReachesModel: true,
		continueKeepsDetails: true,
	},
	'1.123.81': {
		agent: 3,
		chatModel: 1.3,
		defaultOnErrorReachesModel: false,
		continueKeepsDetails: false,
	},
};
const BEHAVIOUR = AGENT_BEHAVIOUR[VERSION];

/** What a failed call gives the model with On Error "Continue (regular output)" on this n8n. */
function continuedError(message: unknown, details: object) {
	return BEHAVIOUR.continueKeepsDetails
		? { error: message, details: expect.objectContaining(details) }
		: { error: message };
}
const SNAPSHOT_FILE = path.join(__dirname, 'agent', 'tool-schema.snapshot.json');
const PRETTIER = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'prettier');
const EXAMPLE_FILE = path.join(__dirname, '..', '..', 'examples', 'ai-ops-assistant.json');
const TOKEN = 'root:Milvus';
const MILVUS_CREDENTIAL = { id: 'maAgentCredMilvus', name: 'Milvus (agent e2e)' };
const OPENAI_CREDENTIAL = { id: 'maAgentCredOpenAi', name: 'Fake OpenAI (agent e2e)' };
/** Every n8n call here is a heavy process; the machine may be shared with other suites. */
const TEST_TIMEOUT_MS = 15 * 60000;

const aliasFromAi = fromAi('aliasName', 'Name of the alias, e.g. products');
const targetFromAi = collectionFromAi('Collection the alias should point at, e.g. products_v2');

/** One tool per operation, as an ops assistant would have them. */
const OPS_TOOLS: AgentTool[] = [
	{ name: 'List Aliases', parameters: { operation: 'getAll', returnAll: true } },
	{ name: 'Get Alias', parameters: { operation: 'get', aliasName: aliasFromAi } },
	{
		name: 'Create Alias',
		parameters: { operation: 'create', aliasName: aliasFromAi, collectionName: targetFromAi },
	},
	{
		name: 'Switch Alias',
		parameters: {
			operation: 'upsert',
			aliasName: aliasFromAi,
			collectionName: targetFromAi,
			options: { requireLoaded: true },
		},
	},
	{
		name: 'Repoint Alias',
		parameters: { operation: 'update', aliasName: aliasFromAi, collectionName: targetFromAi },
		onError: 'continueRegularOutput',
	},
	{ name: 'Delete Alias', parameters: { operation: 'delete', aliasName: aliasFromAi } },
];

/** The same tools with On Error "Continue (regular output)", as the README advises. */
function continuingOnError(tools: AgentTool[]): AgentTool[] {
	return tools.map((tool) => ({ ...tool, onError: 'continueRegularOutput' }));
}

let milvus: MilvusEmulator;
let fake: FakeOpenAi;
const instances: N8nInstance[] = [];
let packageN8n: N8nInstance | undefined;

function seedMilvus() {
	return startEmulator({
		auth: { users: { root: 'Milvus' } },
		databases: {
			default: {
				collections: {
					products_v1: { loaded: true },
					products_v2: { loaded: true },
					products_v3: { loaded: false },
				},
				aliases: { products: 'products_v1', catalog: 'products_v1' },
			},
		},
	});
}

async function startN8n(mode: 'custom' | 'package') {
	const n8n = await createN8n({ mode, version: VERSION });
	instances.push(n8n);
	await n8n.importCredentials([
		{
			...MILVUS_CREDENTIAL,
			type: 'milvusRestApi',
			data: { endpoint: milvus.url, token: TOKEN, ignoreSslIssues: false },
		},
		{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-fake-e2e', url: fake.url } },
	]);
	return n8n;
}

/** Imports the agent workflow with these tools, plays the script and runs it once. */
async function runAgent(
	n8n: N8nInstance,
	id: string,
	tools: AgentTool[],
	script: ScriptedTurn[],
): Promise<ExecuteResult> {
	if (!BEHAVIOUR) throw new Error(`no AI Agent behaviour listed for n8n ${VERSION}`);
	await n8n.importWorkflow(
		agentWorkflow({
			id,
			prompt: 'You are the search team ops assistant. Switch products to products_v2.',
			milvusToolType: `${n8n.nodeType}Tool`,
			milvusCredential: MILVUS_CREDENTIAL,
			openAiCredential: OPENAI_CREDENTIAL,
			tools,
			agentVersion: BEHAVIOUR.agent,
			chatModelVersion: BEHAVIOUR.chatModel,
		}),
	);
	milvus.clearRequests();
	fake.play(script);
	const result = await n8n.execute(id, { timeoutMs: 8 * 60000 });
	if (fake.failures.length > 0) {
		throw new Error(
			`the fake model saw requests against its script:\n${fake.failures.join('\n')}\n--- n8n output (tail) ---\n${outputTail(result)}`,
		);
	}
	return result;
}

/** The agent's final answer; fails with n8n's output when the agent did not answer. */
function agentAnswer(n8n: N8nInstance, result: ExecuteResult): string {
	const items = result.run ? n8n.items(result.run, AGENT_NODE) : [];
	const output = items[0]?.json?.output;
	if (typeof output !== 'string') {
		throw new Error(`the AI Agent gave no answer (rc ${result.rc})\n${outputTail(result)}`);
	}
	return output;
}

/** The parsed results the model received in one request, per tool call, in call order. */
function receivedResults(request: ChatRequest) {
	return toolResults(request).map(({ tool, content }) => ({ tool, result: JSON.parse(content) }));
}

/** The Milvus routes that change aliases; everything else the node sends only reads. */
const CHANGING_ROUTES = ['aliases/create', 'aliases/alter', 'aliases/drop'];

/** The tools n8n offered the model: names, descriptions and parameter schemas. */
function pinnedToolSchema(request: ChatRequest) {
	return offeredTools(request).sort((a, b) => a.name.localeCompare(b.name));
}

function readSnapshot(): Record<string, unknown> {
	return fs.existsSync(SNAPSHOT_FILE) ? JSON.parse(fs.readFileSync(SNAPSHOT_FILE, 'utf8')) : {};
}

beforeAll(async () => {
	milvus = await seedMilvus();
	fake = await startFakeOpenAi();
});

afterAll(async () => {
	await Promise.all(instances.map((n8n) => n8n.dispose()));
	await fake?.close();
	await milvus?.close();
});

describe(`Milvus Alias as an AI Agent tool in n8n ${VERSION}`, () => {
	test(
		'custom node tools: parallel calls, a switch, a Milvus error, an invalid name and advice with On Error continue',
		async () => {
			const n8n = await startN8n('custom');
			// On n8n 1.x a failed call with the default On Error ends the run, so there every tool
			// continues on error, as the README advises.
			const tools = BEHAVIOUR.defaultOnErrorReachesModel ? OPS_TOOLS : continuingOnError(OPS_TOOLS);
			const result = await runAgent(n8n, 'maAgentOps01', tools, [
				{
					toolCalls: [
						{ tool: 'List_Aliases', args: {} },
						{ tool: 'Get_Alias', args: { aliasName: 'products' } },
					],
				},
				{
					toolCalls: [
						{
							tool: 'Switch_Alias',
							args: { aliasName: 'products', collectionName: 'products_v2' },
						},
					],
				},
				{
					toolCalls: [
						{ tool: 'Get_Alias', args: { aliasName: 'missing_alias' } },
						{
							tool: 'Switch_Alias',
							args: { aliasName: 'bad-name', collectionName: 'products_v2' },
						},
						{
							tool: 'Repoint_Alias',
							args: { aliasName: 'missing_alias', collectionName: 'products_v2' },
						},
					],
				},
				{ answer: (request) => `Done after ${toolResults(request).length} tool calls.` },
			]);

			expect(agentAnswer(n8n, result)).toBe('Done after 6 tool calls.');
			// Failed tool calls are the model's to handle: the run itself succeeds.
			expect(result.run.status).toBe('success');
			expect(fake.requests).toHaveLength(4);

			// The tool schema n8n offered, pinned so that any change of texts or parameters shows.
			const schema = pinnedToolSchema(fake.requests[0]);
			if (process.env.MILVUS_ALIAS_UPDATE_SNAPSHOTS) {
				const snapshot = { ...readSnapshot(), [VERSION]: schema };
				fs.writeFileSync(SNAPSHOT_FILE, JSON.stringify(snapshot));
				execFileSync(PRETTIER, ['--write', SNAPSHOT_FILE], { timeout: 60000 });
			}
			expect(schema).toEqual(readSnapshot()[VERSION]);

			// Turn 1: two parallel calls, both answered with our documented outputs.
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
			// Turn 2: the switch (Require Loaded on) reports where the alias pointed before.
			expect(receivedResults(fake.requests[2]).slice(2)).toEqual([
				{
					tool: 'Switch_Alias',
					result: [
						{
							aliasName: 'products',
							collectionName: 'products_v2',
							dbName: 'default',
							action: 'updated',
							previousCollectionName: 'products_v1',
						},
					],
				},
			]);

			// Turn 3: three failures, as the model sees them.
			const [milvusError, invalidName, withAdvice] = receivedResults(fake.requests[3]).slice(3);
			// Only the error's message reaches the model (n8n 2.x's default On Error; every On Error
			// on 1.x), so its first sentence must already say what to do, before Milvus's own text.
			expect(milvusError.tool).toBe('Get_Alias');
			const message: string = milvusError.result[0].error;
			const todo = CALL_RECORDS['alias-not-found'].todo;
			expect(message).toContain('missing_alias');
			expect(message).toContain(todo);
			expect(message.indexOf(todo)).toBeLessThan(message.indexOf('1600'));
			// An invalid name is rejected before any request, naming the field and the rule.
			expect(invalidName.tool).toBe('Switch_Alias');
			expect(invalidName.result[0].error).toMatch(
				/^Alias Name "bad-name" is not a valid Milvus name: .*letter/,
			);
			// On Error "Continue (regular output)": the model also gets our advice.
			expect(withAdvice.tool).toBe('Repoint_Alias');
			expect(withAdvice.result).toEqual([
				continuedError(expect.stringContaining(todo), {
					description: CALL_RECORDS['alias-not-found'].advice,
					milvusCode: 1600,
				}),
			]);

			// What reached Milvus: one change (the switch, after its load check), the reads every
			// tool call needs, and nothing at all for the invalid name.
			const calls = requestLog(milvus);
			const changes = calls.filter(([route]) => CHANGING_ROUTES.includes(route));
			expect(changes).toEqual([
				['aliases/alter', { aliasName: 'products', collectionName: 'products_v2' }],
			]);
			const indexOf = (route: string, body: object) =>
				calls.findIndex((call) => call[0] === route && isDeepStrictEqual(call[1], body));
			expect(indexOf('aliases/list', {})).toBeGreaterThanOrEqual(0);
			expect(indexOf('aliases/describe', { aliasName: 'products' })).toBeGreaterThanOrEqual(0);
			expect(indexOf('collections/get_load_state', { collectionName: 'products_v2' })).toBeLessThan(
				calls.indexOf(changes[0]),
			);
			expect(
				calls.filter(
					([route, body]) =>
						route === 'aliases/describe' && isDeepStrictEqual(body, { aliasName: 'missing_alias' }),
				),
			).toHaveLength(2);
			expect(JSON.stringify(calls)).not.toContain('bad-name');
			expect(milvus.getAliases().products).toBe('products_v2');
		},
		TEST_TIMEOUT_MS,
	);

	test(
		'installed package tools with On Error continue: a refused switch leaves the alias, and the run succeeds',
		async () => {
			const n8n = await startN8n('package');
			packageN8n = n8n;
			expect(n8n.nodeType).toBe('n8n-nodes-milvus-alias.milvusAlias');
			const before = milvus.getAliases().catalog;
			const tools = continuingOnError(
				OPS_TOOLS.filter((tool) => ['Get Alias', 'Switch Alias'].includes(tool.name)),
			);
			const result = await runAgent(n8n, 'maAgentPkg01', tools, [
				{
					toolCalls: [
						{ tool: 'Switch_Alias', args: { aliasName: 'catalog', collectionName: 'products_v3' } },
					],
				},
				{ toolCalls: [{ tool: 'Get_Alias', args: { aliasName: 'catalog' } }] },
				{ answer: () => 'catalog stays where it was.' },
			]);

			expect(agentAnswer(n8n, result)).toBe('catalog stays where it was.');
			expect(result.run.status).toBe('success');
			const [refused] = receivedResults(fake.requests[1]);
			expect(refused.tool).toBe('Switch_Alias');
			expect(refused.result).toEqual([
				continuedError(expect.stringContaining('products_v3'), { description: expect.any(String) }),
			]);
			expect(receivedResults(fake.requests[2])[1]).toEqual({
				tool: 'Get_Alias',
				result: [{ aliasName: 'catalog', collectionName: before, dbName: 'default' }],
			});
			// The load check refused the switch: no create or alter reached Milvus.
			expect(requestLog(milvus).filter(([route]) => CHANGING_ROUTES.includes(route))).toEqual([]);
			expect(milvus.getAliases().catalog).toBe(before);
		},
		TEST_TIMEOUT_MS,
	);
	test(
		'the ops assistant example imports, and its switch reaches the agent only through an approval',
		async () => {
			const n8n = packageN8n ?? (await startN8n('package'));
			const example = JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8'));
			type ExampleNode = {
				name: string;
				type: string;
				onError?: string;
				parameters: { operation?: string; options?: { requireLoaded?: boolean } };
			};
			const nodes: ExampleNode[] = example.nodes;
			const byName = (name: string) => nodes.find((node) => node.name === name) as ExampleNode;
			const targets = (name: string) =>
				(example.connections[name]?.ai_tool?.[0] ?? []).map(
					(connection: { node: string }) => connection.node,
				);

			expect(example.settings.executionOrder).toBe('v1');
			const milvusTools = nodes.filter((node) => node.type === `${n8n.nodeType}Tool`);
			expect(milvusTools.map((node) => node.parameters.operation).sort()).toEqual([
				'get',
				'getAll',
				'upsert',
			]);
			for (const tool of milvusTools) expect(tool.onError).toBe('continueRegularOutput');
			const agent = nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.agent');
			const switchTool = milvusTools.find((node) => node.parameters.operation === 'upsert');
			expect(switchTool?.parameters.options?.requireLoaded).toBe(true);
			const [approval] = targets(switchTool?.name ?? '');
			expect(byName(approval).type).toMatch(/HitlTool$/);
			expect(targets(approval)).toEqual([agent?.name]);
			for (const tool of milvusTools.filter((node) => node !== switchTool)) {
				expect(targets(tool.name)).toEqual([agent?.name]);
			}

			await n8n.importWorkflow(example);
		},
		TEST_TIMEOUT_MS,
	);
});
