import type { IDataObject } from 'n8n-workflow';

import type { MilvusClient } from '../transport';
import type { MilvusFailure } from '../transport/failures';

export type AliasOperationName = 'create' | 'upsert' | 'update' | 'delete' | 'get' | 'getAll';

/** One input item's parameters, read, trimmed and validated before any request. */
export interface AliasItem {
	/** undefined: send no dbName, the server uses its default database. */
	dbName?: string;
	/** Empty for getAll. */
	aliasName: string;
	/** Target collection; for getAll an optional filter ('' = none). */
	collectionName: string;
	requireLoaded: boolean;
	returnAll: boolean;
	limit: number;
}

export interface OperationContext {
	milvus: MilvusClient;
	/** Bound for requests one item may run in parallel (getAll's describes). */
	concurrency: number;
}

export type AliasOperation = (ctx: OperationContext, item: AliasItem) => Promise<IDataObject[]>;

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
