/**
 * What went wrong with one Milvus call, as data: classified once here from the HTTP helper's
 * error or the server's answer, so the retry logic and the error messages branch on the same
 * facts (Milvus's body `code`, never its message text, which changes between versions).
 */
export type FailureKind =
	| 'milvus' // the server answered with a Milvus error code
	| 'http' // an HTTP error status without a Milvus body
	| 'notMilvus' // an answer that is not Milvus JSON (wrong endpoint, proxy page)
	| 'network' // no answer: refused, reset, DNS
	| 'timeout' // no answer in time
	| 'tls' // certificate or handshake
	| 'blocked' // refused by n8n's SSRF protection
	| 'cancelled'; // the execution was cancelled

export interface MilvusFailure {
	kind: FailureKind;
	/** Milvus's body `code` (kind 'milvus'). */
	milvusCode?: number;
	/** Milvus's own message, or the low-level error text. Never contains the token. */
	detail: string;
	httpStatus?: number;
	/** Node.js / axios error code, e.g. ECONNREFUSED. */
	networkCode?: string;
	/** A retry may succeed. */
	transient: boolean;
	/** The request may have reached the server and taken effect. */
	ambiguous: boolean;
}

export const MILVUS_CODE = {
	collectionNotFound: 100,
	databaseNotFound: 800,
	invalidParameter: 1100,
	aliasNotFound: 1600,
	aliasCollectionNameConflict: 1601,
	aliasAlreadyExists: 1602,
	notAuthenticated: 1800,
	notJson: 1801,
	missingParameter: 1802,
	rateLimited: 1807,
	timeout: 10001,
	unexpected: 65535,
} as const;

const TLS_CERT_CODES = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** A certificate the client does not trust (as opposed to a failed TLS handshake). */
export function isCertificateProblem(networkCode: string | undefined): boolean {
	return networkCode !== undefined && TLS_CERT_CODES.has(networkCode);
}

/** Milvus answers a success with code 0, early 2.4 builds with 200. */
function isMilvusSuccess(code: unknown): boolean {
	return code === 0 || code === 200;
}

function lowLevelCause(error: unknown): { code?: string; message: string; name?: string } {
	// httpRequestWithAuthentication wraps the axios error in a NodeApiError; the original is its cause.
	const err = error as { cause?: unknown; code?: unknown; message?: unknown; name?: unknown };
	const inner = (err?.cause ?? err) as {
		code?: unknown;
		message?: unknown;
		name?: unknown;
		cause?: unknown;
	};
	const deeper = inner?.cause as { code?: unknown } | undefined;
	const code =
		typeof inner?.code === 'string'
			? inner.code
			: typeof deeper?.code === 'string'
				? deeper.code
				: typeof err?.code === 'string'
					? err.code
					: undefined;
	return {
		code,
		message: String(inner?.message ?? err?.message ?? error),
		name: typeof inner?.name === 'string' ? inner.name : undefined,
	};
}

/** Classifies an error thrown by n8n's HTTP helper (no HTTP answer was read). */
export function classifyThrown(error: unknown): MilvusFailure {
	const { code, message, name } = lowLevelCause(error);
	const base = { detail: message, networkCode: code };
	if (
		name === 'SsrfBlockedIpError' ||
		name === 'SsrfBlockedHostnameError' ||
		/request was blocked/i.test(message)
	) {
		return { ...base, kind: 'blocked', transient: false, ambiguous: false };
	}
	if (code === 'ERR_CANCELED' || name === 'CanceledError' || name === 'AbortError') {
		return { ...base, kind: 'cancelled', transient: false, ambiguous: true };
	}
	if (
		code === 'ECONNABORTED' ||
		code === 'ETIMEDOUT' ||
		/timeout of \d+ms exceeded/.test(message)
	) {
		return { ...base, kind: 'timeout', transient: true, ambiguous: true };
	}
	if (code && (TLS_CERT_CODES.has(code) || code.startsWith('ERR_SSL') || code === 'EPROTO')) {
		return { ...base, kind: 'tls', transient: false, ambiguous: false };
	}
	// Node's text when the server closes the connection during the TLS handshake (code ECONNRESET),
	// e.g. a plain-HTTP server reached with https://: no request was sent, a retry changes nothing.
	if (/before secure TLS connection was established/i.test(message)) {
		return { ...base, kind: 'tls', transient: false, ambiguous: false };
	}
	if (
		code === 'ECONNRESET' ||
		code === 'EPIPE' ||
		code === 'ERR_BAD_RESPONSE' ||
		/socket hang up/i.test(message)
	) {
		return { ...base, kind: 'network', transient: true, ambiguous: true };
	}
	// Refused, DNS and the like: nothing reached a server, and retrying will not make one appear.
	return { ...base, kind: 'network', transient: false, ambiguous: false };
}

const TRANSIENT_STATUSES = new Set([408, 429, 502, 503, 504]);
/** Statuses that say the request was turned away before doing anything. */
const REJECTED_BEFORE_WORK = new Set([429]);

/** Classifies an HTTP answer that is not a Milvus success; undefined when it is one. */
export function classifyAnswer(statusCode: number, body: unknown): MilvusFailure | undefined {
	const json =
		typeof body === 'object' && body !== null && !Array.isArray(body)
			? (body as Record<string, unknown>)
			: undefined;
	if (json && typeof json.code === 'number') {
		if (statusCode === 200 && isMilvusSuccess(json.code)) return undefined;
		const code = json.code;
		const transient =
			code === MILVUS_CODE.rateLimited ||
			code === MILVUS_CODE.timeout ||
			TRANSIENT_STATUSES.has(statusCode);
		return {
			kind: 'milvus',
			milvusCode: code,
			detail: typeof json.message === 'string' ? json.message : `code ${code}`,
			httpStatus: statusCode,
			transient,
			// A limiter rejects before executing; a timeout or a gateway may hide a completed change.
			ambiguous: transient && code !== MILVUS_CODE.rateLimited,
		};
	}
	const text = typeof body === 'string' ? body.trim() : json ? JSON.stringify(json) : '';
	const snippet = text.length > 120 ? `${text.slice(0, 120)}…` : text;
	if (statusCode >= 200 && statusCode < 300) {
		return {
			kind: 'notMilvus',
			detail: snippet,
			httpStatus: statusCode,
			transient: false,
			ambiguous: false,
		};
	}
	const transient = TRANSIENT_STATUSES.has(statusCode);
	return {
		kind: 'http',
		detail: snippet,
		httpStatus: statusCode,
		transient,
		ambiguous: transient && !REJECTED_BEFORE_WORK.has(statusCode),
	};
}
