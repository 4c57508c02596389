/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- end-to-end tests, never part of the package: they run n8n, write the snapshot file and format it with prettier */
/**
 * Milvus Alias as a tool of n8n's AI Agent, in a real n8n (the version in
 * MILVUS_ALIAS_N8N_VERSION): Manual Trigger → AI Agent ← OpenAI Chat Model (pointed at a scripted
 * fake model on loopback) and Milvus Alias tool sub-nodes pointed at the emulator.
 *
 * What is asserted: the tool schema n8n offered the model (pinned in
 * agent/tool-schema.snapshot.json: set MILVUS_ALIAS_UPDATE_SNAPSHOTS=1 to rewrite the entry of the
 * version under test after a deliberate change) and that a model can choose the right tool from
 * its descriptions alone (agent/tool-choice.ts), the Milvus calls that arrived, and what the
 * model received back for a success, parallel calls, a Milvus error (message alone, n8n's
 * default On Error), an invalid name and left-out arguments (rejected before any request), and
 * an error with the tool's On Error set to "Continue (regular output)" (message plus our advice
 * on 2.x; n8n 1.x keeps only the message, and there a failed call with the default On Error
 * ends the whole run). Expected texts are written here, not taken from the node's code.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import type { ChatRequest, ScriptedToolCall } from './agent/fake-openai';
import { offeredTools, toolResults } from './agent/fake-openai';
import type { AgentSession } from './agent/session';
import {
	BEHAVIOUR,
	CHANGING_ROUTES,
	TEST_TIMEOUT_MS,
	VERSION,
	agentAnswer,
	continuingOnError,
	receivedResults,
	startAgentSession,
} from './agent/session';
import type { RuledOperation } from './agent/tool-choice';
import { TOOL_CHOICE_RULES, chooseTool } from './agent/tool-choice';
import type { AgentTool } from './agent/workflow';
import { collectionFromAi, fromAi } from './agent/workflow';
import { outputTail, requestLog } from './helpers';

const SNAPSHOT_FILE = path.join(__dirname, 'agent', 'tool-schema.snapshot.json');
const PRETTIER = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'prettier');

const aliasFromAi = fromAi(
	'aliasName',
	'Name of the alias, e.g. products: letters, digits and underscores, starting with a letter or underscore',
);
const targetFromAi = collectionFromAi(
	'Name of the collection the alias should point at, e.g. products_v2 (same naming rule)',
);

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
/** The tool OPS_TOOLS gives each operation, as the model sees its name. */
const TOOL_OF: Record<RuledOperation, string> = {
	getAll: 'List_Aliases',
	get: 'Get_Alias',
	create: 'Create_Alias',
	upsert: 'Switch_Alias',
	update: 'Repoint_Alias',
	delete: 'Delete_Alias',
};

/** What the node says of a missing alias, in its own words (written here, not imported). */
const ALIAS_MISSING_TODO = 'Check the alias name and the Database Name';
const ALIAS_MISSING_ADVICE = 'Get Many lists the aliases that exist.';

/** A call of the tool whose description fits the request, as the scripted model chooses it. */
function chosenCall(
	request: ChatRequest,
	operation: RuledOperation,
	args: ScriptedToolCall['args'],
) {
	return { tool: chooseTool(offeredTools(request), TOOL_CHOICE_RULES[operation]).name, args };
}

/** What a failed call gives the model with On Error "Continue (regular output)" on this n8n. */
function continuedError(message: unknown, details: object) {
	return BEHAVIOUR.continueKeepsDetails
		? { error: message, details: expect.objectContaining(details) }
		: { error: message };
}

/** The tools n8n offered the model: names, descriptions and parameter schemas. */
function pinnedToolSchema(request: ChatRequest) {
	return offeredTools(request).sort((a, b) => a.name.localeCompare(b.name));
}

function readSnapshot(): Record<string, unknown> {
	return fs.existsSync(SNAPSHOT_FILE) ? JSON.parse(fs.readFileSync(SNAPSHOT_FILE, 'utf8')) : {};
}

let session: AgentSession;

beforeAll(async () => {
	session = await startAgentSession();
});

afterAll(async () => {
	await session?.close();
});

describe(`Milvus Alias as an AI Agent tool in n8n ${VERSION}`, () => {
	test(
		'custom node tools: chosen by description, parallel calls, a switch, errors, left-out arguments',
		async () => {
			const { milvus, fake } = session;
			const n8n = await session.startN8n('custom');
			// Milvus requests counted when the model is asked after turn 3 and after turn 4.
			const requestsBefore: number[] = [];
			// On n8n 1.x a failed call with the default On Error ends the run, so there every tool
			// continues on error, as the README advises.
			const tools = BEHAVIOUR.defaultOnErrorReachesModel ? OPS_TOOLS : continuingOnError(OPS_TOOLS);
			const result = await session.runAgent(n8n, 'maAgentOps01', tools, [
				{
					// The model reads the descriptions, not the names, to answer "which aliases exist?"
					// and "where does products point?".
					toolCalls: (request) => [
						chosenCall(request, 'getAll', {}),
						chosenCall(request, 'get', { aliasName: 'products' }),
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
				{
					// A model that leaves out a required argument: first the alias, then the collection.
					toolCalls: () => {
						requestsBefore.push(milvus.requests.length);
						return [
							{ tool: 'Get_Alias', args: {} },
							{ tool: 'Switch_Alias', args: { aliasName: 'catalog' } },
						];
					},
				},
				{
					answer: (request) => {
						requestsBefore.push(milvus.requests.length);
						return `Done after ${toolResults(request).length} tool calls.`;
					},
				},
			]);

			expect(agentAnswer(n8n, result)).toBe('Done after 8 tool calls.');
			// Failed tool calls are the model's to handle: the run itself succeeds.
			expect(result.run.status).toBe('success');
			expect(fake.requests).toHaveLength(5);

			// Every request of an ops assistant leads to its tool from the descriptions alone, and
			// each description fits OpenAI's 64-character tool names: the editor names a new tool
			// node after it.
			for (const [operation, rule] of Object.entries(TOOL_CHOICE_RULES)) {
				const chosen = chooseTool(offeredTools(fake.requests[0]), rule);
				expect([operation, chosen.name]).toEqual([operation, TOOL_OF[operation as RuledOperation]]);
			}
			for (const tool of offeredTools(fake.requests[0])) {
				expect(tool.description.length).toBeLessThanOrEqual(64);
			}

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
			expect(message).toMatch(/^Alias "missing_alias" does not exist in database "default"/);
			expect(message).toContain(ALIAS_MISSING_TODO);
			expect(message.indexOf(ALIAS_MISSING_TODO)).toBeLessThan(message.indexOf('1600'));
			// An invalid name is rejected before any request, naming the field and the rule.
			expect(invalidName.tool).toBe('Switch_Alias');
			expect(invalidName.result[0].error).toMatch(
				/^Alias Name "bad-name" is not a valid Milvus name: .*letter/,
			);
			// On Error "Continue (regular output)": the model also gets our advice.
			expect(withAdvice.tool).toBe('Repoint_Alias');
			expect(withAdvice.result).toEqual([
				continuedError(expect.stringContaining('"missing_alias"'), {
					description: expect.stringContaining(ALIAS_MISSING_ADVICE),
					milvusCode: 1600,
				}),
			]);

			// Turn 4: each left-out argument comes back as the node's message naming the field.
			const [noAlias, noCollection] = receivedResults(fake.requests[4]).slice(6);
			expect(noAlias.tool).toBe('Get_Alias');
			expect(noAlias.result).toEqual([
				{ error: expect.stringMatching(/^Alias Name is an expression that gave nothing\b/) },
			]);
			expect(noCollection.tool).toBe('Switch_Alias');
			expect(noCollection.result).toEqual([
				{ error: expect.stringMatching(/^Collection is an expression that gave nothing\b/) },
			]);

			// What reached Milvus: one change (the switch, after its load check), the reads every
			// tool call needs, and nothing at all for the invalid name or the left-out arguments.
			const calls = requestLog(milvus);
			const changes = calls.filter(([route]) => CHANGING_ROUTES.includes(route));
			expect(changes).toEqual([
				['aliases/alter', { aliasName: 'products', collectionName: 'products_v2' }],
			]);
			const indexOf = (route: string, body: object) =>
				calls.findIndex((call) => call[0] === route && isDeepStrictEqual(call[1], body));
			expect(indexOf('aliases/list', {})).toBeGreaterThanOrEqual(0);
			expect(indexOf('aliases/describe', { aliasName: 'products' })).toBeGreaterThanOrEqual(0);
			const loadCheck = indexOf('collections/get_load_state', { collectionName: 'products_v2' });
			expect(loadCheck).toBeGreaterThanOrEqual(0);
			expect(loadCheck).toBeLessThan(calls.indexOf(changes[0]));
			expect(
				calls.filter(
					([route, body]) =>
						route === 'aliases/describe' && isDeepStrictEqual(body, { aliasName: 'missing_alias' }),
				),
			).toHaveLength(2);
			expect(JSON.stringify(calls)).not.toContain('bad-name');
			// The left-out arguments sent nothing: no Milvus request between turn 4 and the answer.
			expect(requestsBefore).toHaveLength(2);
			expect(requestsBefore[1]).toBe(requestsBefore[0]);
			expect(milvus.getAliases().products).toBe('products_v2');
		},
		TEST_TIMEOUT_MS,
	);

	test(
		'installed package tools with On Error continue: a refused switch leaves the alias, and the run succeeds',
		async () => {
			const { milvus, fake } = session;
			const n8n = await session.startN8n('package');
			expect(n8n.nodeType).toBe('n8n-nodes-milvus-alias.milvusAlias');
			const before = milvus.getAliases().catalog;
			const tools = continuingOnError(
				OPS_TOOLS.filter((tool) => ['Get Alias', 'Switch Alias'].includes(tool.name)),
			);
			const result = await session.runAgent(n8n, 'maAgentPkg01', tools, [
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
			// The message says what happened and that nothing changed; the advice (2.x) says why
			// and how to load the collection.
			expect(refused.result).toEqual([
				continuedError(
					expect.stringMatching(
						/^Collection "products_v3" is not loaded \(load state [^)]+\), so alias "catalog" was left unchanged/,
					),
					{
						description: expect.stringMatching(
							/^"Require Loaded Collection" is on: .*Load "products_v3" in database "default" .*LoadStateLoaded/,
						),
					},
				),
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

	// On 2.x the first test shows the default On Error handing the message to the model.
	const onOneX = BEHAVIOUR?.defaultOnErrorReachesModel ? test.skip : test;
	onOneX(
		'n8n 1.x: a failed call with the default On Error ends the execution, the agent never answers',
		async () => {
			const { milvus, fake } = session;
			const n8n = await session.startN8n('custom');
			const getAlias = OPS_TOOLS.filter((tool) => tool.name === 'Get Alias');
			const result = await session.runAgent(n8n, 'maAgentStop01', getAlias, [
				{ toolCalls: [{ tool: 'Get_Alias', args: { aliasName: 'missing_alias' } }] },
				{ answer: () => 'never asked for' },
			]);

			expect(result.rc).not.toBe(0);
			expect(result.run?.status).toBe('error');
			expect(n8n.nodeError(result.run)?.message ?? outputTail(result)).toMatch(
				/Alias "missing_alias" does not exist/,
			);
			// The model was asked once and never got the tool's result back.
			expect(fake.requests).toHaveLength(1);
			expect(requestLog(milvus)).toEqual([['aliases/describe', { aliasName: 'missing_alias' }]]);
		},
		TEST_TIMEOUT_MS,
	);
});
