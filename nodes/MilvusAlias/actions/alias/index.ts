import type { INodeProperties } from 'n8n-workflow';

import type { AliasOperation } from '../operation';
import { create } from './create.operation';
import { deleteAlias } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';
import { upsert } from './upsert.operation';
import { aliasNameField } from './fields';

/** The alias operations: one line each. The operation list, fields and subtitle derive from it. */
const operations: AliasOperation[] = [create, upsert, update, deleteAlias, get, getAll];

export const aliasOperations: ReadonlyMap<string, AliasOperation> = new Map(
	operations.map((operation) => [operation.value, operation]),
);

export const aliasOperationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['alias'] } },
	// Descriptions are written for people and for AI agents using the node as a tool.
	options: operations
		.map(({ name, value, action, description }) => ({ name, value, action, description }))
		.sort((a, b) => a.name.localeCompare(b.name)),
	default: 'create',
};

/** Each operation's fields, shown only for it (its own display conditions kept). */
export const aliasFields: INodeProperties[] = operations.flatMap((operation) =>
	operation.fields.map((field) => ({
		...field,
		displayOptions: {
			...field.displayOptions,
			show: {
				...field.displayOptions?.show,
				resource: ['alias'],
				operation: [operation.value],
			},
		},
	})),
);

/**
 * "Create or Update: products" on the canvas. n8n's lint needs the node's subtitle written out
 * as a literal, so the node carries this text and a test checks the two are the same.
 */
export const aliasSubtitle = `={{ ${JSON.stringify(
	Object.fromEntries(operations.map(({ value, name }) => [value, name])),
)}[$parameter["operation"]] + (${JSON.stringify(
	operations.filter(({ fields }) => fields.includes(aliasNameField)).map(({ value }) => value),
)}.includes($parameter["operation"]) && $parameter["aliasName"] ? ": " + $parameter["aliasName"] : "") }}`;
