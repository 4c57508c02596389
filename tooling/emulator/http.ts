// HTTP-level constants and the answer shape shared by routing, faults and the server.

export const API_ROOT = '/v2/vectordb/';
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

// Milvus's gin CORS middleware sets these on every response that goes through the middleware chain
// (internal/distributed/proxy/service.go).
export const CORS_HEADERS: Readonly<Record<string, string>> = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Allow-Credentials': 'true',
	'Access-Control-Allow-Headers':
		'Content-Type, Content-Length, Accept-Encoding, X-CSRF-Token, Authorization, accept, origin, Cache-Control, X-Requested-With',
	'Access-Control-Allow-Methods': 'POST, OPTIONS, GET, PUT, DELETE',
};

/** What the server writes: status, headers and a body. */
export interface Answer {
	status: number;
	headers: Record<string, string | number>;
	body: string;
}

/** Go's encoding/json output: HTML-safe escapes for <, >, & and U+2028/U+2029. */
export function goJson(value: unknown): string {
	return JSON.stringify(value).replace(
		/[<>&\u2028\u2029]/g,
		(c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
	);
}

export function jsonAnswer(
	status: number,
	payload: unknown,
	headers: Record<string, string> = {},
): Answer {
	return {
		status,
		headers: { ...headers, 'Content-Type': JSON_CONTENT_TYPE },
		body: goJson(payload),
	};
}
