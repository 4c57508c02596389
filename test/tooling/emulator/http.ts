// Raw HTTP to the emulator, as a client sees it: status, headers, text and parsed JSON.
import { Agent, request } from 'undici';

export const A = '/v2/vectordb/aliases';
export const C = '/v2/vectordb/collections';
export const JSON_CT = 'application/json; charset=utf-8';

export interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json: Record<string, unknown> | undefined;
}

const agent = new Agent({ keepAliveTimeout: 1000 });

/** Closes the shared keep-alive agent (call from afterAll). */
export async function closeAgent(): Promise<void> {
	await agent.destroy();
}

function parse(text: string): Record<string, unknown> | undefined {
	try {
		return JSON.parse(text) as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

export async function call(
	baseUrl: string,
	path: string,
	options: {
		method?: string;
		body?: unknown;
		headers?: Record<string, string>;
		dispatcher?: Agent;
		headersTimeout?: number;
		signal?: AbortSignal;
	} = {},
): Promise<Reply> {
	const method = options.method ?? 'POST';
	const body =
		options.body === undefined
			? undefined
			: typeof options.body === 'string'
				? options.body
				: JSON.stringify(options.body);
	const res = await request(baseUrl + path, {
		method: method as 'POST',
		body,
		headers: { 'content-type': 'application/json', ...(options.headers ?? {}) },
		dispatcher: options.dispatcher ?? agent,
		headersTimeout: options.headersTimeout,
		signal: options.signal,
	});
	const text = await res.body.text();
	return { status: res.statusCode, headers: res.headers, text, json: parse(text) };
}
