import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { MilvusEndpoint } from '../transport/endpoint';
import { failureToNodeError } from '../transport/nodeError';
import type { AliasItem } from './types';
import { MilvusCallError, PreconditionError } from './types';

export type ItemError = NodeApiError | NodeOperationError;

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

/** Turns whatever an operation threw into the item's n8n error: what happened and what to do. */
export function toItemError(
	fns: IExecuteFunctions,
	error: unknown,
	situation: {
		operation: string;
		item: AliasItem;
		itemIndex: number;
		endpoint: MilvusEndpoint;
		timeoutMs: number;
	},
): ItemError {
	const { item, itemIndex } = situation;
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
			aliasName: item.aliasName || undefined,
			collectionName: item.collectionName || undefined,
			dbName: item.dbName,
			endpoint: situation.endpoint,
			timeoutMs: situation.timeoutMs,
			itemIndex,
		});
	}
	return new NodeOperationError(fns.getNode(), error as Error, { itemIndex });
}

/**
 * The output item of a failed item under "Continue". n8n 2.x routes `{ error, details }` to the
 * error output by its json; n8n 1.x only by the item's `error` field (or a json of just `error`
 * and `message`), which is also how n8n's own nodes mark error items: so both are set.
 */
export function errorItem(error: ItemError, itemIndex: number): INodeExecutionData {
	const details: IDataObject = { description: error.description ?? null };
	if (typeof error.context.milvusCode === 'number') details.milvusCode = error.context.milvusCode;
	if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
	return { json: { error: error.message, details }, error, pairedItem: { item: itemIndex } };
}
