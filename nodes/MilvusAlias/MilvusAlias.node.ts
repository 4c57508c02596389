import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { aliasFields, aliasOperationProperty, aliasOperations } from './actions/alias';
import { route } from './actions/router';
import { searchCollections } from './methods/listSearch';

export class MilvusAlias implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Milvus Alias',
		name: 'milvusAlias',
		icon: { light: 'file:../../icons/milvus.svg', dark: 'file:../../icons/milvus.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"create":"Create","upsert":"Create or Update","update":"Update","delete":"Delete","get":"Get","getAll":"Get Many"}[$parameter["operation"]] + (["create","upsert","update","delete","get"].includes($parameter["operation"]) && $parameter["aliasName"] ? ": " + $parameter["aliasName"] : "") }}',
		description:
			'Create, switch, inspect and delete Milvus or Zilliz Cloud collection aliases, for zero-downtime blue/green re-indexing',
		defaults: { name: 'Milvus Alias' },
		// For n8n's AI workflow builder (n8n 2.x); n8n 1.x ignores it.
		builderHint: {
			searchHint:
				'Use to switch what a Milvus or Zilliz Cloud alias points at, for blue/green re-indexing: build and load the new collection first, then run Create or Update with the alias and the new collection so every reader moves at once, and drop the old collection only after the switch. Readers query the alias name instead of a collection name. Create fails when the alias already points elsewhere; Create or Update is the idempotent switch for re-index workflows; Update needs an existing alias and outputs where it pointed before (previousCollectionName). This node does not create, load, drop or search collections.',
			relatedNodes: [
				{
					nodeType: '@n8n/n8n-nodes-langchain.vectorStoreMilvus',
					relationHint:
						'Creates and fills the new collection (insert mode) that this node then points the alias at',
				},
			],
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'milvusRestApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Alias', value: 'alias' }],
				default: 'alias',
			},
			aliasOperationProperty,
			...aliasFields,
		],
	};

	methods = {
		listSearch: { searchCollections },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, aliasOperations);
	}
}
