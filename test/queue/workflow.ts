/**
 * The workflow an operator runs in queue mode: a webhook receives `{ alias, collection }`, Milvus
 * Alias "Create or Update" points the alias at the collection, and Respond to Webhook answers with
 * the node's output item. Main takes the call; a worker executes it.
 */
export const WORKFLOW_ID = 'maQueueSwitch01';
export const WEBHOOK_PATH = 'milvus-alias-queue-switch';
export const CREDENTIAL = { id: 'maQueueCred01', name: 'Milvus queue test' };

export function aliasSwitchWorkflow(nodeType: string) {
	return {
		id: WORKFLOW_ID,
		name: 'Milvus Alias queue mode: switch an alias from a webhook',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: '5f0c8a52-3d0e-4f55-9b7e-6a1c2d3e4f01',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: '5f0c8a52-3d0e-4f55-9b7e-6a1c2d3e4f0a',
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'responseNode',
					options: {},
				},
			},
			{
				id: '5f0c8a52-3d0e-4f55-9b7e-6a1c2d3e4f02',
				name: 'Milvus Alias',
				type: nodeType,
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'alias',
					operation: 'upsert',
					aliasName: '={{ $json.body.alias }}',
					collectionName: { __rl: true, mode: 'name', value: '={{ $json.body.collection }}' },
					options: {},
				},
				credentials: { milvusRestApi: CREDENTIAL },
			},
			{
				id: '5f0c8a52-3d0e-4f55-9b7e-6a1c2d3e4f03',
				name: 'Respond to Webhook',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.5,
				position: [440, 0],
				parameters: { respondWith: 'firstIncomingItem', options: {} },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Milvus Alias', type: 'main', index: 0 }]] },
			'Milvus Alias': { main: [[{ node: 'Respond to Webhook', type: 'main', index: 0 }]] },
		},
	};
}
