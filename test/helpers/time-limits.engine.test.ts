/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never part of the package: a misbehaving HTTP server of its own */
/**
 * Time limits and the concurrency bound, through n8n's real engine against the emulator (and a
 * server of our own that drips its answer). Timing assertions keep generous margins: they
 * check bounds a broken limit would miss by far, not exact durations.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { ADAPTIVE_DEFAULTS } from '../../nodes/MilvusAlias/helpers/concurrency';
import { SEEDS, byName, credentialFor, jsonOf, runOperation, useEmulator } from '../fixtures';

const emulator = useEmulator(SEEDS.products);

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; elapsed: number }> {
	const started = Date.now();
	const result = await run();
	return { result, elapsed: Date.now() - started };
}

/** A server that answers 200 at once, then sends one byte every `everyMs`, never finishing. */
async function drippingServer(everyMs: number) {
	const timers = new Set<NodeJS.Timeout>();
	const server = http.createServer((request, response) => {
		request.resume();
		response.writeHead(200, { 'Content-Type': 'application/json' });
		response.write('{"code":0,"data":{"aliasName":"products","collectionName":"');
		const timer = setInterval(() => response.write('x'), everyMs);
		timers.add(timer);
		response.on('close', () => {
			clearInterval(timer);
			timers.delete(timer);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: async () => {
			for (const timer of timers) clearInterval(timer);
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

describe('Time Limit per Item', () => {
	test('a server that never answers fails the item at the time limit, with retries left', async () => {
		const milvus = emulator.current();
		// A first answer that asks for a retry at once, then silence: the retry (an attempt that
		// may take 5 s) is cut by the 1.2 s limit with 9 retries left. No count here depends on
		// how fast the machine is: exactly two requests, whatever the pace.
		milvus.injectFault({ kind: 'status', status: 503 });
		milvus.injectFault({ kind: 'hang', times: 100 });
		const { result, elapsed } = await timed(
			async () =>
				await runOperation(credentialFor(milvus), 'get', {
					aliasName: 'products',
					options: { timeout: 5_000, maxRetries: 10, retryDelay: 50, itemTimeLimit: 1200 },
				}),
		);
		expect(result.error?.message).toMatch(/Time Limit per Item \(1200 ms\)/);
		expect(result.error?.message).toMatch(/Raise the Time Limit per Item/);
		expect(elapsed).toBeGreaterThanOrEqual(1100);
		expect(elapsed).toBeLessThan(3500);
		expect(milvus.requests).toHaveLength(2);
	});

	test('the backoff never sleeps past the limit: the item fails at once instead', async () => {
		const milvus = emulator.current();
		milvus.injectFault({ kind: 'status', status: 503, times: 100 });
		const { result, elapsed } = await timed(
			async () =>
				await runOperation(credentialFor(milvus), 'get', {
					aliasName: 'products',
					options: { maxRetries: 5, retryDelay: 10_000, itemTimeLimit: 3_000 },
				}),
		);
		expect(result.error?.message).toMatch(/Time Limit per Item \(3000 ms\)/);
		expect(elapsed).toBeLessThan(2_500);
		expect(milvus.requests).toHaveLength(1);
	});

	test('each item gets its own limit; the others go on', async () => {
		const milvus = emulator.current();
		milvus.injectFault({ kind: 'hang', path: 'aliases/describe', times: 1 });
		const result = await runOperation(
			credentialFor(milvus),
			'get',
			{
				aliasName: '={{ $json.alias }}',
				options: { timeout: 5_000, maxRetries: 0, itemTimeLimit: 600, concurrency: 1 },
			},
			[{ alias: 'products' }, { alias: 'customers' }],
			'continueRegularOutput',
		);
		const [first, second] = jsonOf(result);
		expect(String(first.error)).toMatch(/Time Limit per Item \(600 ms\)/);
		expect(second).toEqual({ aliasName: 'customers', collectionName: 'users', dbName: 'default' });
	});

	test('a Timeout beyond what timers can hold is clamped, not an instant failure', async () => {
		const milvus = emulator.current();
		const result = await runOperation(credentialFor(milvus), 'get', {
			aliasName: 'products',
			options: { timeout: 3_000_000_000, itemTimeLimit: 3_000_000_000 },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			{ aliasName: 'products', collectionName: 'products_v1', dbName: 'default' },
		]);
	});
});

describe('a server dripping its answer', () => {
	let dripping: Awaited<ReturnType<typeof drippingServer>>;
	beforeEach(async () => {
		dripping = await drippingServer(50);
	});
	afterEach(async () => {
		await dripping.close();
	});

	test('Timeout bounds the whole attempt, not the silence between bytes', async () => {
		const { result, elapsed } = await timed(
			async () =>
				await runOperation({ endpoint: dripping.url }, 'get', {
					aliasName: 'products',
					options: { timeout: 400, maxRetries: 0 },
				}),
		);
		expect(result.error?.message).toMatch(/400 ms/);
		expect(elapsed).toBeLessThan(2_000);
	});

	test('the item limit holds even when Timeout is longer', async () => {
		const { result, elapsed } = await timed(
			async () =>
				await runOperation({ endpoint: dripping.url }, 'get', {
					aliasName: 'products',
					options: { timeout: 60_000, maxRetries: 3, itemTimeLimit: 700 },
				}),
		);
		expect(result.error?.message).toMatch(/Time Limit per Item \(700 ms\)/);
		expect(elapsed).toBeLessThan(2_500);
	});
});

/**
 * The most requests that arrived within any window shorter than the server's answer delay: each
 * of them was still waiting for its answer when the last one arrived, so this many were in
 * flight at once (a lower bound of the client's count).
 */
function mostInFlight(arrivals: number[], latencyMs: number): number {
	const sorted = [...arrivals].sort((a, b) => a - b);
	let most = 0;
	let first = 0;
	for (let last = 0; last < sorted.length; last++) {
		while (sorted[last] - sorted[first] >= latencyMs - 10) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}

describe('concurrency', () => {
	test('a fixed Concurrency bounds every request, Get Many describes included', async () => {
		const milvus = emulator.current();
		for (let i = 0; i < 12; i++) milvus.setAlias('default', `extra_${i}`, 'users');
		milvus.setLatency(80);
		const result = await runOperation(
			credentialFor(milvus),
			'getAll',
			{ returnAll: true, options: { concurrency: 3 } },
			[{}, {}, {}],
		);
		expect(result.error).toBeUndefined();
		// 15 aliases per item
		expect(jsonOf(result)).toHaveLength(45);
		const describes = milvus.requests.filter((r) => r.path.endsWith('aliases/describe'));
		expect(describes).toHaveLength(45);
		const most = mostInFlight(
			milvus.requests.map((r) => r.at),
			80,
		);
		expect(most).toBeLessThanOrEqual(3);
		expect(most).toBeGreaterThanOrEqual(2);
	});

	test('by default the number in flight adapts: wider than its start of 32 at latency, never above 256', async () => {
		const milvus = emulator.current();
		// A long answer delay, so even a slow, loaded machine starts many requests within it.
		milvus.setLatency(300);
		const items = Array.from({ length: 200 }, (_, i) => ({ alias: `bulk_${i}` }));
		const result = await runOperation(
			credentialFor(milvus),
			'create',
			{ aliasName: '={{ $json.alias }}', collectionName: byName('users') },
			items,
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(200);
		expect(jsonOf(result).map((json) => json.aliasName)).toEqual(items.map((i) => i.alias));
		const most = mostInFlight(
			milvus.requests.map((r) => r.at),
			300,
		);
		expect(most).toBeGreaterThan(ADAPTIVE_DEFAULTS.initial);
		expect(most).toBeLessThanOrEqual(ADAPTIVE_DEFAULTS.cap);
	});

	test('against a Milvus that executes alias changes one at a time, the window stops growing', async () => {
		const milvus = emulator.current();
		const latencyMs = 50;
		const changeMs = 20;
		milvus.setLatency(latencyMs);
		milvus.setChangeTime(changeMs);
		const items = Array.from({ length: 100 }, (_, i) => ({ alias: `queued_${i}` }));
		const result = await runOperation(
			credentialFor(milvus),
			'create',
			{ aliasName: '={{ $json.alias }}', collectionName: byName('users') },
			items,
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((json) => json.aliasName)).toEqual(items.map((i) => i.alias));
		// When each create was answered follows from the arrivals: after the latency, in line.
		const arrivals = milvus.requests
			.filter((r) => r.path.endsWith('/aliases/create'))
			.map((r) => r.at)
			.sort((a, b) => a - b);
		expect(arrivals).toHaveLength(100);
		const answered: number[] = [];
		arrivals.forEach((at, i) => {
			answered.push(Math.max(at + latencyMs, i > 0 ? answered[i - 1] : 0) + changeMs);
		});
		const most = Math.max(
			...arrivals.map((at) => arrivals.filter((a, i) => a <= at && answered[i] > at).length),
		);
		// The first 32 go out at once; their answers come back one by one, ever later, so slow
		// start ends within a few answers (the window would be 96 after one round otherwise).
		expect(most).toBeGreaterThanOrEqual(ADAPTIVE_DEFAULTS.initial);
		expect(most).toBeLessThanOrEqual(48);
	});

	test('the adaptive default narrows when Milvus rate-limits, and every item still succeeds', async () => {
		const milvus = emulator.current();
		milvus.setLatency(20);
		milvus.injectFault({ kind: 'code', code: 1807, path: 'aliases/create', times: 30 });
		const items = Array.from({ length: 60 }, (_, i) => ({ alias: `bulk_${i}` }));
		const result = await runOperation(
			credentialFor(milvus),
			'create',
			{
				aliasName: '={{ $json.alias }}',
				collectionName: byName('users'),
				options: { retryDelay: 20, maxRetries: 10 },
			},
			items,
		);
		expect(result.error).toBeUndefined();
		expect(Object.keys(milvus.getAliases()).filter((a) => a.startsWith('bulk_'))).toHaveLength(60);
	});
});
