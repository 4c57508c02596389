/**
 * The agent workflow the suite runs in a real n8n: Manual Trigger → AI Agent, with the OpenAI
 * Chat Model sub-node (chat-completions API, pointed at the fake model by its credential's Base
 * URL) and one Milvus Alias tool sub-node per entry of `tools`.
 */

/** What the model fills in: `$fromAI(key, description, type)`, the way README advises. */
export function fromAi(key: string, description: string, type = 'string'): string {
	return `={{ $fromAI('${key}', '${description.replace(/'/g, "\\'")}', '${type}') }}`;
}

/** A Collection resource-locator value filled by the model. */
export function collectionFromAi(description: string) {
	return { __rl: true, mode: 'name', value: fromAi('collectionName', description) };
}

export interface AgentTool {
	/** Node name; the model sees it as the tool name with non-word characters as `_`. */
	name: string;
	parameters: Record<string, unknown>;
	/** The tool node's On Error setting; absent: n8n's default (stop). */
	onError?: 'continueRegularOutput';
}

export interface AgentWorkflowSpec {
	id: string;
	prompt: string;
	/** Type of the Milvus Alias tool: `CUSTOM.milvusAliasTool` or `<package>.milvusAliasTool`. */
	milvusToolType: string;
	milvusCredential: { id: string; name: string };
	openAiCredential: { id: string; name: string };
	tools: AgentTool[];
	/** AI Agent typeVersion offered by the n8n under test. */
	agentVersion: number;
	/** OpenAI Chat Model typeVersion offered by the n8n under test. */
	chatModelVersion: number;
}

export const AGENT_NODE = 'AI Agent';
const MODEL_NODE = 'OpenAI Chat Model';

export function agentWorkflow(spec: AgentWorkflowSpec) {
	// From 1.3 on, the model node defaults to OpenAI's Responses API; the fake speaks chat completions.
	const chatApi = spec.chatModelVersion >= 1.3 ? { responsesApiEnabled: false } : {};
	const toolNodes = spec.tools.map((tool, index) => ({
		id: `a6e1c0de-0000-4000-8000-${String(index + 10).padStart(12, '0')}`,
		name: tool.name,
		type: spec.milvusToolType,
		typeVersion: 1,
		position: [200 + 160 * index, 260],
		parameters: { resource: 'alias', ...tool.parameters },
		credentials: { milvusRestApi: spec.milvusCredential },
		...(tool.onError ? { onError: tool.onError } : {}),
	}));
	return {
		id: spec.id,
		name: `Milvus Alias agent ${spec.id}`,
		active: false,
		// What the editor saves for new workflows; with the legacy order (v0) the agent resumes
		// before its tools ran and the model gets empty tool results.
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'a6e1c0de-0000-4000-8000-000000000001',
				name: 'Manual',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'a6e1c0de-0000-4000-8000-000000000002',
				name: AGENT_NODE,
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: spec.agentVersion,
				position: [220, 0],
				parameters: { promptType: 'define', text: spec.prompt, options: {} },
			},
			{
				id: 'a6e1c0de-0000-4000-8000-000000000003',
				name: MODEL_NODE,
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: spec.chatModelVersion,
				position: [0, 260],
				parameters: {
					model: { __rl: true, mode: 'id', value: 'fake-model' },
					...chatApi,
					options: { maxRetries: 0 },
				},
				credentials: { openAiApi: spec.openAiCredential },
			},
			...toolNodes,
		],
		connections: {
			Manual: { main: [[{ node: AGENT_NODE, type: 'main', index: 0 }]] },
			[MODEL_NODE]: {
				ai_languageModel: [[{ node: AGENT_NODE, type: 'ai_languageModel', index: 0 }]],
			},
			...Object.fromEntries(
				spec.tools.map((tool) => [
					tool.name,
					{ ai_tool: [[{ node: AGENT_NODE, type: 'ai_tool', index: 0 }]] },
				]),
			),
		},
	};
}
