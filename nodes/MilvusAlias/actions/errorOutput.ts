import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ItemError } from '../messages/nodeErrors';

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
