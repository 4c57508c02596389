import type { Redactor } from './redact';

/**
 * What went wrong with one Milvus call, as data: classified once here from the HTTP helper's
 * error or the server's answer, so the retry logic and the error messages branch on the same
 * facts (Milvus's body `code` and the HTTP status, never message text, which changes between
 * Milvus versions).
 */
export type FailureKind =
	| 'milvus' // the server answered with a Milvus error code
	| 'http' // an HTTP error status without a Milvus body
	| 'redirect' // a 3xx: never followed, the token must not travel to another address
	| 'notMilvus' // a success status whose body is not Milvus JSON (wrong endpoint, proxy page)
	| 'malformed' // Milvus JSON that does not have the documented shape
	| 'tooLarge' // an answer larger than any Milvus answer: not read to its end
	| 'network' // no answer: refused, reset, DNS
	| 'timeout' // no answer in time
	| 'tls' // certificate or handshake
	| 'blocked' // refused by n8n's SSRF protection
	| 'cancelled'; // the execution was cancelled

export interface MilvusFailure {
	kind: FailureKind;
	/** Milvus's body `code` (kind 'milvus'). */
	milvusCode?: number;
	/** Server-derived or low-level text: bounded, and redacted before it leaves the transport. */
	detail: string;
	httpStatus?: number;
	/** Node.js / axios error code, e.g. ECONNREFUSED. */
	networkCode?: string;
	/** Where a redirect pointed (kind 'redirect'): bounded and redacted like `detail`. */
	location?: string;
	/** Set when the item's Time Limit per Item ran out (kind 'timeout'): the limit, in ms. */
	timeLimitMs?: number;
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

/** Longest server text kept in a failure: a hostile server cannot make a megabyte error. */
const MAX_DETAIL_LENGTH = 300;
/** Start of a non-Milvus page shown to help recognise it (a login page, a web UI). */
const MAX_SNIPPET_LENGTH = 120;

/** Cuts a text to `max` characters, marking the cut. */
export function bounded(text: string, max = MAX_DETAIL_LENGTH): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Server-derived text as it may be shown: redacted first, then cut, so no cut can split a form
 * of the token into pieces the redactor no longer recognises.
 */
export function shown(text: string, redact: Redactor, max = MAX_DETAIL_LENGTH): string {
	return bounded(redact(text), max);
}

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

/** Milvus answers a success with code 0, 2.4.0-2.4.2 with 200. */
function isMilvusSuccess(code: unknown): boolean {
	return code === 0 || code === 200;
}

function lowLevelCause(
	error: unknown,
	redact: Redactor,
): { code?: string; message: string; name?: string } {
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
		message: shown(String(inner?.message ?? err?.message ?? error), redact),
		name: typeof inner?.name === 'string' ? inner.name : undefined,
	};
}

/** Classifies an error thrown by n8n's HTTP helper, or while reading an answer's body. */
export function classifyThrown(error: unknown, redact: Redactor): MilvusFailure {
	const { code, message, name } = lowLevelCause(error, redact);
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
		// The connection ended in the middle of an answer's body.
		code === 'ERR_STREAM_PREMATURE_CLOSE' ||
		/socket hang up/i.test(message)
	) {
		return { ...base, kind: 'network', transient: true, ambiguous: true };
	}
	// Refused, DNS and the like: nothing reached a server, and retrying will not make one appear.
	return { ...base, kind: 'network', transient: false, ambiguous: false };
}

/**
 * 408 is Milvus's own handler timeout (JSON 10001 from 2.5.4, plain text `timeout` before):
 * the work may still complete. 502-504 come from a proxy that may have forwarded the request.
 */
const TRANSIENT_STATUSES = new Set([408, 429, 502, 503, 504]);
/** Statuses that say the request was turned away before doing anything. */
const REJECTED_BEFORE_WORK = new Set([429]);

function asObject(body: unknown): Record<string, unknown> | undefined {
	return typeof body === 'object' && body !== null && !Array.isArray(body)
		? (body as Record<string, unknown>)
		: undefined;
}

function snippetOf(body: unknown, redact: Redactor): string {
	const text =
		typeof body === 'string' ? body.trim() : body === undefined ? '' : JSON.stringify(body);
	return shown(text, redact, MAX_SNIPPET_LENGTH);
}

/** An HTTP answer as read: status, parsed body (or its text), and the Location header. */
export interface ReadAnswer {
	statusCode: number;
	body: unknown;
	location?: string;
}

/**
 * Classifies an HTTP answer; undefined when it is a Milvus success (HTTP 200 and code 0 or
 * 200). Every server-derived text in the failure is redacted with `redact`, then bounded.
 */
export function classifyAnswer(
	{ statusCode, body, location }: ReadAnswer,
	redact: Redactor,
): MilvusFailure | undefined {
	if (statusCode >= 300 && statusCode < 400) {
		return {
			kind: 'redirect',
			detail: snippetOf(body, redact),
			httpStatus: statusCode,
			location: shown(location ?? '', redact, MAX_SNIPPET_LENGTH),
			transient: false,
			ambiguous: false,
		};
	}
	const json = asObject(body);
	const code = json?.code;
	if (typeof code === 'number' && isMilvusSuccess(code) && statusCode === 200) return undefined;
	// A success code in an error status (e.g. {"code":0} with HTTP 500) is no Milvus error: the
	// status decides, below.
	if (typeof code === 'number' && !isMilvusSuccess(code)) {
		const transient =
			code === MILVUS_CODE.rateLimited ||
			code === MILVUS_CODE.timeout ||
			TRANSIENT_STATUSES.has(statusCode);
		return {
			kind: 'milvus',
			milvusCode: code,
			detail: typeof json?.message === 'string' ? shown(json.message, redact) : `code ${code}`,
			httpStatus: statusCode,
			transient,
			// A limiter rejects before executing; a timeout or a gateway may hide a completed change.
			ambiguous: transient && code !== MILVUS_CODE.rateLimited && statusCode !== 429,
		};
	}
	if (statusCode >= 200 && statusCode < 300) {
		return {
			kind: 'notMilvus',
			detail: snippetOf(body, redact),
			httpStatus: statusCode,
			transient: false,
			ambiguous: false,
		};
	}
	const transient = TRANSIENT_STATUSES.has(statusCode);
	return {
		kind: 'http',
		detail: snippetOf(body, redact),
		httpStatus: statusCode,
		transient,
		ambiguous: transient && !REJECTED_BEFORE_WORK.has(statusCode),
	};
}

/** Push-back from the server: it is overloaded or limiting us, so fewer requests would help. */
export function isCongestion(failure: MilvusFailure): boolean {
	if (failure.kind === 'timeout') return true;
	if (failure.kind === 'milvus') return failure.milvusCode === MILVUS_CODE.rateLimited;
	return failure.httpStatus === 429 || failure.httpStatus === 503;
}
