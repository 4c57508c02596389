import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { RequestLimiter } from '../helpers/concurrency';
import { boundAttempt, clampTimerMs } from '../helpers/deadline';
import type { Deadline } from '../helpers/deadline';
import type { MilvusEndpoint } from './endpoint';
import { isCongestion } from './failures';
import type { Redactor } from './redact';
import { redactorFor } from './redact';
import type { ResponseRead, StreamedResponse } from './answerBody';
import { readResponse } from './answerBody';
import { milvusRequest, readAnswer, readThrown } from './request';
import type { AttemptResult, CallOutcome, RetryPolicy } from './retry';
import { attemptTimeoutFailure, callWithRetries } from './retry';

export type { CallOutcome, RetryPolicy } from './retry';

export const CREDENTIAL_TYPE = 'milvusRestApi';

export type MilvusPath =
	| 'aliases/create'
	| 'aliases/alter'
	| 'aliases/drop'
	| 'aliases/describe'
	| 'aliases/list'
	| 'collections/list'
	| 'collections/get_load_state';

export interface ClientSettings {
	endpoint: MilvusEndpoint;
	/** Decrypted once per execution and handed to n8n's helper, which still applies `authenticate`. */
	credentials: ICredentialsDecrypted;
	ignoreSslIssues: boolean;
	timeoutMs: number;
	retry: RetryPolicy;
	/** Shared by every request of the execution, so the concurrency bound covers them all. */
	limiter?: RequestLimiter;
}

export interface CallOptions {
	/**
	 * For calls that change state: after an ambiguous failure (the request may have taken
	 * effect), asks the server whether it did before trying again, so a retry never applies
	 * a change twice and the outcome reported is the server's truth.
	 */
	confirmApplied?: () => Promise<boolean>;
	/** Overrides the policy's retries, e.g. 0 for the single describe of confirmApplied. */
	maxRetries?: number;
}

type HelperHost = IExecuteFunctions | ILoadOptionsFunctions;

/**
 * The one place that talks HTTP: every Milvus call goes through n8n's
 * `httpRequestWithAuthentication` (instance proxy, SSRF protection, TLS settings and the
 * credential's `authenticate` all apply), with Milvus's success rule, timeouts and retries.
 */
export class MilvusClient {
	constructor(
		private readonly host: HelperHost,
		private readonly settings: ClientSettings,
		private readonly deadline?: Deadline,
		/** Removes the token from server-derived text (echoed headers, messages, redirect targets). */
		private readonly redact: Redactor = redactorFor(settings.credentials.data?.token),
	) {}

	/** Requests the execution may have in flight now (1 when no limiter is set). */
	concurrencyLimit(): number {
		return this.settings.limiter?.policy.limit() ?? 1;
	}

	/** The same client, with every call of one item bounded by the item's time limit. */
	within(deadline: Deadline): MilvusClient {
		// The redactor is shared: building it encodes the token in every form, once per execution.
		return new MilvusClient(this.host, this.settings, deadline, this.redact);
	}

	/** One call, retried while transient; never throws for Milvus or network failures. */
	async attempt(
		path: MilvusPath,
		body: IDataObject,
		options: CallOptions = {},
	): Promise<CallOutcome> {
		return await callWithRetries(
			{
				send: async () => await this.sendOnce(path, body),
				maxRetries: options.maxRetries ?? this.settings.retry.maxRetries,
				baseDelayMs: this.settings.retry.baseDelayMs,
				confirmApplied: options.confirmApplied,
				deadline: this.deadline,
			},
			{ random: Math.random, wait: async (ms) => await this.waitUnlessCancelled(ms) },
		);
	}

	/** False when the execution was cancelled during the wait (the wait ends at once). */
	private async waitUnlessCancelled(ms: number): Promise<boolean> {
		try {
			await sleep(ms, this.cancelSignal());
			return true;
		} catch {
			return false;
		}
	}

	private cancelSignal(): AbortSignal | undefined {
		return 'getExecutionCancelSignal' in this.host
			? this.host.getExecutionCancelSignal()
			: undefined;
	}

	private async sendOnce(path: MilvusPath, body: IDataObject): Promise<AttemptResult> {
		const { limiter } = this.settings;
		if (!limiter) return await this.sendNow(path, body);
		return await limiter.run(
			async () => await this.sendNow(path, body),
			(result) => !result.ok && isCongestion(result.failure),
		);
	}

	private async sendNow(path: MilvusPath, body: IDataObject): Promise<AttemptResult> {
		const { endpoint, ignoreSslIssues, credentials } = this.settings;
		const timeoutMs = clampTimerMs(this.settings.timeoutMs);
		// The attempt never outlives the item's time limit.
		const attemptMs = Math.min(timeoutMs, this.deadline?.remainingMs() ?? timeoutMs);
		const bound = boundAttempt(attemptMs, this.cancelSignal());
		const request = milvusRequest(body, {
			url: `${endpoint.baseUrl}/v2/vectordb/${path}`,
			attemptMs,
			ignoreSslIssues,
			signal: bound.signal,
		});
		let read: ResponseRead;
		try {
			const response = (await this.host.helpers.httpRequestWithAuthentication.call(
				withCancelSignal(this.host, bound.signal),
				CREDENTIAL_TYPE,
				request,
				{ credentialsDecrypted: credentials },
			)) as StreamedResponse;
			// The attempt's bound covers the body too: a server dripping it cannot outlast it.
			read = await readResponse(response, bound.signal);
		} catch (error) {
			if (bound.timedOut()) return { ok: false, failure: attemptTimeoutFailure(attemptMs) };
			return readThrown(error, this.redact);
		}
		return read.ok ? readAnswer(path, read.answer, this.redact) : read;
	}
}

/**
 * The node context as n8n's helper sees it for one attempt. n8n (1.x and 2.x) replaces a
 * request's own abortSignal with the context's execution cancel signal, so the attempt's
 * bound (which also fires on cancellation) is handed over through that method instead.
 */
function withCancelSignal(host: HelperHost, signal: AbortSignal): HelperHost {
	if (!('getExecutionCancelSignal' in host)) return host;
	return Object.create(host, {
		getExecutionCancelSignal: { value: () => signal },
	}) as HelperHost;
}
