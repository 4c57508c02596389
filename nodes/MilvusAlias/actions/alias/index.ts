import type { INodeProperties } from 'n8n-workflow';

import type { AnyOperation } from '../operation';
import {
	operationFields,
	operationOptions,
	operationsByValue,
	operationSubtitle,
} from '../resourceProperties';
import { create } from './create.operation';
import { deleteAlias } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';
import { upsert } from './upsert.operation';

/**
 * The alias operations: one line each. The Operation field, the fields' display rules, the
 * subtitle, the router's choice and the explanations all derive from this list.
 */
export const aliasOperationList: readonly AnyOperation[] = [
	create,
	upsert,
	update,
	deleteAlias,
	get,
	getAll,
];

export const aliasOperations = operationsByValue(aliasOperationList);

export const aliasOperationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['alias'] } },
	options: operationOptions(aliasOperationList),
	default: 'create',
};

export const aliasFields = operationFields('alias', aliasOperationList);

/** "Create or Update: products" on the canvas (the node holds it as a literal, see the test). */
export const aliasSubtitle = operationSubtitle(aliasOperationList, 'aliasName');
