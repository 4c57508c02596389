import type { IExecuteFunctions, ILoadOptionsFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { MilvusCallError } from '../transport/callError';
import type { CredentialProblem, MilvusEndpoint } from '../transport/endpoint';
import type { FailureContext } from './explain';
import { explainCredentialProblem, explainFailure } from './explain';

export type ItemError = NodeApiError | NodeOperationError;

/** What an item acts on, as its messages name it. */
export interface Subject {
	aliasName?: string;
	collectionName?: string;
	/** The database as given; undefined for the server's default. */
	dbName?: string;
}

export type CallSituation = Omit<FailureContext, 'attempts' | 'endpoint' | 'hostPort'> & {
	endpoint: MilvusEndpoint;
	itemIndex?: number;
};

/** A safety check that refused to go on, changing nothing: what happened and what to do. */
export class PreconditionError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
	}
}

/**
 * Turns a failed Milvus call into the n8n error users see: the message says what happened and
 * what to do, the description adds detail, and `context.milvusCode` / `httpCode` keep the
 * server's code and status for the error output.
 */
export function failureToNodeError(
	node: INode,
	{ failure, attempts }: Pick<MilvusCallError, 'failure' | 'attempts'>,
	situation: CallSituation,
): NodeApiError {
	const { endpoint, itemIndex, ...rest } = situation;
	const explanation = explainFailure(failure, {
		...rest,
		endpoint: endpoint.display,
		hostPort: endpoint.hostPort,
		attempts,
	});
	const error = new NodeApiError(
		node,
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
	error.message = explanation.message;
	error.description = explanation.description;
	if (failure.milvusCode !== undefined) error.context.milvusCode = failure.milvusCode;
	return error;
}

/** The error for a credential that cannot be used: what is wrong, and what to enter instead. */
export function credentialError(
	host: IExecuteFunctions | ILoadOptionsFunctions,
	problem: CredentialProblem,
): NodeOperationError {
	const explanation = explainCredentialProblem(problem);
	return new NodeOperationError(host.getNode(), explanation.message, {
		description: explanation.description,
	});
}

/** An item whose parameters break a rule: nothing was sent for it. */
export function invalidItemError(
	fns: IExecuteFunctions,
	message: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(fns.getNode(), message, {
		itemIndex,
		description: 'Fix the value for this item; no request was sent for it.',
	});
}

/** An execution-wide option that cannot be used: the whole run stops before any request. */
export function invalidRunOptionError(fns: IExecuteFunctions, message: string): NodeOperationError {
	return new NodeOperationError(fns.getNode(), message, {
		itemIndex: 0,
		description:
			'This option applies to the whole run and is read from the first item; fix its value. No request was sent.',
	});
}

/** Turns whatever an operation threw into the item's n8n error: what happened and what to do. */
export function toItemError(
	fns: IExecuteFunctions,
	error: unknown,
	situation: {
		operation: string;
		changesAliases: boolean;
		subject: Subject;
		itemIndex: number;
		endpoint: MilvusEndpoint;
		timeoutMs: number;
	},
): ItemError {
	const { subject, itemIndex } = situation;
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof PreconditionError) {
		return new NodeOperationError(fns.getNode(), error.message, {
			itemIndex,
			description: error.description,
		});
	}
	if (error instanceof MilvusCallError) {
		return failureToNodeError(fns.getNode(), error, {
			operation: situation.operation,
			changesAliases: situation.changesAliases,
			aliasName: subject.aliasName || undefined,
			collectionName: subject.collectionName || undefined,
			dbName: subject.dbName,
			endpoint: situation.endpoint,
			timeoutMs: situation.timeoutMs,
			itemIndex,
		});
	}
	return new NodeOperationError(fns.getNode(), error as Error, { itemIndex });
}
