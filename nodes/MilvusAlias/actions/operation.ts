import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Deadline } from '../helpers/deadline';
import type { ConcurrencyLimit } from '../helpers/scheduler';
import type { Subject } from '../messages/nodeErrors';
import type { UndoneChange } from '../messages/allOrNothing';
import type { AliasChange } from '../messages/runSummary';
import type { MilvusClient } from '../transport/milvusClient';
import type { ParameterReader } from './parameterReader';
import type { RunMemory } from './runMemory';

export interface OperationContext {
	milvus: MilvusClient;
	/** Bound for requests one item may run in parallel (Get Many's describes); it may change. */
	concurrency: ConcurrencyLimit;
	/** The item's time limit; `milvus` is already bounded by it, waits of the item draw from it too. */
	deadline: Deadline;
	/** Fires when the execution is cancelled (absent where n8n has none). */
	cancelSignal?: AbortSignal;
	/** What the execution's items share; one per execution. */
	run: RunMemory;
	/** The item's position in the input. */
	itemIndex: number;
	/**
	 * All or Nothing is on: the run may have to undo this item's change, so the item learns what
	 * that needs first (where an alias pointed before a delete, whether a create changes anything).
	 */
	undoable: boolean;
}

/**
 * Everything about one operation, in its own file: how the editor shows it, its fields, how it
 * reads and checks its own input (before any request of the run), what the input acts on, and
 * what it does. The router, the Operation field, the subtitle and the explanations derive from
 * this, so a new operation is its file and one line in its resource's list.
 *
 * Methods, not function properties: an operation with its own input is then one of the list's
 * `Operation<unknown>` (TypeScript checks method parameters both ways).
 */
export interface Operation<Input> {
	/** The `operation` parameter's value (public: saved workflows hold it). */
	value: string;
	/** Shown in the operation list and in the node's subtitle. */
	name: string;
	action: string;
	description: string;
	/** Its fields in the order the editor shows them; the resource adds when they are shown. */
	fields: INodeProperties[];
	/** Whether it changes aliases: a failure whose outcome is unknown then says the change may have applied. */
	changesAliases: boolean;
	/** Reads and checks one item; throws InvalidInputError naming the field. */
	read(reader: ParameterReader): Input;
	/** What the item acts on, as its error messages name it. */
	subject(input: Input): Subject;
	/** Items with the same key run one after another, in input order; undefined: no order. */
	orderKey(input: Input): string | undefined;
	execute(ctx: OperationContext, input: Input): Promise<IDataObject[]>;
	/** For operations that change aliases: what one output item changed, if anything. */
	changeOf?(output: IDataObject): AliasChange | undefined;
	/**
	 * For operations that change aliases: undoes every change the run sent, newest first (All or
	 * Nothing), each step in a context of its own (its own time limit); never throws.
	 */
	undoRun?(stepContext: () => OperationContext): Promise<UndoneChange[]>;
}

/** An operation of whatever input, as a resource's list holds them. */
export type AnyOperation = Operation<unknown>;
