import type { IDataObject } from 'n8n-workflow';

import { MILVUS_CODE } from '../../transport/failures';
import type { AliasItem, AliasOperation, OperationContext } from '../types';
import { MilvusCallError } from '../types';
import { collectionPointedAt } from './aliasAsCollection';
import { describeAlias, pointAlias, resolvedDatabase, tryPointAlias } from './common';
import { pointingInput } from './items';
import { checkLoadBeforePointing, nothingWaited } from './loadCheck';

type Action = 'created' | 'updated' | 'unchanged';

function result(
	item: AliasItem,
	where: { collectionName: string; dbName: string },
	action: Action,
	previousCollectionName: string | null,
	extras: IDataObject,
): IDataObject[] {
	return [
		{
			aliasName: item.aliasName,
			collectionName: where.collectionName,
			dbName: where.dbName,
			action,
			previousCollectionName,
			...extras,
		},
	];
}

/**
 * After a create or alter: the collection the alias really points at now (Milvus 2.6.12+
 * resolves an alias given as the collection), and so whether anything changed: pointing an
 * alias at an alias of its own collection changes nothing.
 */
async function afterChange(
	ctx: OperationContext,
	item: AliasItem,
	dbName: string,
	previousCollectionName: string | null,
	extras: IDataObject,
): Promise<IDataObject[]> {
	const collectionName = await collectionPointedAt(ctx, item);
	const action: Action =
		previousCollectionName === null
			? 'created'
			: previousCollectionName === collectionName
				? 'unchanged'
				: 'updated';
	return result(item, { collectionName, dbName }, action, previousCollectionName, extras);
}

/**
 * Describe, then create (missing), alter (elsewhere) or nothing (already there). A create that
 * meets 1602 lost a race with a concurrent creator: describe again and repoint, reporting where
 * the alias pointed in between.
 */
async function upsertAlias(ctx: OperationContext, item: AliasItem): Promise<IDataObject[]> {
	const current = await describeAlias(ctx, item);
	if (current.found && current.target.collectionName === item.collectionName) {
		return result(
			item,
			current.target,
			'unchanged',
			current.target.collectionName,
			nothingWaited(item),
		);
	}
	const waited = await checkLoadBeforePointing(ctx, item);
	if (current.found) {
		await pointAlias(ctx, item, 'aliases/alter');
		return await afterChange(
			ctx,
			item,
			current.target.dbName,
			current.target.collectionName,
			waited,
		);
	}

	const created = await tryPointAlias(ctx, item, 'aliases/create');
	if (created.ok) return await afterChange(ctx, item, resolvedDatabase(item), null, waited);
	if (created.failure.milvusCode !== MILVUS_CODE.aliasAlreadyExists) {
		throw new MilvusCallError(created.failure, created.attempts);
	}
	const raced = await describeAlias(ctx, item);
	if (!raced.found) throw raced.error;
	if (raced.target.collectionName === item.collectionName) {
		return result(item, raced.target, 'unchanged', raced.target.collectionName, waited);
	}
	await pointAlias(ctx, item, 'aliases/alter');
	return await afterChange(ctx, item, raced.target.dbName, raced.target.collectionName, waited);
}

/** Create or Update: make the alias point at the collection whatever its state. */
export const upsert: AliasOperation = {
	value: 'upsert',
	name: 'Create or Update',
	// Short: n8n names new nodes after the action, and an AI agent's automatic tool description
	// is the action alone, so it says what happens to the alias.
	action: 'Switch an alias to a collection, or create it',
	// n8n's lint fixes how an upsert description starts and ends; the middle names the alias.
	description:
		'Create a new alias pointing at the collection, or update the current one if it already exists (upsert)',
	...pointingInput,
	execute: upsertAlias,
	changeOf: (output) =>
		output.action === 'unchanged'
			? undefined
			: {
					aliasName: String(output.aliasName),
					dbName: String(output.dbName),
					from:
						output.previousCollectionName === null ? null : String(output.previousCollectionName),
					to: String(output.collectionName),
				},
};
