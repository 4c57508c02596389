import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { MilvusEndpoint } from '../transport/endpoint';
import type { FailureContext } from './explain';
import { explainFailure } from './explain';
import type { MilvusFailure } from '../transport/failures';

export interface FailedCall {
	failure: MilvusFailure;
	attempts: number;
}

export type CallSituation = Omit<FailureContext, 'attempts' | 'endpoint' | 'hostPort'> & {
	endpoint: MilvusEndpoint;
	itemIndex?: number;
};

/**
 * Turns a failed Milvus call into the n8n error users see: the message says what happened and
 * what to do, the description adds detail, and `context.milvusCode` / `httpCode` keep the
 * server's code and status for the error output.
 */
export function failureToNodeError(
	node: INode,
	{ failure, attempts }: FailedCall,
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
