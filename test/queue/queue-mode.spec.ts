/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a test suite run by Node's own test runner, not part of the node */
/**
 * `npm run test:queue`: the node in n8n's queue mode, as an operator runs it. Redis, PostgreSQL,
 * an n8n 2.41.1 main and two workers with the package installed from its tarball; a published
 * webhook workflow (Webhook → Milvus Alias "Create or Update" → Respond to Webhook) against the
 * Milvus emulator. Asserts on the webhook answers, the emulator's state and the requests it got,
 * and the workers' logs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { startEmulator } from '../../tooling/emulator';
import type { MilvusEmulator } from '../../tooling/emulator';
import type { QueueCluster, Worker } from './cluster';
import { WORKER_CONCURRENCY, startQueueCluster } from './cluster';
import { stopEverythingOnInterrupt, waitFor } from './processes';
import { CREDENTIAL, WEBHOOK_PATH, WORKFLOW_ID, aliasSwitchWorkflow } from './workflow';

const BLUE = 'queue_docs_blue';
const GREEN = 'queue_docs_green';
const DISTINCT_ALIASES = Array.from(
	{ length: 20 },
	(_, i) => `queue_alias_${String(i).padStart(2, '0')}`,
);
const SHARED_ALIAS = 'queue_shared';
const FRESH_ALIAS = 'queue_fresh';
/** More than one worker runs at once (WORKER_CONCURRENCY), so both workers take some. */
const SAME_ALIAS_CALLS = 12;
const CALL_TIMEOUT_MS = 60000;
/** Each Milvus answer takes this long, so jobs overlap and both workers must take some. */
const EMULATOR_LATENCY_MS = 150;

interface SwitchAnswer {
	status: number;
	text: string;
	json: Record<string, unknown> | undefined;
}

const started = Date.now();
const log = (line: string) =>
	process.stdout.write(`[queue ${((Date.now() - started) / 1000).toFixed(1)} s] ${line}\n`);

let emulator: MilvusEmulator;
let cluster: QueueCluster;
let main: { baseUrl: string; log(): string };
let webhookUrl: string;
let workers: Worker[] = [];

async function callSwitch(alias: string, collection: string): Promise<SwitchAnswer> {
	const response = await fetch(webhookUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ alias, collection }),
		signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
	});
	const text = await response.text();
	let json: Record<string, unknown> | undefined;
	try {
		json = JSON.parse(text) as Record<string, unknown>;
	} catch {
		json = undefined;
	}
	return { status: response.status, text, json };
}

/**
 * Main answers requests before it has registered the published workflows' webhooks. A CORS
 * preflight tells when the webhook exists without running the workflow: 204 with POST among the
 * allowed methods.
 */
async function waitForWebhook(url: string): Promise<void> {
	let last = '';
	await waitFor(
		async () => {
			try {
				const response = await fetch(url, {
					method: 'OPTIONS',
					headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
					signal: AbortSignal.timeout(5000),
				});
				const allowed = response.headers.get('access-control-allow-methods') ?? '';
				last = `HTTP ${response.status} ${await response.text()}`;
				return response.status === 204 && allowed.includes('POST');
			} catch (error) {
				last = String(error);
				return false;
			}
		},
		{ timeoutMs: 120000, intervalMs: 500, describe: () => `webhook not registered: ${last}` },
	);
}

/** Execution IDs a worker reports as started in `logText`. */
function startedExecutions(logText: string): string[] {
	return [...logText.matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]);
}

/** What the workers logged about failures since `marks`: the context a failed assertion needs. */
function workerFailures(marks: number[]): string {
	const lines = workers.flatMap((worker, i) =>
		worker.process
			.logSince(marks[i])
			.split('\n')
			.filter((line) => /error|fail|timed out|unrecognized/i.test(line))
			.map((line) => `${worker.label}: ${line}`),
	);
	return lines.slice(0, 30).join('\n');
}

function logMarks(): number[] {
	return workers.map((worker) => worker.process.log().length);
}

function executionsSince(marks: number[]): string[][] {
	return workers.map((worker, i) => startedExecutions(worker.process.logSince(marks[i])));
}

/** Every call ran as one execution on a worker, and each worker ran some of them. */
function assertBothWorkersTookPart(marks: number[], calls: number, what: string): void {
	const perWorker = executionsSince(marks);
	log(
		`${what}: executions per worker: ${workers.map((w, i) => `${w.label} ${perWorker[i].length}`).join(', ')}`,
	);
	const all = perWorker.flat();
	assert.equal(new Set(all).size, calls, `${what}: every call ran as one execution on a worker`);
	assert.equal(all.length, calls, `${what}: no execution ran twice`);
	for (const [i, worker] of workers.entries())
		assert.ok(perWorker[i].length > 0, `${what}: ${worker.label} ran none of the executions`);
}

/** The answer the README promises a webhook caller when the worker lacks the package. */
function promisedAnswerWithoutPackage(): string {
	const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
	const promised = /gets HTTP 500\s+`([^`]+)`/.exec(readme)?.[1];
	assert.ok(promised, 'README: no "gets HTTP 500 `…`" in Running in queue mode');
	return promised;
}

describe(
	'Milvus Alias in n8n queue mode (main + Redis + PostgreSQL + 2 workers)',
	{ timeout: 15 * 60000 },
	() => {
		before(async () => {
			stopEverythingOnInterrupt(async () => {
				if (cluster) await cluster.stop();
				if (emulator) await emulator.close();
			});
			emulator = await startEmulator({
				auth: { users: { root: 'Milvus' } },
				latency: EMULATOR_LATENCY_MS,
				databases: {
					default: {
						collections: { [BLUE]: {}, [GREEN]: {} },
						aliases: Object.fromEntries(
							[...DISTINCT_ALIASES, SHARED_ALIAS].map((alias) => [alias, BLUE]),
						),
					},
				},
			});
			cluster = await startQueueCluster(log);
			const { n8n } = cluster;
			await n8n.importCredentials([
				{
					...CREDENTIAL,
					type: 'milvusRestApi',
					data: { endpoint: emulator.url, token: 'root:Milvus', ignoreSslIssues: false },
				},
			]);
			await n8n.importWorkflow(aliasSwitchWorkflow(n8n.nodeType));
			const published = await n8n.run(['publish:workflow', `--id=${WORKFLOW_ID}`], {
				timeoutMs: 120000,
			});
			assert.equal(published.rc, 0, `publish:workflow failed:\n${published.output.slice(-3000)}`);
			// Workers need only the database (migrated by the imports) and Redis, not main.
			const [startedMain, ...startedWorkers] = await Promise.all([
				cluster.startMain(),
				cluster.startWorker('worker-a'),
				cluster.startWorker('worker-b'),
			]);
			main = startedMain;
			workers = startedWorkers;
			webhookUrl = `${main.baseUrl}/webhook/${WEBHOOK_PATH}`;
			await waitForWebhook(webhookUrl);
		});

		after(async () => {
			if (cluster) await cluster.stop();
			if (emulator) await emulator.close();
		});

		it('runs concurrent calls for distinct aliases on the workers, all successful', async () => {
			const marks = logMarks();
			emulator.clearRequests();
			const answers = await Promise.all(DISTINCT_ALIASES.map((alias) => callSwitch(alias, GREEN)));

			answers.forEach((answer, i) => {
				assert.equal(
					answer.status,
					200,
					`${DISTINCT_ALIASES[i]}: HTTP ${answer.status} ${answer.text}\n${workerFailures(marks)}`,
				);
				assert.deepEqual(answer.json, {
					aliasName: DISTINCT_ALIASES[i],
					collectionName: GREEN,
					dbName: 'default',
					action: 'updated',
					previousCollectionName: BLUE,
				});
			});
			const aliases = emulator.getAliases();
			for (const alias of DISTINCT_ALIASES) assert.equal(aliases[alias], GREEN, alias);
			const altered = emulator.requests
				.filter((request) => request.path === '/v2/vectordb/aliases/alter')
				.map((request) => (request.body as { aliasName?: string }).aliasName)
				.sort();
			assert.deepEqual(altered, [...DISTINCT_ALIASES].sort(), 'one alter per alias');
			assert.ok(
				emulator.requests.every(
					(request) => request.headers.authorization === 'Bearer root:Milvus',
				),
				'the workers decrypted the credential and sent its token',
			);

			assertBothWorkersTookPart(marks, DISTINCT_ALIASES.length, 'distinct aliases');
		});

		it('ends concurrent "Create or Update" calls for one alias in the requested state', async () => {
			assert.ok(SAME_ALIAS_CALLS > WORKER_CONCURRENCY, 'more calls than one worker runs at once');
			const marks = logMarks();
			const switched = await Promise.all(
				Array.from({ length: SAME_ALIAS_CALLS }, () => callSwitch(SHARED_ALIAS, GREEN)),
			);
			// The race is between workers: both ran executions switching the one alias.
			assertBothWorkersTookPart(marks, SAME_ALIAS_CALLS, 'one existing alias');
			const createMarks = logMarks();
			const created = await Promise.all(
				Array.from({ length: SAME_ALIAS_CALLS }, () => callSwitch(FRESH_ALIAS, GREEN)),
			);
			assertBothWorkersTookPart(createMarks, SAME_ALIAS_CALLS, 'one new alias');

			for (const answer of [...switched, ...created])
				assert.equal(
					answer.status,
					200,
					`HTTP ${answer.status} ${answer.text}\n${workerFailures(marks)}`,
				);
			const aliases = emulator.getAliases();
			assert.equal(aliases[SHARED_ALIAS], GREEN);
			assert.equal(aliases[FRESH_ALIAS], GREEN);

			// Each execution reports what it saw; only the outcome is ordered across executions.
			for (const answer of switched) {
				assert.equal(answer.json?.collectionName, GREEN);
				assert.ok(
					(answer.json?.action === 'updated' && answer.json?.previousCollectionName === BLUE) ||
						(answer.json?.action === 'unchanged' && answer.json?.previousCollectionName === GREEN),
					answer.text,
				);
			}
			assert.ok(
				switched.some((answer) => answer.json?.action === 'updated'),
				'one execution moved the alias off the blue collection',
			);
			for (const answer of created) {
				assert.equal(answer.json?.collectionName, GREEN);
				assert.ok(
					(answer.json?.action === 'created' && answer.json?.previousCollectionName === null) ||
						(answer.json?.action === 'unchanged' && answer.json?.previousCollectionName === GREEN),
					answer.text,
				);
			}
			assert.ok(
				created.some((answer) => answer.json?.action === 'created'),
				'someone created the alias',
			);
		});

		it('fails the jobs of a worker without the package with "Unrecognized node type"', async () => {
			// No calls are made meanwhile, so the new worker can start while the others stop.
			const [bare] = await Promise.all([
				cluster.startWorker('worker-without-package', { withPackage: false }),
				...workers.map((worker) => worker.process.stop()),
			]);
			workers = [bare];
			const marks = logMarks();
			const mainMark = main.log().length;
			const aliasesBefore = emulator.getAliases();
			emulator.clearRequests();

			const answer = await callSwitch(SHARED_ALIAS, BLUE);

			log(`the webhook caller got HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
			assert.equal(answer.status, 500, `HTTP ${answer.status} ${answer.text}`);
			// What the README promises the caller, and what that is.
			assert.equal(answer.text, promisedAnswerWithoutPackage());
			assert.deepEqual(answer.json, { message: 'Error in workflow' });
			const workerLog = bare.process.logSince(marks[0]);
			const [execution] = startedExecutions(workerLog);
			assert.ok(execution, workerLog);
			const operatorMessage = `Unrecognized node type: n8n-nodes-milvus-alias.milvusAlias (execution ${execution})`;
			assert.ok(workerLog.includes(operatorMessage), workerLog);
			assert.ok(
				main.log().slice(mainMark).includes(operatorMessage),
				'main logs the failed job too',
			);
			assert.equal(emulator.requests.length, 0, 'no request reached Milvus');
			assert.deepEqual(emulator.getAliases(), aliasesBefore, 'no alias moved');
			const health = await fetch(bare.healthUrl, { signal: AbortSignal.timeout(5000) });
			assert.equal(
				health.status,
				200,
				'the worker still reports ready: only its jobs show the problem',
			);
		});
	},
);
