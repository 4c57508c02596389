import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeInvalidName } from '../helpers/validation';
import type { AliasItem, AliasOperationName } from './types';

const USES_ALIAS: AliasOperationName[] = ['create', 'upsert', 'update', 'delete', 'get'];
const POINTS_ALIAS: AliasOperationName[] = ['create', 'upsert', 'update'];

function text(value: unknown): string {
	return typeof value === 'string'
		? value.trim()
		: value === undefined || value === null
			? ''
			: String(value).trim();
}

/**
 * Reads one item's parameters (expressions differ per item), trims names and checks them
 * against Milvus's rules, so an invalid item is rejected with a message naming the field
 * before anything is sent.
 */
export function readItem(
	fns: IExecuteFunctions,
	operation: AliasOperationName,
	itemIndex: number,
): AliasItem {
	const invalid = (message: string) =>
		new NodeOperationError(fns.getNode(), message, {
			itemIndex,
			description: 'Fix the value for this item; no request was sent for it.',
		});

	const dbName = text(fns.getNodeParameter('dbName', itemIndex, ''));
	if (dbName !== '') {
		const problem = describeInvalidName('Database Name', dbName);
		if (problem) throw invalid(problem);
	}

	let aliasName = '';
	if (USES_ALIAS.includes(operation)) {
		aliasName = text(fns.getNodeParameter('aliasName', itemIndex, ''));
		const problem = describeInvalidName('Alias Name', aliasName);
		if (problem) throw invalid(problem);
	}

	let collectionName = '';
	if (POINTS_ALIAS.includes(operation) || operation === 'getAll') {
		collectionName = text(
			fns.getNodeParameter('collectionName', itemIndex, '', { extractValue: true }),
		);
		const optionalFilter = operation === 'getAll' && collectionName === '';
		const problem = optionalFilter ? undefined : describeInvalidName('Collection', collectionName);
		if (problem) throw invalid(problem);
	}

	const options = fns.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const returnAll =
		operation === 'getAll' && (fns.getNodeParameter('returnAll', itemIndex, false) as boolean);
	const limit =
		operation === 'getAll' && !returnAll
			? (fns.getNodeParameter('limit', itemIndex, 50) as number)
			: 0;
	if (operation === 'getAll' && !returnAll && !(Number.isInteger(limit) && limit >= 1)) {
		throw invalid(`Limit must be a whole number of at least 1 (got ${String(limit)})`);
	}

	return {
		dbName: dbName === '' ? undefined : dbName,
		aliasName,
		collectionName,
		requireLoaded: POINTS_ALIAS.includes(operation) && options.requireLoaded === true,
		returnAll,
		limit,
	};
}
