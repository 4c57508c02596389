import type { IDataObject } from 'n8n-workflow';

import { optionsCollection, requireLoadedOption } from '../../helpers/options';
import { MILVUS_CODE } from '../../transport/failures';
import type { AliasItem, AliasOperation, OperationContext } from '../types';
import { MilvusCallError } from '../types';
import {
	describeAlias,
	ensureCollectionLoaded,
	pointAlias,
	resolvedDatabase,
	tryPointAlias,
} from './common';
import { aliasNameField, databaseNameField, targetCollectionField } from './fields';
import { readPointingItem } from './items';

type Action = 'created' | 'updated' | 'unchanged';

function result(
	item: AliasItem,
	dbName: string,
	action: Action,
	previousCollectionName: string | null,
): IDataObject[] {
	return [
		{
			aliasName: item.aliasName,
			collectionName: item.collectionName,
			dbName,
			action,
			previousCollectionName,
		},
	];
}

/**
 * Describe, then create (missing), alter (elsewhere) or nothing (already there). A create that
 * meets 1602 lost a race with a concurrent creator: describe again and repoint, reporting where
 * the alias pointed in between.
 */
async function upsertAlias(ctx: OperationContext, item: AliasItem): Promise<IDataObject[]> {
	const current = await describeAlias(ctx, item);
	if (current.found && current.target.collectionName === item.collectionName) {
		return result(item, current.target.dbName, 'unchanged', current.target.collectionName);
	}
	if (item.requireLoaded) await ensureCollectionLoaded(ctx, item);
	if (current.found) {
		await pointAlias(ctx, item, 'aliases/alter');
		return result(item, current.target.dbName, 'updated', current.target.collectionName);
	}

	const created = await tryPointAlias(ctx, item, 'aliases/create');
	if (created.ok) return result(item, resolvedDatabase(item), 'created', null);
	if (created.failure.milvusCode !== MILVUS_CODE.aliasAlreadyExists) {
		throw new MilvusCallError(created.failure, created.attempts);
	}
	const raced = await describeAlias(ctx, item);
	if (!raced.found) throw raced.error;
	if (raced.target.collectionName === item.collectionName) {
		return result(item, raced.target.dbName, 'unchanged', raced.target.collectionName);
	}
	await pointAlias(ctx, item, 'aliases/alter');
	return result(item, raced.target.dbName, 'updated', raced.target.collectionName);
}

/** Create or Update: make the alias point at the collection whatever its state. */
export const upsert: AliasOperation = {
	value: 'upsert',
	name: 'Create or Update',
	// Short: n8n names new nodes after the action, and an AI agent's automatic tool description
	// is the action alone, so it says what happens to the alias.
	action: 'Create or update an alias to point at a collection',
	// n8n's lint fixes how an upsert description starts and ends; the middle names the alias.
	description:
		'Create a new alias pointing at the collection, or update the current one if it already exists (upsert)',
	fields: [
		aliasNameField,
		targetCollectionField,
		databaseNameField,
		optionsCollection([requireLoadedOption]),
	],
	read: readPointingItem,
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
