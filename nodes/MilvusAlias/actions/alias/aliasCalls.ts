import type { IDataObject } from 'n8n-workflow';

import { MilvusCallError } from '../../transport/callError';
import { MILVUS_CODE } from '../../transport/failures';
import type { CallOptions, CallOutcome, MilvusPath } from '../../transport/milvusClient';
import type { OperationContext } from '../operation';
import { journalOf } from './changeJournal';

/** The database an input names; undefined: send no dbName, the server uses its default. */
export interface InDatabase {
	dbName?: string;
}

/** An alias and the collection it should point at, in a database. */
export interface AliasPointing extends InDatabase {
	aliasName: string;
	collectionName: string;
}

/** The body fields every call shares: dbName only when the user set one (Zilliz Serverless has none). */
export function databaseField({ dbName }: InDatabase): IDataObject {
	return dbName === undefined ? {} : { dbName };
}

/** The database the server used: the given one, or Milvus's `default`. */
export function resolvedDatabase({ dbName }: InDatabase): string {
	return dbName ?? 'default';
}

/** Calls Milvus and returns `data`, or throws the failure for the router to explain. */
export async function callMilvus(
	ctx: OperationContext,
	path: MilvusPath,
	body: IDataObject,
	options?: CallOptions,
): Promise<unknown> {
	const outcome = await ctx.milvus.attempt(path, body, options);
	if (!outcome.ok) throw new MilvusCallError(outcome.failure, outcome.attempts);
	return outcome.data;
}

export interface AliasTarget {
	collectionName: string;
	dbName: string;
}

/**
 * Where the alias points now, or `missing` (Milvus code 1600) with the failure, so callers
 * that need the alias can surface Milvus's own message.
 */
export async function describeAlias(
	ctx: OperationContext,
	database: InDatabase,
	aliasName: string,
	options: CallOptions = {},
): Promise<{ found: true; target: AliasTarget } | { found: false; error: MilvusCallError }> {
	const outcome = await ctx.milvus.attempt(
		'aliases/describe',
		{ ...databaseField(database), aliasName },
		options,
	);
	if (!outcome.ok) {
		const error = new MilvusCallError(outcome.failure, outcome.attempts);
		if (outcome.failure.milvusCode === MILVUS_CODE.aliasNotFound) return { found: false, error };
		throw error;
	}
	const data = (outcome.data ?? {}) as IDataObject;
	return {
		found: true,
		target: {
			collectionName: String(data.collectionName ?? ''),
			dbName:
				typeof data.dbName === 'string' && data.dbName !== ''
					? data.dbName
					: resolvedDatabase(database),
		},
	};
}

/**
 * After an ambiguous failure of create or alter: did the alias end up where we wanted? One
 * describe, not retried: the outer retry loop decides what happens next, and a hanging server
 * must not multiply the wait.
 */
export function confirmPointsAtTarget(
	ctx: OperationContext,
	item: AliasPointing,
): () => Promise<boolean> {
	return async () => {
		const now = await describeAlias(ctx, item, item.aliasName, { maxRetries: 0 });
		return now.found && now.target.collectionName === item.collectionName;
	};
}

/**
 * Points the alias at the item's collection with create or alter, guarded against applying
 * twice: after an ambiguous failure the retry logic first checks where the alias points. The
 * change is written in the run's journal first (`from`: where the alias pointed, null when it
 * did not exist), so All or Nothing can undo it, even when its answer never came.
 */
export async function tryPointAlias(
	ctx: OperationContext,
	item: AliasPointing,
	path: 'aliases/create' | 'aliases/alter',
	from: string | null | undefined,
): Promise<CallOutcome> {
	const journal = journalOf(ctx);
	const entry = journal.sending(ctx.itemIndex, item, {
		aliasName: item.aliasName,
		dbName: resolvedDatabase(item),
		from,
		to: item.collectionName,
	});
	const outcome = await ctx.milvus.attempt(
		path,
		{ ...databaseField(item), collectionName: item.collectionName, aliasName: item.aliasName },
		{ confirmApplied: confirmPointsAtTarget(ctx, item) },
	);
	journal.settle(entry, outcome.ok ? 'applied' : outcome.failure.ambiguous ? 'unknown' : 'refused');
	return outcome;
}

/** tryPointAlias, throwing the failure for the router to explain. */
export async function pointAlias(
	ctx: OperationContext,
	item: AliasPointing,
	path: 'aliases/create' | 'aliases/alter',
	from: string | null | undefined,
): Promise<void> {
	const outcome = await tryPointAlias(ctx, item, path, from);
	if (!outcome.ok) throw new MilvusCallError(outcome.failure, outcome.attempts);
}

/**
 * Drops the alias (idempotent in Milvus), written in the run's journal first when `from` (where
 * it pointed) is known, so All or Nothing can create it again there.
 */
export async function dropAlias(
	ctx: OperationContext,
	item: InDatabase & { aliasName: string },
	from: string | undefined,
): Promise<void> {
	const journal = journalOf(ctx);
	const change = { aliasName: item.aliasName, dbName: resolvedDatabase(item), from, to: null };
	const entry = from === undefined ? undefined : journal.sending(ctx.itemIndex, item, change);
	const outcome = await ctx.milvus.attempt('aliases/drop', {
		...databaseField(item),
		aliasName: item.aliasName,
	});
	if (entry) {
		journal.settle(
			entry,
			outcome.ok ? 'applied' : outcome.failure.ambiguous ? 'unknown' : 'refused',
		);
	}
	if (!outcome.ok) throw new MilvusCallError(outcome.failure, outcome.attempts);
}
