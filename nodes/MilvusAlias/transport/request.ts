import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { checkAnswerShape } from './answerShape';
import type { ReadAnswer } from './failures';
import { classifyAnswer, classifyThrown } from './failures';
import type { Redactor } from './redact';
import type { AttemptResult } from './retry';

/**
 * Milvus's own time limit per REST request when none is asked for. Up to 2.5.9 a
 * `Request-Timeout` header is remembered per route and then applies to other clients too, so
 * the node never asks for less than this: it only asks for more.
 */
export const SERVER_DEFAULT_TIMEOUT_S = 30;

/**
 * An empty JSON object, sent as text: n8n's helper drops an empty object body, Milvus answers a
 * bodiless POST with 1801, and `{"dbName": ""}` would depend on Milvus reading "" as the default
 * database (milvus#49889 proposes rejecting it).
 */
const EMPTY_JSON_BODY = '{}';

export interface AttemptSettings {
	url: string;
	/** This attempt's time limit. */
	attemptMs: number;
	ignoreSslIssues: boolean;
	signal?: AbortSignal;
}

/** The request for one attempt of a Milvus call. */
export function milvusRequest(body: IDataObject, settings: AttemptSettings): IHttpRequestOptions {
	const serverTimeoutS = Math.ceil(settings.attemptMs / 1000);
	const empty = Object.keys(body).length === 0;
	return {
		method: 'POST',
		url: settings.url,
		body: empty ? EMPTY_JSON_BODY : body,
		json: true,
		headers: {
			...(empty ? { 'Content-Type': 'application/json' } : {}),
			...(serverTimeoutS > SERVER_DEFAULT_TIMEOUT_S
				? { 'Request-Timeout': String(serverTimeoutS) }
				: {}),
		},
		timeout: Math.max(1, settings.attemptMs),
		skipSslCertificateValidation: settings.ignoreSslIssues,
		returnFullResponse: true,
		// The body is read by readResponse, which stops at MAX_ANSWER_BYTES: the helper itself
		// would read any answer whole, whatever its size.
		encoding: 'stream',
		ignoreHttpStatusErrors: true,
		// Milvus never redirects; a redirect would carry the token to another address (the
		// helper forwards credentials across origins unless told otherwise).
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		abortSignal: settings.signal,
	};
}

/** Milvus's success, or what went wrong: by status and code, then by the documented shape. */
export function readAnswer(path: string, answer: ReadAnswer, redact: Redactor): AttemptResult {
	const failure =
		classifyAnswer(answer, redact) ??
		checkAnswerShape(path, (answer.body as IDataObject).data, redact);
	if (failure) return { ok: false, failure };
	return { ok: true, data: (answer.body as IDataObject).data };
}

/** What went wrong when the helper threw or the body could not be read to its end. */
export function readThrown(error: unknown, redact: Redactor): AttemptResult {
	return { ok: false, failure: classifyThrown(error, redact) };
}
