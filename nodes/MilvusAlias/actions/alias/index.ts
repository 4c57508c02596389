import type { INodeProperties } from 'n8n-workflow';

import type { AliasOperation, AliasOperationName } from '../types';
import { createAlias } from './create.operation';
import { deleteAlias } from './delete.operation';
import { getAlias } from './get.operation';
import { getAllAliases } from './getAll.operation';
import { updateAlias } from './update.operation';
import { upsertAlias } from './upsert.operation';

export { aliasFields } from './fields';

/** Each operation's implementation, looked up by the `operation` parameter's value. */
export const aliasOperations: Record<AliasOperationName, AliasOperation> = {
	create: createAlias,
	upsert: upsertAlias,
	update: updateAlias,
	delete: deleteAlias,
	get: getAlias,
	getAll: getAllAliases,
};

export const aliasOperationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['alias'] } },
	// Descriptions are written for people and for AI agents using the node as a tool.
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create an alias',
			description:
				'Create an alias that points at a collection. Succeeds if it already points there; fails if it points at another collection.',
		},
		{
			name: 'Create or Update',
			value: 'upsert',
			action: 'Create or update an alias',
			// n8n's lint requires its standard upsert wording; the Collection field explains the rest.
			description: 'Create a new record, or update the current one if it already exists (upsert)',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete an alias',
			description:
				'Delete an alias; the collection it pointed at is kept. Succeeds if the alias does not exist.',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get an alias',
			description: 'Get the collection an alias points at',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many aliases',
			description:
				'List the aliases of a database, optionally only those of one collection, each with its collection',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update an alias',
			description:
				'Repoint an existing alias at another collection and return the previous collection. Fails if the alias does not exist.',
		},
	],
	default: 'create',
};
