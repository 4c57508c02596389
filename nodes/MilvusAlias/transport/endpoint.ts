import type { EndpointProblem } from './failureCatalog';

/** The credential's endpoint, normalised; see `parseEndpoint`. */
export interface MilvusEndpoint {
	/** Base URL that `/v2/vectordb/...` is appended to. */
	baseUrl: string;
	/** The same URL, for messages (it never holds user info: that is rejected). */
	display: string;
	/** host:port, for messages about connections. */
	hostPort: string;
}

/**
 * Matches an explicit scheme. Without one the Endpoint is read as http:// (as "host:port" is
 * usually meant); the credential's Test request applies the same rule, so both agree.
 */
export const SCHEME_PATTERN = /^[a-z][a-z0-9+.-]*:\/\//i;

/** A `user:password@` (or `user@`) before the host, with or without a scheme. */
export const USER_INFO_PATTERN = /^([a-z][a-z0-9+.-]*:\/\/)?[^/@]*@/i;

/**
 * Reads the credential's Endpoint: trimmed, `http://` added when no scheme is given, no
 * trailing slash, any path prefix kept (a Milvus behind a reverse proxy at
 * https://gw.example.com/milvus). User info (`user:password@`) is refused: the HTTP client would
 * turn it into Basic auth and drop the Bearer token.
 */
export function parseEndpoint(raw: unknown): MilvusEndpoint | { problem: EndpointProblem } {
	const given = typeof raw === 'string' ? raw.trim() : '';
	if (given === '') return { problem: { id: 'endpoint-empty', value: given } };
	const text = SCHEME_PATTERN.test(given) ? given : `http://${given}`;
	if (!/^https?:\/\//i.test(text)) return { problem: { id: 'endpoint-scheme', value: given } };
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return { problem: { id: 'endpoint-invalid', value: given } };
	}
	if (url.username !== '' || url.password !== '' || USER_INFO_PATTERN.test(given)) {
		return { problem: { id: 'endpoint-user-info', value: given } };
	}
	const path = url.pathname.replace(/\/+$/, '');
	const defaultPort = url.protocol === 'https:' ? '443' : '80';
	const baseUrl = `${url.protocol}//${url.host}${path}`;
	return { baseUrl, display: baseUrl, hostPort: `${url.hostname}:${url.port || defaultPort}` };
}
