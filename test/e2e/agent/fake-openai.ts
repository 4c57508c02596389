/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling, never part of the package: it serves HTTP on loopback */
/**
 * A scripted stand-in for OpenAI's chat-completions API, on loopback, for n8n's AI Agent with
 * the OpenAI Chat Model sub-node (`responsesApiEnabled: false`, credential Base URL = `url`).
 *
 * The test writes the model's turns in advance (`play(script)`, once per agent run): each
 * `POST /v1/chat/completions` consumes the next turn, which either calls tools (several calls in
 * one turn are parallel calls) or gives the final answer. The server records every request of
 * the current script, so a test can read the tool schema n8n offered and every tool result the
 * model received back. One server serves a whole suite, as the credential holds its URL.
 *
 * A turn's tool calls can also be computed from the request (what n8n offered and what came
 * back so far), e.g. by choosing tools from their descriptions the way a model would.
 *
 * It fails loudly: a turn that names a tool n8n did not offer, a tool name OpenAI would refuse,
 * a turn whose calls cannot be computed, or a request after the script ran out, is answered with
 * HTTP 400 (no retries by the OpenAI client) and listed in `failures`.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedToolCall {
	/** The tool's name as n8n offers it (the node name with non-word characters as `_`). */
	tool: string;
	args: Record<string, unknown>;
}

/** One model turn: call tools (in parallel when several) or answer and end the agent's loop. */
export type ScriptedTurn =
	| { toolCalls: ScriptedToolCall[] | ((request: ChatRequest) => ScriptedToolCall[]) }
	| { answer: (request: ChatRequest) => string };

/** OpenAI's rule for function names: a longer or other name is refused with HTTP 400. */
const OPENAI_TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export interface OfferedTool {
	name: string;
	description: string;
	parameters: unknown;
}

export interface ChatMessage {
	role: string;
	content?: unknown;
	tool_call_id?: string;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
}

export interface ChatRequest {
	model?: string;
	stream?: boolean;
	messages: ChatMessage[];
	tools?: Array<{ type: string; function: OfferedTool }>;
}

export interface FakeOpenAi {
	/** Base URL for the OpenAI credential, e.g. `http://127.0.0.1:43210/v1`. */
	url: string;
	/** Every chat-completions request body, in arrival order. */
	requests: ChatRequest[];
	/** What went against the script; a passing test expects none. */
	failures: string[];
	/** Starts a new script: the next request gets its first turn; requests and failures restart. */
	play(script: ScriptedTurn[]): void;
	close(): Promise<void>;
}

/** The tools a request offered, by name. */
export function offeredTools(request: ChatRequest): OfferedTool[] {
	return (request.tools ?? []).map((tool) => tool.function);
}

/** The tool results a request carries back to the model: tool name → result text, in order. */
export function toolResults(request: ChatRequest): Array<{ tool: string; content: string }> {
	const names = new Map<string, string>();
	for (const message of request.messages) {
		for (const call of message.tool_calls ?? []) names.set(call.id, call.function.name);
	}
	return request.messages
		.filter((message) => message.role === 'tool')
		.map((message) => ({
			tool: names.get(message.tool_call_id ?? '') ?? `(unknown call ${message.tool_call_id})`,
			content:
				typeof message.content === 'string' ? message.content : JSON.stringify(message.content),
		}));
}

const FIXED_CREATED = 1_700_000_000;

function completion(turnIndex: number, message: Record<string, unknown>, finishReason: string) {
	return {
		id: `chatcmpl-fake-${turnIndex}`,
		object: 'chat.completion',
		created: FIXED_CREATED,
		model: 'fake-model',
		choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
		usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
	};
}

/** The same answer as server-sent events, for a client that asked for `stream: true`. */
function asStream(turnIndex: number, message: Record<string, unknown>, finishReason: string) {
	const chunk = (delta: Record<string, unknown>, finish: string | null) =>
		`data: ${JSON.stringify({
			id: `chatcmpl-fake-${turnIndex}`,
			object: 'chat.completion.chunk',
			created: FIXED_CREATED,
			model: 'fake-model',
			choices: [{ index: 0, delta, finish_reason: finish }],
		})}\n\n`;
	const toolCalls = (message.tool_calls as Array<Record<string, unknown>> | undefined) ?? [];
	return [
		chunk({ role: 'assistant', content: message.content ?? '' }, null),
		...toolCalls.map((call, index) => chunk({ tool_calls: [{ index, ...call }] }, null)),
		chunk({}, finishReason),
		'data: [DONE]\n\n',
	].join('');
}

function answerTurn(
	turn: ScriptedTurn,
	calls: ScriptedToolCall[],
	turnIndex: number,
	request: ChatRequest,
) {
	if ('answer' in turn) {
		return { message: { role: 'assistant', content: turn.answer(request) }, finish: 'stop' };
	}
	const toolCalls = calls.map((call, index) => ({
		id: `call_${turnIndex}_${index}`,
		type: 'function',
		function: { name: call.tool, arguments: JSON.stringify(call.args) },
	}));
	return {
		message: { role: 'assistant', content: null, tool_calls: toolCalls },
		finish: 'tool_calls',
	};
}

/** The turn's tool calls for this request (none for an answer). */
function callsOf(turn: ScriptedTurn, request: ChatRequest): ScriptedToolCall[] {
	if (!('toolCalls' in turn)) return [];
	return typeof turn.toolCalls === 'function' ? turn.toolCalls(request) : turn.toolCalls;
}

/** Tools the calls name that the request did not offer (empty when all were offered). */
function missingTools(calls: ScriptedToolCall[], request: ChatRequest): string[] {
	const offered = new Set(offeredTools(request).map((tool) => tool.name));
	return calls.map((call) => call.tool).filter((name) => !offered.has(name));
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
	const requests: ChatRequest[] = [];
	const failures: string[] = [];
	let script: ScriptedTurn[] = [];

	const refuse = (response: http.ServerResponse, message: string) => {
		failures.push(message);
		response.writeHead(400, { 'content-type': 'application/json' });
		response.end(JSON.stringify({ error: { message, type: 'invalid_request_error' } }));
	};

	const server = http.createServer((incoming, response) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const path = (incoming.url ?? '').split('?')[0];
			if (incoming.method === 'GET' && path.endsWith('/models')) {
				response.writeHead(200, { 'content-type': 'application/json' });
				response.end(
					JSON.stringify({ object: 'list', data: [{ id: 'fake-model', object: 'model' }] }),
				);
				return;
			}
			if (incoming.method !== 'POST' || !path.endsWith('/chat/completions')) {
				refuse(response, `fake model: unexpected ${incoming.method} ${incoming.url}`);
				return;
			}
			let request: ChatRequest;
			try {
				request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
			} catch {
				refuse(response, 'fake model: the request body is not JSON');
				return;
			}
			const turnIndex = requests.length;
			requests.push(request);
			const turn = script[turnIndex];
			if (!turn) {
				refuse(
					response,
					`fake model: request ${turnIndex + 1} arrived, the script has ${script.length} turns`,
				);
				return;
			}
			const badNames = offeredTools(request)
				.map((tool) => tool.name)
				.filter((name) => !OPENAI_TOOL_NAME.test(name));
			if (badNames.length > 0) {
				refuse(response, `fake model: tool names OpenAI refuses: ${badNames.join(', ')}`);
				return;
			}
			let calls: ScriptedToolCall[];
			try {
				calls = callsOf(turn, request);
			} catch (error) {
				refuse(response, `fake model: turn ${turnIndex + 1}: ${(error as Error).message}`);
				return;
			}
			const missing = missingTools(calls, request);
			if (missing.length > 0) {
				const offered = offeredTools(request).map((tool) => tool.name);
				refuse(
					response,
					`fake model: turn ${turnIndex + 1} calls ${missing.join(', ')}, not offered (offered: ${offered.join(', ') || 'none'})`,
				);
				return;
			}
			const { message, finish } = answerTurn(turn, calls, turnIndex, request);
			if (request.stream) {
				response.writeHead(200, { 'content-type': 'text/event-stream' });
				response.end(asStream(turnIndex, message, finish));
				return;
			}
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(JSON.stringify(completion(turnIndex, message, finish)));
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		failures,
		play(turns) {
			script = turns;
			requests.length = 0;
			failures.length = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
