/**
 * The shape of an error item on both n8n lines. n8n 1.x's engine cannot run in-process here
 * (n8n-core 2.x is the devDependency), so its routing rule, as n8n-core 1.122's
 * handleNodeErrorOutput and normalizeNodeErrors apply it, is restated and applied to the items.
 */
import type { INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ENGINE_ERROR_ROUTING, errorItem } from '../../nodes/MilvusAlias/actions/errorOutput';

const node: INode = {
	id: 'n1',
	name: 'Milvus Alias',
	type: 'CUSTOM.milvusAlias',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function milvusError(): NodeApiError {
	const error = new NodeApiError(node, { message: 'alias already exist' }, { itemIndex: 3 });
	error.message = 'Alias "books" already points to another collection (Milvus error 1602: …)';
	error.description = 'Use Update, or Create or Update.';
	error.context.milvusCode = 1602;
	return error;
}

/** n8n 1.x: which items go to the error output. */
const routesOn1x = (item: INodeExecutionData) =>
	Boolean(item.error) ||
	(item.json.error !== undefined && Object.keys(item.json).length === 1) ||
	(item.json.error !== undefined &&
		item.json.message !== undefined &&
		Object.keys(item.json).length === 2);

/** n8n 2.x: which items go to the error output. */
const routesOn2x = (item: INodeExecutionData) =>
	Boolean(item.error) ||
	(item.json.error !== undefined &&
		Object.keys(item.json).every((key) => ['error', 'message', 'details'].includes(key)));

test('the n8n-workflow in use (2.x) is recognised as routing by json', () => {
	expect(ENGINE_ERROR_ROUTING).toBe('byJson');
});

test('on n8n 2.x the item is `{ error, details }` without the error field, so n8n keeps the details', () => {
	const item = errorItem(milvusError(), 3, 'byJson');
	expect(item).toEqual({
		json: {
			error: 'Alias "books" already points to another collection (Milvus error 1602: …)',
			details: { description: 'Use Update, or Create or Update.', milvusCode: 1602 },
		},
		pairedItem: { item: 3 },
	});
	expect(routesOn2x(item)).toBe(true);
	// The same item would stay on the success output of n8n 1.x.
	expect(routesOn1x(item)).toBe(false);
});

test.each([
	['a Milvus error', milvusError()],
	['an invalid item', new NodeOperationError(node, 'Alias Name is empty', { itemIndex: 0 })],
])('on n8n 1.x %s carries the n8n error in the `error` field, which routes it', (_label, error) => {
	const item = errorItem(error, 0, 'byErrorField');
	expect(item.error).toBe(error);
	expect(item.json.error).toBe(error.message);
	expect(routesOn1x(item)).toBe(true);
});
