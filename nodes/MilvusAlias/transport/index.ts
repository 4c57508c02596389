import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { MilvusEndpoint } from './endpoint';
import { classifyAnswer, classifyThrown } from './failures';
import type { AttemptResult, CallOutcome, RetryPolicy } from './retry';
import { callWithRetries } from './retry';

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
	) {}

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
