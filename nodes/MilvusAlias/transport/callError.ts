import type { MilvusFailure } from './failures';

/** A Milvus call that failed for good (after retries); messages/nodeErrors turns it into n8n's error. */
export class MilvusCallError extends Error {
	constructor(
		readonly failure: MilvusFailure,
		readonly attempts: number,
	) {
		super(failure.detail);
	}
}
