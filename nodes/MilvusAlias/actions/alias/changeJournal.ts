/**
 * Every alias change this execution sends, for All or Nothing: written right before the request
 * (so a change whose answer never came is known too) and settled by its outcome.
 */
import type { AliasChange } from '../../messages/runSummary';
import type { OperationContext } from '../operation';
import type { RunMemoryKey } from '../runMemory';

export interface JournalEntry {
	itemIndex: number;
	/** The database as the item gave it: the undo sends the same body. */
	database: { dbName?: string };
	change: AliasChange;
	/** `sent`: no answer says whether it applied (e.g. a timeout after sending). */
	state: 'sent' | 'applied' | 'refused';
	/** Order of application: undo runs newest first. */
	order: number;
}

class ChangeJournal {
	private readonly entries: JournalEntry[] = [];
	private nextOrder = 0;

	sending(itemIndex: number, database: { dbName?: string }, change: AliasChange): JournalEntry {
		const entry: JournalEntry = {
			itemIndex,
			database,
			change,
			state: 'sent',
			order: this.nextOrder++,
		};
		this.entries.push(entry);
		return entry;
	}

	/** Applied, or refused for sure; an ambiguous failure leaves the entry `sent`. */
	settle(entry: JournalEntry, outcome: 'applied' | 'refused' | 'unknown'): void {
		if (outcome === 'unknown') return;
		entry.state = outcome;
		entry.order = this.nextOrder++;
	}

	/** The changes that applied or may have, newest first. */
	toUndo(): JournalEntry[] {
		return this.entries
			.filter(({ state }) => state !== 'refused')
			.sort((a, b) => b.order - a.order);
	}
}

const CHANGE_JOURNAL: RunMemoryKey<ChangeJournal> = { create: () => new ChangeJournal() };

export const journalOf = (ctx: OperationContext) => ctx.run.get(CHANGE_JOURNAL);
