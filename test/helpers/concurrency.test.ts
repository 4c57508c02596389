/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never part of the package: it lets the event loop turn */
import {
	ADAPTIVE_DEFAULTS,
	RequestLimiter,
	adaptiveConcurrency,
	concurrencyPolicy,
	fixedConcurrency,
} from '../../nodes/MilvusAlias/helpers/concurrency';
import { concurrencyOption } from '../../nodes/MilvusAlias/actions/options';

/** Finishes `count` requests, started one after another, with the same result. */
function finish(policy: ReturnType<typeof adaptiveConcurrency>, count: number, congested: boolean) {
	for (let i = 0; i < count; i++) policy.finished(policy.started(), congested);
}

describe('adaptiveConcurrency', () => {
	/** A clock the test moves: each request is answered after the given time. */
	function clocked(settings: { initial: number; cap: number }) {
		let nowMs = 0;
		const policy = adaptiveConcurrency(settings, () => nowMs);
		/** Sends `count` requests at once and answers them all after `answerMs` each. */
		const round = (count: number, answerMs: number) => {
			const tokens = Array.from({ length: count }, () => policy.started());
			nowMs += answerMs;
			for (const token of tokens) policy.finished(token, false);
		};
		return { policy, round };
	}

	test('the default starts at 32 and stops at 256, numbers the option states', () => {
		const { policy, round } = clocked(ADAPTIVE_DEFAULTS);
		expect(policy.limit()).toBe(32);
		for (let i = 0; i < 10; i++) round(policy.limit(), 200);
		expect(policy.limit()).toBe(256);
		expect(ADAPTIVE_DEFAULTS).toEqual({ initial: 32, cap: 256 });
		expect(concurrencyPolicy(0).limit()).toBe(32);
		expect(concurrencyOption.description).toContain(
			`starts at ${ADAPTIVE_DEFAULTS.initial}, widens up to ${ADAPTIVE_DEFAULTS.cap}`,
		);
	});

	test('slow start: while answers come back as fast as the fastest, it triples per round trip', () => {
		const { policy, round } = clocked({ initial: 4, cap: 1000 });
		round(4, 200);
		expect(policy.limit()).toBe(12);
		round(12, 210);
		expect(policy.limit()).toBe(36);
		// Up to twice the fastest answer (plus 10 ms) is not queueing.
		round(36, 410);
		expect(policy.limit()).toBe(108);
	});

	test('a slower answer (requests wait in line) ends slow start: then about one per round trip', () => {
		const { policy, round } = clocked({ initial: 8, cap: 1000 });
		round(8, 50);
		expect(policy.limit()).toBe(24);
		// 111 ms > 50 × 2 + 10: the server (or n8n) is queueing.
		round(1, 111);
		expect(policy.limit()).toBe(24);
		round(24, 50);
		expect(policy.limit()).toBe(25);
	});

	test('on a nearby server, a few milliseconds of jitter keep slow start going', () => {
		const { policy, round } = clocked({ initial: 8, cap: 1000 });
		round(8, 1);
		round(24, 11);
		expect(policy.limit()).toBe(72);
	});

	test('never goes above the cap', () => {
		const policy = adaptiveConcurrency({ initial: 4, cap: 20 });
		finish(policy, 500, false);
		expect(policy.limit()).toBe(20);
	});

	test('halves on push-back, then grows by about one per round', () => {
		const policy = adaptiveConcurrency({ initial: 16, cap: 64 });
		finish(policy, 1, true);
		expect(policy.limit()).toBe(8);
		finish(policy, 8, false);
		expect(policy.limit()).toBe(8);
		finish(policy, 1, false);
		expect(policy.limit()).toBe(9);
	});

	test('push-back from requests sent before the decrease does not halve again', () => {
		const policy = adaptiveConcurrency({ initial: 32, cap: 64 });
		const inFlight = Array.from({ length: 10 }, () => policy.started());
		for (const token of inFlight) policy.finished(token, true);
		expect(policy.limit()).toBe(16);
		// A request sent under the new window that is pushed back halves it again.
		finish(policy, 1, true);
		expect(policy.limit()).toBe(8);
	});

	test('never goes below one', () => {
		const policy = adaptiveConcurrency({ initial: 2, cap: 8 });
		finish(policy, 20, true);
		expect(policy.limit()).toBe(1);
	});
});

describe('fixedConcurrency', () => {
	test('keeps its limit whatever happens', () => {
		const policy = fixedConcurrency(7);
		policy.finished(policy.started(), true);
		expect(policy.limit()).toBe(7);
	});
});

/** A request that stays in flight until released by the test. */
function gate() {
	let release!: () => void;
	const done = new Promise<void>((resolve) => (release = resolve));
	return { done, release };
}

describe('RequestLimiter', () => {
	test('keeps at most the limit in flight and starts waiting requests first come, first served', async () => {
		const limiter = new RequestLimiter(fixedConcurrency(2));
		const gates = Array.from({ length: 5 }, gate);
		const started: number[] = [];
		let inFlight = 0;
		let maxInFlight = 0;
		const runs = gates.map((g, index) =>
			limiter.run(
				async () => {
					started.push(index);
					maxInFlight = Math.max(maxInFlight, ++inFlight);
					await g.done;
					inFlight--;
					return index;
				},
				() => false,
			),
		);
		await new Promise((resolve) => setImmediate(resolve));
		expect(started).toEqual([0, 1]);
		gates[1].release();
		await runs[1];
		await new Promise((resolve) => setImmediate(resolve));
		expect(started).toEqual([0, 1, 2]);
		for (const g of gates) g.release();
		await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2, 3, 4]);
		expect(started).toEqual([0, 1, 2, 3, 4]);
		expect(maxInFlight).toBe(2);
	});

	test('tells the policy which requests were pushed back, and frees the slot when one throws', async () => {
		const reports: boolean[] = [];
		const limiter = new RequestLimiter({
			limit: () => 1,
			started: () => 0,
			finished: (_token, congested) => reports.push(congested),
		});
		await limiter.run(
			async () => 'busy',
			(result) => result === 'busy',
		);
		await limiter.run(
			async () => 'fine',
			(result) => result === 'busy',
		);
		await expect(
			limiter.run(
				async () => {
					throw new Error('boom');
				},
				() => false,
			),
		).rejects.toThrow('boom');
		await expect(
			limiter.run(
				async () => 'after',
				() => false,
			),
		).resolves.toBe('after');
		expect(reports).toEqual([true, false, false, false]);
	});
});
