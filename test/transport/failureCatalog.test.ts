/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a test, never part of the package: it reads README.md */
/**
 * The failure catalog: every record is reachable from a classified failure, and the README's
 * Troubleshooting table states exactly what the records say (message, advice, retried, may
 * have applied), so the two cannot drift. Pure: no server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type {
	CallRecordId,
	EndpointProblemId,
} from '../../nodes/MilvusAlias/transport/failureCatalog';
import {
	CALL_RECORDS,
	ENDPOINT_RECORDS,
	recordIdFor,
} from '../../nodes/MilvusAlias/transport/failureCatalog';
import { explainEndpointProblem, explainFailure } from '../../nodes/MilvusAlias/transport/explain';
import type { MilvusFailure } from '../../nodes/MilvusAlias/transport/failures';
import { classifyAnswer, classifyThrown } from '../../nodes/MilvusAlias/transport/failures';

const transient = { transient: true, ambiguous: true };
const final = { transient: false, ambiguous: false };

/** One failure per record, as the classifier produces it. */
const SAMPLES: Record<CallRecordId, MilvusFailure> = {
	refused: { kind: 'network', networkCode: 'ECONNREFUSED', detail: '…', ...final },
	dns: { kind: 'network', networkCode: 'ENOTFOUND', detail: '…', ...final },
	unreachable: { kind: 'network', networkCode: 'EHOSTUNREACH', detail: '<reason>', ...final },
	'tls-untrusted': {
		kind: 'tls',
		networkCode: 'DEPTH_ZERO_SELF_SIGNED_CERT',
		detail: '…',
		...final,
	},
	'tls-handshake': { kind: 'tls', networkCode: 'EPROTO', detail: '…', ...final },
	'http-to-https': {
		kind: 'http',
		httpStatus: 400,
		detail: 'Client sent an HTTP request to an HTTPS server.',
		...final,
	},
	closed: { kind: 'network', networkCode: 'ECONNRESET', detail: '…', ...transient },
	'client-timeout': { kind: 'timeout', networkCode: 'ECONNABORTED', detail: '…', ...transient },
	'time-limit': {
		kind: 'timeout',
		timeLimitMs: '<Time Limit>' as unknown as number,
		detail: '…',
		...final,
		ambiguous: true,
	},
	'server-timeout': {
		kind: 'milvus',
		milvusCode: 10001,
		httpStatus: 408,
		detail: '…',
		...transient,
	},
	unavailable: { kind: 'http', httpStatus: 503, detail: '…', ...transient },
	'rate-limited': {
		kind: 'milvus',
		milvusCode: 1807,
		httpStatus: 200,
		detail: '…',
		transient: true,
		ambiguous: false,
	},
	'not-found': { kind: 'http', httpStatus: 404, detail: '…', ...final },
	redirect: { kind: 'redirect', httpStatus: 302, location: '<location>', detail: '', ...final },
	'not-milvus': { kind: 'notMilvus', httpStatus: 200, detail: '…', ...final },
	malformed: { kind: 'malformed', detail: '…', ...final },
	'ssrf-blocked': { kind: 'blocked', detail: '…', ...final },
	cancelled: { kind: 'cancelled', detail: '…', transient: false, ambiguous: true },
	unauthenticated: { kind: 'milvus', milvusCode: 1800, httpStatus: 401, detail: '…', ...final },
	forbidden: { kind: 'http', httpStatus: 403, detail: '…', ...final },
	'http-other': { kind: 'http', httpStatus: 500, detail: '…', ...final },
	'collection-not-found': { kind: 'milvus', milvusCode: 100, detail: '…', ...final },
	'database-not-found': { kind: 'milvus', milvusCode: 800, detail: '…', ...final },
	'invalid-parameter': { kind: 'milvus', milvusCode: 1100, detail: '…', ...final },
	'alias-not-found': { kind: 'milvus', milvusCode: 1600, detail: '…', ...final },
	'alias-is-collection': { kind: 'milvus', milvusCode: 1601, detail: '…', ...final },
	'alias-points-elsewhere': { kind: 'milvus', milvusCode: 1602, detail: '…', ...final },
	'body-not-readable': { kind: 'milvus', milvusCode: 1801, detail: '…', ...final },
	'milvus-other': { kind: 'milvus', milvusCode: 65535, detail: '…', ...final },
};

/** The README's placeholders for the user's values. */
const README_CONTEXT = {
	operation: 'create',
	aliasName: '<alias>',
	collectionName: '<collection>',
	dbName: '<db>',
	endpoint: '<endpoint>',
	hostPort: '<host:port>',
	timeoutMs: '<Timeout>' as unknown as number,
};

const yesNo = (flag: boolean) => (flag ? 'Yes' : 'No');

/** The README row a record stands for (a failing check prints it, ready to paste). */
function readmeRow(id: CallRecordId | EndpointProblemId): string {
	if (id in ENDPOINT_RECORDS) {
		const record = ENDPOINT_RECORDS[id as EndpointProblemId];
		const { message, description } = explainEndpointProblem({
			id: id as EndpointProblemId,
			value: '<value>',
		});
		return `| ${record.title} | \`${message}\` | ${description} | No | No |`;
	}
	const record = CALL_RECORDS[id as CallRecordId];
	const failure = { ...SAMPLES[id as CallRecordId], ambiguous: false };
	// Retried failures end up "tried N times", N being 1 + Max Retries.
	const message = explainFailure(failure, {
		...README_CONTEXT,
		attempts: record.retried ? 2 : 1,
	}).message.replace('(tried 2 times)', '(tried N times)');
	const advice = explainFailure(failure, { ...README_CONTEXT, attempts: 1 }).description;
	return `| ${record.title} | \`${message}\` | ${advice} | ${yesNo(record.retried)} | ${yesNo(record.mayHaveApplied)} |`;
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

describe('the failure catalog', () => {
	test.each(Object.keys(SAMPLES) as CallRecordId[])(
		'%s is what its failure classifies as',
		(id) => {
			expect(recordIdFor(SAMPLES[id])).toBe(id);
		},
	);

	test('every record has a sample', () => {
		expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(CALL_RECORDS).sort());
	});

	test('classification reads codes and statuses, not texts', () => {
		expect(recordIdFor(classifyAnswer(408, 'timeout')!)).toBe('server-timeout');
		expect(recordIdFor(classifyAnswer(408, { code: 10001, message: 'request timeout' })!)).toBe(
			'server-timeout',
		);
		expect(
			recordIdFor(classifyAnswer(200, { code: 800, message: 'database not found, database: x' })!),
		).toBe('database-not-found');
		expect(
			recordIdFor(classifyAnswer(200, { code: 800, message: 'database not found[database=x]' })!),
		).toBe('database-not-found');
		expect(recordIdFor(classifyAnswer(429, 'slow down')!)).toBe('rate-limited');
		expect(recordIdFor(classifyAnswer(302, '', 'http://elsewhere/')!)).toBe('redirect');
		expect(recordIdFor(classifyAnswer(500, { code: 0 })!)).toBe('http-other');
		expect(
			recordIdFor(classifyThrown({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })),
		).toBe('refused');
		expect(classifyAnswer(200, { code: 200, data: [] })).toBeUndefined();
	});

	test('a plain-text 408 may have applied a change and is retried', () => {
		expect(classifyAnswer(408, 'timeout')).toMatchObject({ transient: true, ambiguous: true });
	});
});

describe("README's Troubleshooting table", () => {
	const rows = troubleshootingRows();
	const ids = [...Object.keys(ENDPOINT_RECORDS), ...Object.keys(CALL_RECORDS)] as Array<
		CallRecordId | EndpointProblemId
	>;

	test.each(ids)('states what the %s record says', (id) => {
		expect(rows).toContain(readmeRow(id));
	});

	test('has no row that no record or operation test stands for', () => {
		const titles = ids.map((id) => ({ ...ENDPOINT_RECORDS, ...CALL_RECORDS })[id].title);
		const rowTitles = rows.map((row) => row.split(' | ')[0].slice(2));
		expect(
			rowTitles.filter((title) => !titles.includes(title) && !ROWS_FROM_OPERATIONS.includes(title)),
		).toEqual([]);
	});
});
