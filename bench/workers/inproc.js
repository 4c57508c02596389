'use strict';
/**
 * Forked by bench/run.js (which owns the emulator). Two in-process measurements against the
 * emulator over loopback, for `n` creates per repetition:
 *  - engine: the Milvus Alias node (from dist/) through n8n-core's WorkflowExecute via
 *    test/harness/n8n-harness.ts, for each node `options.concurrency` asked for;
 *  - floor: raw HTTP loops doing the same creates: undici keep-alive (sequential and with a
 *    bounded number of requests in flight) and node:http with a fresh TCP connection per request
 *    (what n8n's helper does: it builds a new http.Agent for every request).
 * Config: JSON in argv[2]. Result: { engine, floor } through IPC.
 */
const http = require('node:http');
const { prepareEnv, loadHarness } = require('../lib/ts-harness');
const { summary, round, nowMs, rpcClient, finish } = require('../lib/common');

const config = JSON.parse(process.argv[2]);
const rpc = rpcClient();
const { url, token, n, k, reps, warmup, concurrencies, floorConcurrencies } = config;

const itemsFor = (prefix) =>
	Array.from({ length: n }, (_, i) => ({ alias: `${prefix}a_${i}`, collection: `c_${i % k}` }));

async function engine(harness) {
	const out = {};
	for (const concurrency of concurrencies) {
		const wall = [];
		const exec = [];
		for (let rep = -warmup; rep < reps; rep++) {
			await rpc('reset');
			const items = itemsFor(`e${concurrency}_${rep + warmup}_`);
			const t0 = nowMs();
			const result = await harness.runMilvusAlias({
				credentials: { endpoint: url, token },
				parameters: {
					operation: 'create',
					aliasName: '={{ $json.alias }}',
					collectionName: { __rl: true, mode: 'name', value: '={{ $json.collection }}' },
					options: { concurrency },
				},
				items,
			});
			const elapsed = nowMs() - t0;
			const task = result.run.data.resultData.runData[harness.NODE_NAME][0];
			const produced = result.outputs[0] ? result.outputs[0].length : 0;
			if (result.run.status !== 'success' || produced !== n) {
				throw new Error(
					`engine run failed: status ${result.run.status}, ${produced}/${n} items, ${result.error && result.error.message}`,
				);
			}
			const created = await rpc('aliasCount');
			if (created !== n)
				throw new Error(`engine run: emulator holds ${created} aliases, expected ${n}`);
			if (rep >= 0) {
				wall.push(elapsed);
				exec.push(task.executionTime);
			}
		}
		out[concurrency] = {
			executionTimeMs: summary(exec),
			wallMs: summary(wall),
			perItemMs: round(summary(exec).median / n, 3),
		};
	}
	return out;
}

function bodyFor(item) {
	return JSON.stringify({ collectionName: item.collection, aliasName: item.alias });
}

async function checkAnswer(statusCode, text) {
	if (statusCode !== 200) throw new Error(`HTTP ${statusCode}`);
	const body = JSON.parse(text);
	if (body.code !== 0) throw new Error(`Milvus code ${body.code}: ${body.message}`);
}

/** Runs `task(i)` for i < n with at most `concurrency` in flight; resolves when all are done. */
async function pool(count, concurrency, task) {
	let next = 0;
	const worker = async () => {
		while (next < count) await task(next++);
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

async function floor() {
	const undici = require('undici');
	const target = `${url}/v2/vectordb/aliases/create`;
	const headers = {
		'content-type': 'application/json',
		authorization: `Bearer ${token}`,
		accept: 'application/json',
	};
	const variants = [];
	for (const concurrency of floorConcurrencies) {
		variants.push({
			name: `undici keep-alive, concurrency ${concurrency}`,
			transport: 'undici',
			concurrency,
		});
	}
	for (const concurrency of floorConcurrencies) {
		variants.push({
			name: `node:http new connection per request, concurrency ${concurrency}`,
			transport: 'http',
			concurrency,
		});
	}
	const out = {};
	for (const variant of variants) {
		const times = [];
		for (let rep = -warmup; rep < reps; rep++) {
			await rpc('reset');
			const items = itemsFor(`f${variant.transport}${variant.concurrency}_${rep + warmup}_`);
			const agent =
				variant.transport === 'undici'
					? new undici.Agent({ connections: variant.concurrency, keepAliveTimeout: 10_000 })
					: null;
			const one =
				variant.transport === 'undici'
					? async (i) => {
							const res = await undici.request(target, {
								method: 'POST',
								headers,
								body: bodyFor(items[i]),
								dispatcher: agent,
							});
							await checkAnswer(res.statusCode, await res.body.text());
						}
					: (i) =>
							new Promise((resolve, reject) => {
								const payload = bodyFor(items[i]);
								const req = http.request(
									target,
									{
										method: 'POST',
										agent: new http.Agent(),
										headers: { ...headers, 'content-length': Buffer.byteLength(payload) },
									},
									(res) => {
										let text = '';
										res.setEncoding('utf8');
										res.on('data', (chunk) => (text += chunk));
										res.on('end', () => checkAnswer(res.statusCode, text).then(resolve, reject));
									},
								);
								req.on('error', reject);
								req.end(payload);
							});
			const t0 = nowMs();
			await pool(n, variant.concurrency, one);
			const elapsed = nowMs() - t0;
			if (agent) await agent.close();
			const created = await rpc('aliasCount');
			if (created !== n)
				throw new Error(`${variant.name}: emulator holds ${created} aliases, expected ${n}`);
			if (rep >= 0) times.push(elapsed);
		}
		const s = summary(times);
		out[variant.name] = {
			transport: variant.transport,
			concurrency: variant.concurrency,
			totalMs: s,
			perItemMs: round(s.median / n, 3),
		};
	}
	return out;
}

(async () => {
	prepareEnv();
	const t0 = nowMs();
	const harness = loadHarness();
	const harnessLoadMs = nowMs() - t0;
	const result = {
		harnessLoadMs: round(harnessLoadMs),
		engine: await engine(harness),
		floor: await floor(),
	};
	finish(result);
})().catch((error) => {
	process.send({ error: String((error && error.stack) || error) }, () => process.exit(1));
});
