import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runScheduled } from '../helpers/scheduler';
import { CREDENTIAL_TYPE, MilvusClient } from '../transport';
import type { MilvusEndpoint } from '../transport/endpoint';
import { parseEndpoint } from '../transport/endpoint';
import { explainFailure } from '../transport/explain';
import { aliasOperations } from './alias';
import { readItem } from './readItem';
import type { AliasItem, AliasOperationName } from './types';
import { MilvusCallError, PreconditionError } from './types';

type ItemError = NodeApiError | NodeOperationError;

/** Execution-wide settings, read once from the first item's options. */
function readExecutionOptions(fns: IExecuteFunctions) {
	const options = fns.getNodeParameter('options', 0, {}) as IDataObject;
	const number = (value: unknown, fallback: number, min: number) =>
		typeof value === 'number' && Number.isFinite(value) ? Math.max(min, value) : fallback;
	return {
		concurrency: Math.floor(number(options.concurrency, 10, 1)),
		timeoutMs: number(options.timeout, 30000, 1),
		retry: {
			maxRetries: Math.floor(number(options.maxRetries, 3, 0)),
			baseDelayMs: number(options.retryDelay, 500, 0),
		},
	};
}

/** Turns whatever an operation threw into the item's n8n error: what happened and what to do. */
function toItemError(
	fns: IExecuteFunctions,
	error: unknown,
	context: {
		operation: AliasOperationName;
		item: AliasItem;
		itemIndex: number;
		endpoint: MilvusEndpoint;
		timeoutMs: number;
	},
): ItemError {
	const { itemIndex, item } = context;
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof PreconditionError) {
		return new NodeOperationError(fns.getNode(), error.message, {
			itemIndex,
			description: error.description,
		});
	}
	if (error instanceof MilvusCallError) {
		const { failure } = error;
		const explanation = explainFailure(failure, {
			operation: context.operation,
			aliasName: item.aliasName || undefined,
			collectionName: item.collectionName || undefined,
			dbName: item.dbName,
			endpoint: context.endpoint.display,
			hostPort: context.endpoint.hostPort,
			attempts: error.attempts,
			timeoutMs: context.timeoutMs,
		});
		const apiError = new NodeApiError(
			fns.getNode(),
			// Not `code`: NodeApiError would read a Milvus code as the HTTP status.
			{ milvusCode: failure.milvusCode ?? null, message: failure.detail },
			{
				itemIndex,
				httpCode:
					failure.httpStatus && failure.httpStatus !== 200 ? String(failure.httpStatus) : undefined,
				failure: explanation.cause ? { cause: explanation.cause } : undefined,
			},
		);
		// Set after construction: NodeApiError would otherwise swap in generic texts when a
		// message mentions a status or a Node.js error code.
		apiError.message = explanation.message;
		apiError.description = explanation.description;
		if (failure.milvusCode !== undefined) apiError.context.milvusCode = failure.milvusCode;
		return apiError;
	}
	return new NodeOperationError(fns.getNode(), error as Error, { itemIndex });
}

function errorItem(error: ItemError, itemIndex: number): INodeExecutionData {
	// Only `error`, `message` and `details` may appear for n8n to route the item to the
	// error output under "Continue (using error output)".
	const details: IDataObject = { description: error.description ?? null };
	if (typeof error.context.milvusCode === 'number') details.milvusCode = error.context.milvusCode;
	if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
	return { json: { error: error.message, details }, pairedItem: { item: itemIndex } };
}

function withRunSummary(error: ItemError, completed: number[], notRun: number): ItemError {
	if (completed.length === 0 && notRun === 0) return error;
	const parts: string[] = [];
	if (completed.length > 0) {
		parts.push(
			`${completed.length} other item(s) of this run completed, and their changes stay in Milvus (items ${completed.join(', ')})`,
		);
	}
	if (notRun > 0) parts.push(`${notRun} item(s) were not run`);
	error.description =
		`${error.description ?? ''}\n\n${parts.join('; ')}. Set "On Error" to continue to process every item.`.trim();
	return error;
}

/**
 * Runs the chosen operation for every input item: validation first (no request for an
 * invalid item), the credential read once, then the items with bounded concurrency
 * (same alias: input order), and one output item (or several for Get Many) per input,
 * each paired with its input, in input order.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	if (items.length === 0) return [[]];
	const operation = this.getNodeParameter('operation', 0) as AliasOperationName;
	const run = aliasOperations[operation];
	if (!run)
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	const continueOnFail = this.continueOnFail();

	const prepared: Array<{ item: AliasItem } | { error: ItemError }> = items.map((_, itemIndex) => {
		try {
			return { item: readItem(this, operation, itemIndex) };
		} catch (error) {
			return {
				error:
					error instanceof NodeOperationError
						? error
						: new NodeOperationError(this.getNode(), error as Error, { itemIndex }),
			};
		}
	});
	const firstInvalid = prepared.find((entry): entry is { error: ItemError } => 'error' in entry);
	if (firstInvalid && !continueOnFail) throw firstInvalid.error;

	const options = readExecutionOptions(this);
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const endpoint = parseEndpoint(credentials.endpoint);
	if ('invalid' in endpoint) {
		const configError = new NodeOperationError(this.getNode(), endpoint.invalid, {
			description: 'Edit the "Milvus REST API" credential.',
		});
		if (!continueOnFail) throw configError;
		return [prepared.map((_, itemIndex) => errorItem(configError, itemIndex))];
	}
	const reference = this.getNode().credentials?.[CREDENTIAL_TYPE];
	const milvus = new MilvusClient(this, {
		endpoint,
		credentials: {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: credentials,
		},
		ignoreSslIssues: credentials.ignoreSslIssues === true,
		timeoutMs: options.timeoutMs,
		retry: options.retry,
	});

	const outcomes = await runScheduled(
		prepared.map((entry) =>
			'item' in entry
				? {
						// Same alias in the same database: keep input order. Get Many reads only.
						key: entry.item.aliasName
							? `${entry.item.dbName ?? ''}\u0000${entry.item.aliasName}`
							: undefined,
						run: async () => await run({ milvus, concurrency: options.concurrency }, entry.item),
					}
				: undefined,
		),
		options.concurrency,
		!continueOnFail,
	);

	const output: INodeExecutionData[] = [];
	let firstError: ItemError | undefined;
	const completed: number[] = [];
	outcomes.forEach((outcome, itemIndex) => {
		const entry = prepared[itemIndex];
		if ('error' in entry) {
			output.push(errorItem(entry.error, itemIndex));
			return;
		}
		if (outcome.status === 'fulfilled') {
			completed.push(itemIndex);
			for (const json of outcome.value) output.push({ json, pairedItem: { item: itemIndex } });
			return;
		}
		if (outcome.status === 'rejected') {
			const error = toItemError(this, outcome.reason, {
				operation,
				item: entry.item,
				itemIndex,
				endpoint,
				timeoutMs: options.timeoutMs,
			});
			if (continueOnFail) output.push(errorItem(error, itemIndex));
			else firstError ??= error;
		}
	});
	if (firstError) {
		const notRun = outcomes.filter((outcome) => outcome.status === 'skipped').length;
		throw withRunSummary(firstError, completed, notRun);
	}
	return [output];
}
