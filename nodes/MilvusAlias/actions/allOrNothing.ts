/**
 * The output of a run with All or Nothing on, once an item failed and the operation undid the
 * run's changes: no item is reported as a success. Without "Continue" the run fails with the
 * first failing item's error and what was undone; with it, every item is an error item: the
 * failing ones with their own error, the others saying what happened to their change.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { UndoneChange } from '../messages/allOrNothing';
import { undoneItemError, withUndoSummary } from '../messages/allOrNothing';
import type { ItemError } from '../messages/nodeErrors';
import { errorItem } from './errorOutput';

export function collectUndone(
	fns: IExecuteFunctions,
	itemErrors: Array<ItemError | undefined>,
	ran: boolean[],
	undone: UndoneChange[],
	continueOnFail: boolean,
): INodeExecutionData[] {
	const failedItems = itemErrors.flatMap((error, index) => (error ? [index] : []));
	const firstError = itemErrors[failedItems[0]] as ItemError;
	if (!continueOnFail) throw withUndoSummary(firstError, failedItems, undone);
	return itemErrors.map((error, itemIndex) =>
		errorItem(
			error ??
				undoneItemError(fns, itemIndex, {
					failedItems,
					failure: firstError.message,
					ownChanges: undone.filter((entry) => entry.itemIndex === itemIndex),
					ran: ran[itemIndex],
				}),
			itemIndex,
		),
	);
}
