import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { aliasFields, aliasOperationProperty } from './actions/alias';
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
		return await route.call(this);
	}
}
