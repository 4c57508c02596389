/**
 * All or Nothing's undo: every change the run's journal holds, newest first, put back where it
 * was (created -> dropped, moved -> pointed back, deleted -> created again). A change whose
 * answer never came is looked up first and undone only if it applied. One at a time, in order:
 * two items may have moved the same alias, and each undo must meet the state the next left.
 */
import type { UndoneChange, UndoOutcome } from '../../messages/allOrNothing';
import type { CallOutcome } from '../../transport/milvusClient';
import type { OperationContext } from '../operation';
import { databaseField, describeAlias } from './aliasCalls';
import type { JournalEntry } from './changeJournal';
import { journalOf } from './changeJournal';

/** Where the alias points now: a collection, null when it does not exist, undefined if unknown. */
async function pointsAtNow(
	ctx: OperationContext,
	entry: JournalEntry,
): Promise<string | null | undefined> {
	const now = await describeAlias(ctx, entry.database, entry.change.aliasName).catch(
		() => undefined,
	);
	if (!now) return undefined;
	return now.found ? now.target.collectionName : null;
}

/** The request that puts the alias back, and how to tell afterwards that it did. */
async function putBack(ctx: OperationContext, entry: JournalEntry): Promise<CallOutcome> {
	const { aliasName, from, to } = entry.change;
	const database = databaseField(entry.database);
	const confirmApplied = async () => (await pointsAtNow(ctx, entry)) === (from ?? null);
	if (from === null || from === undefined) {
		return await ctx.milvus.attempt('aliases/drop', { ...database, aliasName });
	}
	return await ctx.milvus.attempt(
		to === null ? 'aliases/create' : 'aliases/alter',
		{ ...database, collectionName: from, aliasName },
		{ confirmApplied },
	);
}

async function undoEntry(ctx: OperationContext, entry: JournalEntry): Promise<UndoOutcome> {
	if (entry.state === 'sent') {
		const now = await pointsAtNow(ctx, entry);
		if (now === undefined) {
			return {
				kind: 'failed',
				reason: 'its outcome was unknown and the alias could not be looked up',
				now,
			};
		}
		if (now !== entry.change.to) return { kind: 'notApplied' };
	}
	if (entry.change.from === undefined) {
		return {
			kind: 'failed',
			reason: 'where it pointed before is not known',
			now: await pointsAtNow(ctx, entry),
		};
	}
	const outcome = await putBack(ctx, entry);
	if (outcome.ok) return { kind: 'undone' };
	return {
		kind: 'failed',
		reason: outcome.failure.detail || outcome.failure.kind,
		now: await pointsAtNow(ctx, entry),
	};
}

/** Undoes what the run changed, newest first; never throws: each failure is reported. */
export async function undoRunChanges(stepContext: () => OperationContext): Promise<UndoneChange[]> {
	const undone: UndoneChange[] = [];
	for (const entry of journalOf(stepContext()).toUndo()) {
		const outcome = await undoEntry(stepContext(), entry).catch((error: unknown): UndoOutcome => ({
			kind: 'failed',
			reason: (error as Error).message,
			now: undefined,
		}));
		undone.push({ itemIndex: entry.itemIndex, change: entry.change, outcome });
	}
	return undone;
}
