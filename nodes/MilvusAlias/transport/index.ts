import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { MilvusEndpoint } from './endpoint';
import type { MilvusFailure } from './failures';
import { classifyAnswer, classifyThrown } from './failures';

export const CREDENTIAL_TYPE = 'milvusRestApi';

export type MilvusPath =
	| 'aliases/create'
	| 'aliases/alter'
	| 'aliases/drop'
	| 'aliases/describe'
	| 'aliases/list'
	| 'collections/list'
	| 'collections/get_load_state';

export interface RetryPolicy {
	/** Retries after the first attempt, for transient failures only. */
	maxRetries: number;
	/** First backoff; doubles per retry, with jitter, capped at MAX_BACKOFF_MS. */
	baseDelayMs: number;
}

export interface ClientSettings {
	endpoint: MilvusEndpoint;
	/** Decrypted once per execution and handed to n8n's helper, which still applies `authenticate`. */
	credentials: ICredentialsDecrypted;
	ignoreSslIssues: boolean;
	timeoutMs: number;
	retry: RetryPolicy;
}

export type CallOutcome =
	| { ok: true; data: unknown; attempts: number }
	| { ok: false; failure: MilvusFailure; attempts: number };

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

const MAX_BACKOFF_MS = 30_000;

const CANCELLED_DURING_WAIT: MilvusFailure = {
	kind: 'cancelled',
	detail: 'The execution was canceled while waiting to retry',
	transient: false,
	ambiguous: true,
};

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
	) {}

	/** One call, retried while transient; never throws for Milvus or network failures. */
	async attempt(
		path: MilvusPath,
		body: IDataObject,
		options: CallOptions = {},
	): Promise<CallOutcome> {
		const maxRetries = options.maxRetries ?? this.settings.retry.maxRetries;
		for (let attempt = 1; ; attempt++) {
			const outcome = await this.sendOnce(path, body);
			if (outcome.ok) return { ...outcome, attempts: attempt };
			const { failure } = outcome;
			if (failure.ambiguous && options.confirmApplied && failure.kind !== 'cancelled') {
				const applied = await options.confirmApplied().catch(() => false);
				if (applied) return { ok: true, data: {}, attempts: attempt };
			}
			if (!failure.transient || attempt > maxRetries)
				return { ok: false, failure, attempts: attempt };
			const waited = await this.waitBeforeRetry(attempt);
			if (!waited) return { ok: false, failure: CANCELLED_DURING_WAIT, attempts: attempt };
		}
	}

	/** False when the execution was cancelled during the wait (the wait ends at once). */
	private async waitBeforeRetry(attempt: number): Promise<boolean> {
		try {
			await sleep(this.backoffMs(attempt), this.cancelSignal());
			return true;
		} catch {
			return false;
		}
	}

	/** Exponential backoff with equal jitter: half fixed, half random, so parallel items spread out. */
	private backoffMs(attempt: number): number {
		const exponential = Math.min(
			MAX_BACKOFF_MS,
			this.settings.retry.baseDelayMs * 2 ** (attempt - 1),
		);
		return exponential / 2 + Math.random() * (exponential / 2);
	}

	private cancelSignal(): AbortSignal | undefined {
		return 'getExecutionCancelSignal' in this.host
			? this.host.getExecutionCancelSignal()
			: undefined;
	}

	private async sendOnce(
		path: MilvusPath,
		body: IDataObject,
	): Promise<{ ok: true; data: unknown } | { ok: false; failure: MilvusFailure }> {
		const { endpoint, timeoutMs, ignoreSslIssues, credentials } = this.settings;
		const request: IHttpRequestOptions = {
			method: 'POST',
			url: `${endpoint.baseUrl}/v2/vectordb/${path}`,
			// n8n's helper drops an empty object body, and Milvus answers a bodiless POST with
			// code 1801; an empty dbName means "default database" to Milvus, so it is a safe filler.
			body: Object.keys(body).length > 0 ? body : { dbName: '' },
			json: true,
			headers: { 'Request-Timeout': String(Math.max(1, Math.ceil(timeoutMs / 1000))) },
			timeout: timeoutMs,
			skipSslCertificateValidation: ignoreSslIssues,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// The helper replaces this with the execution's cancel signal when there is one.
			abortSignal: this.cancelSignal(),
		};
		let response: { statusCode: number; body: unknown };
		try {
			response = (await this.host.helpers.httpRequestWithAuthentication.call(
				this.host,
				CREDENTIAL_TYPE,
				request,
				{ credentialsDecrypted: credentials },
			)) as { statusCode: number; body: unknown };
		} catch (error) {
			return { ok: false, failure: classifyThrown(error) };
		}
		const failure = classifyAnswer(response.statusCode, response.body);
		if (failure) return { ok: false, failure };
		return { ok: true, data: (response.body as IDataObject).data };
	}
}
