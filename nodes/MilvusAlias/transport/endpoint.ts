/** Which Endpoint rule a value broke (messages/failureCatalog words each). */
export type EndpointProblemId =
	| 'endpoint-empty'
	| 'endpoint-scheme'
	| 'endpoint-scheme-slashes'
	| 'endpoint-query'
	| 'endpoint-invalid'
	| 'endpoint-user-info';

/** An unusable Endpoint: which rule it broke and the value as given. */
export interface EndpointProblem {
	id: EndpointProblemId;
	value: string;
}

/** A credential setting that stops every call before anything is sent. */
export type CredentialProblem = EndpointProblem | TokenProblem;

import type { TokenProblem } from './token';

/** The credential's endpoint, normalised; see `parseEndpoint`. */
export interface MilvusEndpoint {
	/** Base URL that `/v2/vectordb/...` is appended to. */
	baseUrl: string;
	/** The same URL, for messages (it never holds user info: that is rejected). */
	display: string;
	/** host:port, for messages about connections. */
	hostPort: string;
}

/** An explicit scheme, written in full (`http://`, `grpc://`). */
const SCHEME_PATTERN = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * `http:` or `https:` without its two slashes (`http:/localhost:19530`, `http:localhost`). URL
 * parsers read these in different ways (one slash: a host named "http"), so they are refused.
 */
const BROKEN_HTTP_SCHEME = /^https?:(?!\/\/[^/\\])/i;

/** A `user:password@` (or `user@`) before the host, with or without a scheme. */
const USER_INFO_PATTERN = /^([a-z][a-z0-9+.-]*:\/\/)?[^/@]*@/i;

/**
 * Reads the credential's Endpoint, for the node and for the credential's Test alike (the Test's
 * request takes its URL from here, in the credential's `authenticate`): trimmed, `http://` added
 * when no scheme is given, no trailing slash, any path prefix kept (a Milvus behind a reverse
 * proxy at https://gw.example.com/milvus). Refused, with the rule broken: user info
 * (`user:password@`: the HTTP client would turn it into Basic auth and drop the Bearer token),
 * a query string or fragment (requests append a path to the Endpoint, and no Milvus route reads
 * them), and anything URL parsers read in different ways (`http:/host`, backslashes, spaces).
 */
export function parseEndpoint(raw: unknown): MilvusEndpoint | { problem: EndpointProblem } {
	const given = typeof raw === 'string' ? raw.trim() : '';
	const problem = (id: EndpointProblem['id']) => ({ problem: { id, value: given } });
	if (given === '') return problem('endpoint-empty');
	if (USER_INFO_PATTERN.test(given)) return problem('endpoint-user-info');
	if (BROKEN_HTTP_SCHEME.test(given)) return problem('endpoint-scheme-slashes');
	const text = SCHEME_PATTERN.test(given) ? given : `http://${given}`;
	if (!/^https?:\/\//i.test(text)) return problem('endpoint-scheme');
	if (/[?#]/.test(text)) return problem('endpoint-query');
	if (/[\s\\]/.test(text)) return problem('endpoint-invalid');
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return problem('endpoint-invalid');
	}
	if (url.username !== '' || url.password !== '') return problem('endpoint-user-info');
	const path = url.pathname.replace(/\/+$/, '');
	const defaultPort = url.protocol === 'https:' ? '443' : '80';
	const baseUrl = `${url.protocol}//${url.host}${path}`;
	return { baseUrl, display: baseUrl, hostPort: `${url.hostname}:${url.port || defaultPort}` };
}
