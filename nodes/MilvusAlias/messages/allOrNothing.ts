/**
 * What All or Nothing tells the user when an item failed and the run's changes were undone:
 * the summary on the run's error, and the error of every other item under "Continue".
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemError } from './nodeErrors';
import type { AliasChange } from './runSummary';

/** How undoing one change went. */
export type UndoOutcome =
	| { kind: 'undone' }
	/** The change's outcome was unknown, and the alias showed it had not applied. */
	| { kind: 'notApplied' }
	/** `now`: where the alias points now (null: it does not exist; undefined: not known). */
	| { kind: 'failed'; reason: string; now: string | null | undefined };

/** One change of the run, in the order it was undone (newest first), and how that went. */
export interface UndoneChange {
	itemIndex: number;
	change: AliasChange;
	outcome: UndoOutcome;
}

const aliasIn = (change: AliasChange) =>
	`alias "${change.aliasName}" (database "${change.dbName}")`;

/** What undoing a change did, as a clause: "alias "a" (database "default") points at "a_v1" again". */
function undoneClause(change: AliasChange): string {
	if (change.from === null) return `${aliasIn(change)} was deleted again`;
	if (change.to === null) return `${aliasIn(change)} was created again on "${change.from}"`;
	return `${aliasIn(change)} points at "${change.from}" again`;
}

/** What to run by hand to put an alias back where it was before the run. */
function restoreByHand(change: AliasChange): string {
	if (change.from === null) return `run Delete with Alias Name "${change.aliasName}"`;
	if (change.from === undefined)
		return 'check with Get where it should point, then run Create or Update';
	return `run Create or Update with Alias Name "${change.aliasName}" and Collection "${change.from}"`;
}

function whereNow(now: string | null | undefined): string {
	if (now === null) return 'does not exist now';
	if (now === undefined) return 'could not be looked up';
	return `now points at "${now}"`;
}

function failedClause(
	change: AliasChange,
	outcome: { reason: string; now: string | null | undefined },
): string {
	return `${aliasIn(change)} ${whereNow(outcome.now)}: ${restoreByHand(change)} to restore it (${outcome.reason})`;
}

const itemList = (indexes: number[]) => indexes.map((index) => index + 1).join(', ');

/**
 * The summary on the run's error (without "Continue"): what was undone, newest first, and what
 * could not be, with what to run by hand.
 */
export function undoSummary(failedItems: number[], undone: UndoneChange[]): string {
	const head = `All or Nothing: item ${itemList(failedItems)} failed, so no item of this run is reported as a success`;
	const done = undone.filter(({ outcome }) => outcome.kind === 'undone');
	const failed = undone.filter(
		(
			entry,
		): entry is UndoneChange & {
			outcome: { kind: 'failed'; reason: string; now: string | null | undefined };
		} => entry.outcome.kind === 'failed',
	);
	const parts = [head];
	parts.push(
		done.length === 0
			? 'no change of this run had to be undone'
			: `undone, newest first: ${done.map(({ change }) => undoneClause(change)).join('; ')}`,
	);
	if (failed.length > 0) {
		parts.push(
			`COULD NOT UNDO: ${failed.map(({ change, outcome }) => failedClause(change, outcome)).join('; ')}`,
		);
	}
	return `${parts.join('. ')}.`;
}

/** The run's error without "Continue": the failing item's own, with the summary added. */
export function withUndoSummary(
	error: ItemError,
	failedItems: number[],
	undone: UndoneChange[],
): ItemError {
	error.description = `${error.description ?? ''}\n\n${undoSummary(failedItems, undone)}`.trim();
	error.context.undoneChanges = undone.map(({ itemIndex, change, outcome }) => ({
		itemIndex,
		...change,
		undo: outcome.kind,
	}));
	return error;
}

/**
 * Under "Continue", the error of an item that did not fail itself: its change was undone (or
 * could not be), it changed nothing, or it never ran, because another item failed.
 */
export function undoneItemError(
	fns: IExecuteFunctions,
	itemIndex: number,
	situation: { failedItems: number[]; failure: string; ownChanges: UndoneChange[]; ran: boolean },
): NodeOperationError {
	const because = `item ${itemList(situation.failedItems)} of this run failed`;
	const failed = situation.ownChanges.find(({ outcome }) => outcome.kind === 'failed');
	const undone = situation.ownChanges.filter(({ outcome }) => outcome.kind === 'undone');
	let message: string;
	if (failed && failed.outcome.kind === 'failed') {
		message = `All or Nothing could not undo this item's change after ${because}: ${failedClause(failed.change, failed.outcome)}`;
	} else if (undone.length > 0) {
		message = `Undone by All or Nothing, because ${because}: ${undone.map(({ change }) => undoneClause(change)).join('; ')}`;
	} else if (situation.ran) {
		message = `Not reported as a success (All or Nothing), because ${because}; this item changed nothing`;
	} else {
		message = `Not run (All or Nothing), because ${because} first`;
	}
	return new NodeOperationError(fns.getNode(), message, {
		itemIndex,
		description: `The failing item's error: ${situation.failure}`,
	});
}
