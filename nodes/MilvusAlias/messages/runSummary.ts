import type { ItemError } from './nodeErrors';

/** A change an item made to an alias, for the report when a later item stops the run. */
export interface AliasChange {
	aliasName: string;
	dbName: string;
	/** Where the alias pointed before; null when it did not exist, undefined when unknown. */
	from: string | null | undefined;
	/** Where it points now; null when it was deleted. */
	to: string | null;
}

/** How many changes the message names; the error's context holds them all. */
const CHANGES_NAMED = 5;

function describeChange(change: AliasChange): string {
	const where = `alias "${change.aliasName}" (database "${change.dbName}")`;
	if (change.to === null) return `${where} deleted`;
	if (change.from === undefined) return `${where}: points at ${change.to}`;
	return `${where}: ${change.from ?? 'new'} → ${change.to}`;
}

/**
 * With "On Error: Stop Workflow", the items that completed before the failure produce no
 * output, so the error itself must let the user roll back: it names each change made (the
 * first few, and how many in all) and carries the full list in `context.completedChanges`.
 */
export function withRunSummary(
	error: ItemError,
	outcome: { changes: AliasChange[]; completedItems: number[]; notRun: number },
): ItemError {
	const { changes, completedItems, notRun } = outcome;
	if (completedItems.length === 0 && notRun === 0) return error;
	const parts: string[] = [];
	if (changes.length > 0) {
		const named = changes.slice(0, CHANGES_NAMED).map(describeChange).join('; ');
		const more =
			changes.length > CHANGES_NAMED ? `; and ${changes.length - CHANGES_NAMED} more` : '';
		parts.push(
			`${changes.length} change(s) were made before this error and stay in Milvus: ${named}${more}`,
		);
	}
	if (completedItems.length > 0) {
		parts.push(
			`${completedItems.length} other item(s) of this run completed (items ${completedItems.join(', ')})`,
		);
	}
	if (notRun > 0) parts.push(`${notRun} item(s) were not run`);
	error.description =
		`${error.description ?? ''}\n\n${parts.join('. ')}. Set "On Error" to continue to process every item.`.trim();
	error.context.completedChanges = changes.map((change) => ({ ...change }));
	return error;
}
