/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a test, never part of the package: it reads README.md */
/**
 * The failure catalog: every record is reachable from a failure as the classifier produces it,
 * and the README's Troubleshooting table states exactly what the node does with it: the message
 * and description from the records, and "Retried?" and "Change may have applied?" from what the
 * retry loop and the explanation decide for that failure (no flag set by hand). Pure: no server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { Deadline } from '../../nodes/MilvusAlias/helpers/deadline';
import { MAX_ANSWER_BYTES, readResponse } from '../../nodes/MilvusAlias/transport/answerBody';
import { checkAnswerShape } from '../../nodes/MilvusAlias/transport/answerShape';
import { explainCredentialProblem, explainFailure } from '../../nodes/MilvusAlias/messages/explain';
import type { CredentialProblem } from '../../nodes/MilvusAlias/transport/endpoint';
import type { CallRecordId } from '../../nodes/MilvusAlias/messages/failureCatalog';
import {
	CALL_RECORDS,
	CREDENTIAL_RECORDS,
	recordIdFor,
} from '../../nodes/MilvusAlias/messages/failureCatalog';
import type { MilvusFailure } from '../../nodes/MilvusAlias/transport/failures';
import { classifyAnswer, classifyThrown } from '../../nodes/MilvusAlias/transport/failures';
import type { Redactor } from '../../nodes/MilvusAlias/transport/redact';
import { callWithRetries, timeLimitFailure } from '../../nodes/MilvusAlias/transport/retry';

const asIs: Redactor = (text) => text;
const thrown = (error: object) => classifyThrown(error, asIs);
function answered(statusCode: number, body: unknown, location?: string): MilvusFailure {
	const failure = classifyAnswer({ statusCode, body, location }, asIs);
	if (!failure) throw new Error(`HTTP ${statusCode} classified as a success`);
	return failure;
}

async function tooLargeAnswer(): Promise<MilvusFailure> {
	const body = Readable.from([Buffer.alloc(16)]);
	const headers = { 'content-length': String(MAX_ANSWER_BYTES + 1) };
	const read = await readResponse({ statusCode: 200, headers, body }, new AbortController().signal);
	if (read.ok) throw new Error('an answer over the bound was read');
	return read.failure;
}

function malformedAnswer(): MilvusFailure {
	const failure = checkAnswerShape('aliases/describe', null, asIs);
	if (!failure) throw new Error('data null passed the shape check');
	return { ...failure, detail: '…' };
}

/** One failure per record, produced by the code that produces it in executions. */
const SAMPLES: Record<CallRecordId, () => MilvusFailure | Promise<MilvusFailure>> = {
	refused: () => thrown({ code: 'ECONNREFUSED', message: '…' }),
	dns: () => thrown({ code: 'ENOTFOUND', message: '…' }),
	unreachable: () => thrown({ code: 'EHOSTUNREACH', message: '<reason>' }),
	'tls-untrusted': () => thrown({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: '…' }),
	'tls-handshake': () => thrown({ code: 'EPROTO', message: '…' }),
	'http-to-https': () => answered(400, 'Client sent an HTTP request to an HTTPS server.'),
	closed: () => thrown({ code: 'ECONNRESET', message: '…' }),
	'client-timeout': () => thrown({ code: 'ECONNABORTED', message: '…' }),
	'time-limit': () => ({
		...timeLimitFailure(new Deadline(1000), thrown({ code: 'ECONNABORTED', message: '…' })),
		// The README's placeholder for the user's value.
		timeLimitMs: '<Time Limit>' as unknown as number,
	}),
	'server-timeout': () => answered(408, { code: 10001, message: '…' }),
	unavailable: () => answered(503, '…'),
	'rate-limited': () => answered(200, { code: 1807, message: '…' }),
	'not-found': () => answered(404, '…'),
	redirect: () => answered(302, '', '<location>'),
	'not-milvus': () => answered(200, '…'),
	'too-large': tooLargeAnswer,
	malformed: malformedAnswer,
	'ssrf-blocked': () => thrown({ name: 'SsrfBlockedIpError', message: '…' }),
	cancelled: () => thrown({ name: 'CanceledError', code: 'ERR_CANCELED', message: '…' }),
	unauthenticated: () => answered(401, { code: 1800, message: '…' }),
	forbidden: () => answered(403, '…'),
	'http-other': () => answered(500, '…'),
	'collection-not-found': () => answered(200, { code: 100, message: '…' }),
	'database-not-found': () => answered(200, { code: 800, message: '…' }),
	'invalid-parameter': () => answered(200, { code: 1100, message: '…' }),
	'alias-not-found': () => answered(200, { code: 1600, message: '…' }),
	'alias-is-collection': () => answered(200, { code: 1601, message: '…' }),
	'alias-points-elsewhere': () => answered(200, { code: 1602, message: '…' }),
	'body-not-readable': () => answered(200, { code: 1801, message: '…' }),
	'milvus-other': () => answered(200, { code: 65535, message: '…' }),
};

/** Whether the retry loop tries this failure again (Max Retries 1, no waiting). */
async function isRetried(failure: MilvusFailure): Promise<boolean> {
	const outcome = await callWithRetries(
		{ send: async () => ({ ok: false, failure }), maxRetries: 1, baseDelayMs: 0 },
		{ random: () => 0, wait: async () => true },
	);
	return outcome.attempts > 1;
}

/** The README's placeholders for the user's values. */
const README_CONTEXT = {
	operation: 'create',
	changesAliases: true,
	aliasName: '<alias>',
	collectionName: '<collection>',
	dbName: '<db>',
	endpoint: '<endpoint>',
	hostPort: '<host:port>',
	timeoutMs: '<Timeout>' as unknown as number,
};

const MAY_HAVE_APPLIED = /^The change may still have been applied on the server/;

/** Whether a changing operation's error tells the user the change may have applied. */
const saysMayHaveApplied = (failure: MilvusFailure) =>
	MAY_HAVE_APPLIED.test(explainFailure(failure, { ...README_CONTEXT, attempts: 1 }).description);

const yesNo = (flag: boolean) => (flag ? 'Yes' : 'No');

/** The README row of a call failure, from what the node decides (a failing check prints it). */
async function callRow(id: CallRecordId): Promise<string> {
	const failure = await SAMPLES[id]();
	const retried = await isRetried(failure);
	// Retried failures end up "tried N times", N being 1 + Max Retries.
	const { message } = explainFailure(failure, { ...README_CONTEXT, attempts: retried ? 2 : 1 });
	// The column states the record's own advice; the "may have applied" prefix has its column.
	const { description } = explainFailure(
		{ ...failure, ambiguous: false },
		{ ...README_CONTEXT, attempts: 1 },
	);
	const shown = message.replace('(tried 2 times)', '(tried N times)');
	return `| ${CALL_RECORDS[id].title} | \`${shown}\` | ${description} | ${yesNo(retried)} | ${yesNo(saysMayHaveApplied(failure))} |`;
}

/** A credential the node refuses: nothing is sent (test/transport/security*.test.ts checks it). */
function credentialRow(id: CredentialProblem['id']): string {
	const { message, description } = explainCredentialProblem({ id, value: '<value>' });
	return `| ${CREDENTIAL_RECORDS[id].title} | \`${message}\` | ${description} | No | No |`;
}

function troubleshootingRows(): string[] {
	const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
	const section = readme.split(/^## Troubleshooting$/m)[1]?.split(/^## /m)[0] ?? '';
	return section
		.split('\n')
		.filter(
			(line) => line.startsWith('| ') && !line.startsWith('| Failure') && !line.startsWith('| ---'),
		);
}

/** Rows about checks made before any call (names, load state): pinned by the operations' tests. */
const ROWS_FROM_OPERATIONS = [
	'Invalid alias or collection name',
	'Collection not loaded (Require Loaded Collection on)',
	'Collection not loading (Wait for Load on)',
	'Collection still loading at the time limit (Wait for Load on)',
];

const CALL_IDS = Object.keys(CALL_RECORDS) as CallRecordId[];
const CREDENTIAL_IDS = Object.keys(CREDENTIAL_RECORDS) as Array<CredentialProblem['id']>;

describe('the failure catalog', () => {
	test.each(CALL_IDS)('%s is what its failure classifies as', async (id) => {
		expect(recordIdFor(await SAMPLES[id]())).toBe(id);
	});

	test('classification reads codes and statuses, not texts', () => {
		expect(recordIdFor(answered(408, 'timeout'))).toBe('server-timeout');
		expect(
			recordIdFor(answered(200, { code: 800, message: 'database not found, database: x' })),
		).toBe('database-not-found');
		expect(
			recordIdFor(answered(200, { code: 800, message: 'database not found[database=x]' })),
		).toBe('database-not-found');
		expect(recordIdFor(answered(429, 'slow down'))).toBe('rate-limited');
		expect(recordIdFor(answered(500, { code: 0 }))).toBe('http-other');
		expect(
			classifyAnswer({ statusCode: 200, body: { code: 200, data: [] } }, asIs),
		).toBeUndefined();
	});

	test('the derived columns follow the classifier: a plain-text 408 is retried and may have applied', async () => {
		const failure = answered(408, 'timeout');
		expect(await isRetried(failure)).toBe(true);
		expect(saysMayHaveApplied(failure)).toBe(true);
		const limited = answered(429, 'slow down');
		expect(await isRetried(limited)).toBe(true);
		expect(saysMayHaveApplied(limited)).toBe(false);
	});

	test('the too-large title states the bound the reader applies', () => {
		expect(CALL_RECORDS['too-large'].title).toBe(
			`Answer larger than ${MAX_ANSWER_BYTES / (1024 * 1024)} MiB`,
		);
	});
});

/** The operations by value, with the names their messages would advise them by. */
const OPERATION_NAMES: Record<string, RegExp> = {
	create: /\bCreate\b(?! or Update)/,
	upsert: /\bCreate or Update\b/,
	update: /(?<!Create or )\bUpdate\b/,
	delete: /\bDelete\b/,
	get: /\bGet\b(?! Many)/,
	getAll: /\bGet Many\b/,
};

/** The operations a text tells the user to use ("use Update, or Create or Update, to ..."). */
function advised(text: string): string[] {
	const advice = [...text.matchAll(/\buse ([^.;:]*)/gi)].map((match) => match[1]).join(' | ');
	return Object.keys(OPERATION_NAMES).filter((op) => OPERATION_NAMES[op].test(advice));
}

describe('advice never names the operation that is running', () => {
	test('the advice reader finds what a message advises', () => {
		expect(advised('Use Update, or Create or Update, to repoint it')).toEqual(['upsert', 'update']);
		expect(advised('to create a missing alias, use Create or Update')).toEqual(['upsert']);
		expect(advised('Check the alias name')).toEqual([]);
	});

	test('Create or Update meeting 1600 or 1602 says to run the item again', async () => {
		for (const id of ['alias-not-found', 'alias-points-elsewhere'] as const) {
			const failure = await SAMPLES[id]();
			const context = { ...README_CONTEXT, operation: 'upsert', attempts: 1 };
			expect(explainFailure(failure, context).message).toMatch(
				/while Create or Update ran.* run the item again/,
			);
		}
	});

	test.each(Object.keys(OPERATION_NAMES))('while running %s', async (operation) => {
		for (const id of CALL_IDS) {
			const failure = await SAMPLES[id]();
			const { message } = explainFailure(failure, { ...README_CONTEXT, operation, attempts: 1 });
			expect({ id, advises: advised(message) }).toEqual({
				id,
				advises: advised(message).filter((op) => op !== operation),
			});
		}
	});
});

describe("README's Troubleshooting table", () => {
	const rows = troubleshootingRows();

	test.each(CALL_IDS)('states what the node does on %s', async (id) => {
		expect(rows).toContain(await callRow(id));
	});

	test.each(CREDENTIAL_IDS)('states what the %s record says', (id) => {
		expect(rows).toContain(credentialRow(id));
	});

	test('has no row that no record or operation test stands for', () => {
		const titles = [
			...CALL_IDS.map((id) => CALL_RECORDS[id].title),
			...CREDENTIAL_IDS.map((id) => CREDENTIAL_RECORDS[id].title),
		];
		const rowTitles = rows.map((row) => row.split(' | ')[0].slice(2));
		expect(
			rowTitles.filter((title) => !titles.includes(title) && !ROWS_FROM_OPERATIONS.includes(title)),
		).toEqual([]);
	});
});
