import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { MilvusEndpoint } from '../transport/endpoint';
import { failureToNodeError } from '../messages/nodeErrors';
import type { AliasItem } from './operation';
import { MilvusCallError, PreconditionError } from './operation';

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
 * How this n8n's engine picks the items for the error output under "Continue (using error
 * output)". n8n 2.x takes an item whose json holds only `error`, `message` and `details`.
 * n8n 1.x takes only an item with the `error` field set (or a json of just `error`, or `error`
 * and `message`); and an item with that field gets its json replaced by `{ error }`, on both
 * lines, so `details` would be lost on 2.x. n8n-workflow 1.x exports `sleepWithAbort`, which 2.x
 * removed: the one export that tells the lines apart without reading a version.
 */
export type ErrorRouting = 'byJson' | 'byErrorField';
export const ENGINE_ERROR_ROUTING: ErrorRouting =
	'sleepWithAbort' in n8nWorkflow ? 'byErrorField' : 'byJson';

/**
 * The output item of a failed item under "Continue": `{ error, details }`, paired with its
 * input; on n8n 1.x with the error in the item's `error` field, as n8n's own nodes do.
 */
export function errorItem(
	error: ItemError,
	itemIndex: number,
	routing: ErrorRouting = ENGINE_ERROR_ROUTING,
): INodeExecutionData {
	const details: IDataObject = { description: error.description ?? null };
	if (typeof error.context.milvusCode === 'number') details.milvusCode = error.context.milvusCode;
	if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
	const item: INodeExecutionData = {
		json: { error: error.message, details },
		pairedItem: { item: itemIndex },
	};
	if (routing === 'byErrorField') item.error = error;
	return item;
}
