import type { IDataObject } from 'n8n-workflow';

import { MILVUS_CODE } from '../../transport/failures';
import { MilvusCallError } from '../../transport/callError';
import type { Operation, OperationContext } from '../operation';
import { collectionPointedAt, prefetchAliasNames } from './aliasAsCollection';
import type { AliasTarget } from './aliasCalls';
import { describeAlias, resolvedDatabase, tryPointAlias } from './aliasCalls';
import type { PointingInput } from './inputs';
import { pointingInput } from './inputs';
import { checkLoadBeforePointing, nothingWaited } from './loadCheck';
import { undoRunChanges } from './undo';

type Action = 'created' | 'updated' | 'unchanged';

function result(
	item: PointingInput,
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
	item: PointingInput,
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

/** Rounds of change (create or alter) one item tries while other writers keep moving its alias. */
export const UPSERT_ROUNDS = 3;

/** Where the alias points, as last seen; `found: false` when it does not exist. */
type Seen = { found: true; target: AliasTarget } | { found: false };

async function describeSeen(ctx: OperationContext, item: PointingInput): Promise<Seen> {
	const current = await describeAlias(ctx, item, item.aliasName);
	return current.found ? current : { found: false };
}

/**
 * Describe, then create (missing), alter (elsewhere) or nothing (already there). Another writer
 * may move the alias in between: a create that meets 1602 (made meanwhile) describes again, an
 * alter that meets 1600 (dropped meanwhile) creates it, for at most UPSERT_ROUNDS changes, and
 * the output reports the change that really happened and what it replaced.
 */
async function upsertAlias(ctx: OperationContext, item: PointingInput): Promise<IDataObject[]> {
	prefetchAliasNames(ctx, item);
	let seen = await describeSeen(ctx, item);
	if (seen.found && seen.target.collectionName === item.collectionName) {
		return result(item, seen.target, 'unchanged', seen.target.collectionName, nothingWaited(item));
	}
	const waited = await checkLoadBeforePointing(ctx, item);
	for (let round = 1; ; round++) {
		const last = round === UPSERT_ROUNDS;
		if (seen.found) {
			const previous = seen.target;
			if (previous.collectionName === item.collectionName) {
				return result(item, previous, 'unchanged', previous.collectionName, waited);
			}
			const altered = await tryPointAlias(ctx, item, 'aliases/alter', previous.collectionName);
			if (altered.ok) {
				return await afterChange(ctx, item, previous.dbName, previous.collectionName, waited);
			}
			if (altered.failure.milvusCode !== MILVUS_CODE.aliasNotFound || last) {
				throw new MilvusCallError(altered.failure, altered.attempts);
			}
			seen = { found: false };
		} else {
			const created = await tryPointAlias(ctx, item, 'aliases/create', null);
			if (created.ok) return await afterChange(ctx, item, resolvedDatabase(item), null, waited);
			if (created.failure.milvusCode !== MILVUS_CODE.aliasAlreadyExists || last) {
				throw new MilvusCallError(created.failure, created.attempts);
			}
			seen = await describeSeen(ctx, item);
		}
	}
}

/** Create or Update: make the alias point at the collection whatever its state. */
export const upsert: Operation<PointingInput> = {
	value: 'upsert',
	name: 'Create or Update',
	// Short: n8n names new nodes after the action, and an AI agent's automatic tool description
	// is the action alone, so it says what happens to the alias.
	action: 'Switch an alias to a collection, or create it',
	// n8n's lint fixes how an upsert description starts and ends; the middle names the alias.
	description:
		'Create a new alias pointing at the collection, or update the current one if it already exists (upsert)',
	...pointingInput,
	changesAliases: true,
	undoRun: undoRunChanges,
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
