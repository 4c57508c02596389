import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Deadline } from '../helpers/deadline';
import type { ConcurrencyLimit } from '../helpers/scheduler';
import type { MilvusClient } from '../transport/milvusClient';
import type { MilvusFailure } from '../transport/failures';
import type { AliasNames } from './alias/aliasAsCollection';
import type { ItemReader } from './parameterReader';

/** One input item's parameters, read, trimmed and validated before any request. */
export interface AliasItem {
	/** undefined: send no dbName, the server uses its default database. */
	dbName?: string;
	/** Empty for getAll. */
	aliasName: string;
	/** Target collection; for getAll an optional filter ('' = none). */
	collectionName: string;
	requireLoaded: boolean;
	/** Wait until the target collection is loaded before pointing the alias (Wait for Load). */
	waitForLoad: boolean;
	returnAll: boolean;
	limit: number;
}

export interface OperationContext {
	milvus: MilvusClient;
	/** Bound for requests one item may run in parallel (getAll's describes); it may change. */
	concurrency: ConcurrencyLimit;
	/** The item's time limit; `milvus` is already bounded by it, waits of the item draw from it too. */
	deadline: Deadline;
	/** Fires when the execution is cancelled (absent where n8n has none). */
	cancelSignal?: AbortSignal;
	/** The alias names of each database, learned once per execution. */
	aliasNames: AliasNames;
}

/** A change an item made to an alias, for the report when a later item stops the run. */
export interface AliasChange {
	aliasName: string;
	dbName: string;
	/** Where the alias pointed before; null when it did not exist, undefined when unknown. */
	from: string | null | undefined;
	/** Where it points now; null when it was deleted. */
	to: string | null;
}

/**
 * Everything about one operation, in its own file: how the editor shows it, its fields, how its
 * item is read and checked (before any request of the run), and what it does.
 */
export interface AliasOperation {
	/** The `operation` parameter's value (public: saved workflows hold it). */
	value: string;
	/** Shown in the operation list and in the node's subtitle. */
	name: string;
	action: string;
	description: string;
	/** Its fields in the order the editor shows them; the index adds when they are shown. */
	fields: INodeProperties[];
	/** Reads and checks one item; throws InvalidInputError naming the field. */
	read: (reader: ItemReader) => AliasItem;
	execute: (ctx: OperationContext, item: AliasItem) => Promise<IDataObject[]>;
	/** For operations that change aliases: what one output item changed, if anything. */
	changeOf?: (output: IDataObject) => AliasChange | undefined;
}

/** A Milvus call that failed for good (after retries); the router turns it into a NodeApiError. */
export class MilvusCallError extends Error {
	constructor(
		readonly failure: MilvusFailure,
		readonly attempts: number,
	) {
		super(failure.detail);
	}
}

/** A safety check that refused to go on; the router turns it into a NodeOperationError. */
export class PreconditionError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
	}
}
