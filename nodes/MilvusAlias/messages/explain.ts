import type { CredentialProblem } from '../transport/endpoint';
import type { FailureRecord } from './failureCatalog';
import { CALL_RECORDS, CREDENTIAL_RECORDS, recordIdFor } from './failureCatalog';
import type { MilvusFailure } from '../transport/failures';
import { bounded } from '../transport/failures';

/** What the user was doing when a call failed: enough to write a message that says what to do. */
export interface FailureContext {
	/** The running operation's value: advice never tells the user to use the very operation that failed. */
	operation: string;
	/** Whether the operation changes aliases: a change whose outcome is unknown may have applied. */
	changesAliases: boolean;
	aliasName?: string;
	collectionName?: string;
	/** The database as given, or undefined for the server's default. */
	dbName?: string;
	endpoint: string;
	hostPort: string;
	attempts: number;
	timeoutMs: number;
}

export interface Explanation {
	/** What happened and what to do first, then the server's own code and text. */
	message: string;
	/** More on what to do. */
	description: string;
	cause?: FailureRecord['cause'];
}

const MAY_HAVE_APPLIED =
	'The change may still have been applied on the server: run the Get operation to check before trying again.';

function fill(template: string, values: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The server's own words after ours: Milvus's code and message, or the HTTP status. */
function sourceOf(failure: MilvusFailure): string {
	const detail = failure.detail ? `: ${failure.detail}` : '';
	switch (failure.kind) {
		case 'milvus':
			return `(Milvus error ${failure.milvusCode}${detail})`;
		case 'redirect':
			return `(HTTP ${failure.httpStatus}${failure.location ? ` to ${failure.location}` : ''})`;
		case 'http':
		case 'notMilvus':
		case 'tooLarge':
			return `(HTTP ${failure.httpStatus}${detail})`;
		case 'malformed':
		case 'blocked':
			return failure.detail ? `(${failure.detail})` : '';
		default:
			return '';
	}
}

function compose(happened: string, todo: string, source: string): string {
	const sentences = [happened, todo].filter((part) => part !== '').join('. ');
	return source === '' ? sentences : `${sentences} ${source}`;
}

/** Turns a classified failure into a message (what happened, what to do) and a description. */
export function explainFailure(failure: MilvusFailure, ctx: FailureContext): Explanation {
	const record: FailureRecord = CALL_RECORDS[recordIdFor(failure)];
	const values = {
		alias: ctx.aliasName ?? '',
		collection: ctx.collectionName ?? '',
		db: ctx.dbName ?? 'default',
		endpoint: ctx.endpoint,
		hostPort: ctx.hostPort,
		timeoutMs: String(ctx.timeoutMs),
		timeLimitMs: String(failure.timeLimitMs ?? ''),
		networkCode: failure.networkCode ?? 'no code',
		detail: failure.detail,
	};
	const tried = ctx.attempts > 1 ? ` (tried ${ctx.attempts} times)` : '';
	const mayHaveApplied = failure.ambiguous && ctx.changesAliases;
	return {
		message: compose(
			`${fill(record.happened, values)}${tried}`,
			fill(record.todoWhile?.[ctx.operation] ?? record.todo, values),
			sourceOf(failure),
		),
		description: `${mayHaveApplied ? `${MAY_HAVE_APPLIED} ` : ''}${fill(record.advice, values)}`,
		cause: record.cause,
	};
}

/**
 * A user:password@ part never shows, even in a value that is not a URL: everything after an
 * http(s) scheme up to the last "@" goes (a password may hold "/" or ":").
 */
function withoutUserInfo(value: string): string {
	return value.replace(/^(https?:\/*)?.*@/i, (_, scheme: string | undefined) => scheme ?? '');
}

/** The message and description for a credential that cannot be used (Endpoint or Token). */
export function explainCredentialProblem(problem: CredentialProblem): Explanation {
	const record: FailureRecord = CREDENTIAL_RECORDS[problem.id];
	const values = { value: bounded(withoutUserInfo(problem.value), 100) };
	return {
		message: compose(fill(record.happened, values), fill(record.todo, values), ''),
		description: fill(record.advice, values),
		cause: record.cause,
	};
}
