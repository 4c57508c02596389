/**
 * What the AI Agent suites share: the n8n under test and how its AI Agent behaves, one Milvus
 * emulator and one scripted fake model per suite, n8n instances holding both credentials, and
 * one agent run = import the workflow, play the script, `n8n execute` once.
 */
import type { MilvusEmulator } from '../../../tooling/emulator';
import { startEmulator } from '../../../tooling/emulator';
import type { ExecuteResult, N8nInstance } from '../../../tooling/n8n';
import { createN8n, selectedN8nVersion } from '../../../tooling/n8n';
import { outputTail } from '../helpers';
import type { ChatRequest, FakeOpenAi, ScriptedTurn } from './fake-openai';
import { startFakeOpenAi, toolResults } from './fake-openai';
import type { AgentTool } from './workflow';
import { AGENT_NODE, agentWorkflow } from './workflow';

export const VERSION = selectedN8nVersion();

export interface AgentBehaviour {
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
export const BEHAVIOUR = AGENT_BEHAVIOUR[VERSION];

export const TOKEN = 'root:Milvus';
export const MILVUS_CREDENTIAL = { id: 'maAgentCredMilvus', name: 'Milvus (agent e2e)' };
export const OPENAI_CREDENTIAL = { id: 'maAgentCredOpenAi', name: 'Fake OpenAI (agent e2e)' };
/** Every n8n call here is a heavy process; the machine may be shared with other suites. */
export const TEST_TIMEOUT_MS = 15 * 60000;

/** The same tools with On Error "Continue (regular output)", as the README advises. */
export function continuingOnError(tools: AgentTool[]): AgentTool[] {
	return tools.map((tool) => ({ ...tool, onError: 'continueRegularOutput' }));
}

/** The parsed results the model received in one request, per tool call, in call order. */
export function receivedResults(request: ChatRequest) {
	return toolResults(request).map(({ tool, content }) => ({ tool, result: JSON.parse(content) }));
}

/** The Milvus routes that change aliases; everything else the node sends only reads. */
export const CHANGING_ROUTES = ['aliases/create', 'aliases/alter', 'aliases/drop'];

export interface AgentSession {
	milvus: MilvusEmulator;
	fake: FakeOpenAi;
	/** A fresh n8n with the node (custom extension or installed package) and both credentials. */
	startN8n(mode: 'custom' | 'package'): Promise<N8nInstance>;
	/** Imports the agent workflow with these tools, plays the script and runs it once. */
	runAgent(
		n8n: N8nInstance,
		id: string,
		tools: AgentTool[],
		script: ScriptedTurn[],
	): Promise<ExecuteResult>;
	close(): Promise<void>;
}

/** Milvus with `products` and `catalog` on a loaded collection, and an unloaded products_v3. */
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

export async function startAgentSession(): Promise<AgentSession> {
	const milvus = await seedMilvus();
	const fake = await startFakeOpenAi();
	const instances: N8nInstance[] = [];
	return {
		milvus,
		fake,
		async startN8n(mode) {
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
		},
		async runAgent(n8n, id, tools, script) {
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
		},
		async close() {
			await Promise.all(instances.map((n8n) => n8n.dispose()));
			await fake.close();
			await milvus.close();
		},
	};
}

/** The agent's final answer; fails with n8n's output when the agent did not answer. */
export function agentAnswer(
	n8n: N8nInstance,
	result: ExecuteResult,
	agentNode = AGENT_NODE,
): string {
	const items = result.run ? n8n.items(result.run, agentNode) : [];
	const output = items[0]?.json?.output;
	if (typeof output !== 'string') {
		throw new Error(`the AI Agent gave no answer (rc ${result.rc})\n${outputTail(result)}`);
	}
	return output;
}
