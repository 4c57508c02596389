/**
 * Wait for Load: the polling (pure, with a simulated clock). The option through n8n's engine
 * against every emulator profile is in waitForLoadOption.test.ts.
 */
import type {
	LoadReading,
	LoadWaitTiming,
} from '../../../nodes/MilvusAlias/actions/alias/waitForLoad';
import {
	FIRST_POLL_INTERVAL_MS,
	MAX_POLL_INTERVAL_MS,
	describeLoadReading,
	pollIntervalMs,
	waitUntilLoaded,
} from '../../../nodes/MilvusAlias/actions/alias/waitForLoad';

/** A clock that only moves when the code under test waits; records every pause. */
function simulatedTiming(options: { random?: number; cancelAfterWaits?: number } = {}) {
	let now = 1_000;
	const pauses: number[] = [];
	const timing: LoadWaitTiming = {
		now: () => now,
		random: () => options.random ?? 0.5,
		wait: async (ms) => {
			if (options.cancelAfterWaits !== undefined && pauses.length >= options.cancelAfterWaits) {
				return false;
			}
			pauses.push(ms);
			now += ms;
			return true;
		},
	};
	return {
		timing,
		pauses,
		elapsed: () => now - 1_000,
		/** Time passing while the code under test waits for an answer. */
		advance: (ms: number) => {
			now += ms;
		},
	};
}

/** Answers the given states in order, repeating the last one. */
function states(...sequence: LoadReading[]) {
	let reads = 0;
	const read = async () => sequence[Math.min(reads++, sequence.length - 1)];
	return { read, reads: () => reads };
}

const loading = (progress?: number): LoadReading => ({ state: 'LoadStateLoading', progress });
const loaded: LoadReading = { state: 'LoadStateLoaded' };

describe('waitUntilLoaded', () => {
	test('an already loaded collection: one reading, no wait', async () => {
		const clock = simulatedTiming();
		const probe = states(loaded);
		await expect(waitUntilLoaded(probe.read, 60_000, clock.timing)).resolves.toEqual({
			outcome: 'loaded',
			waitedMs: 0,
		});
		expect(probe.reads()).toBe(1);
		expect(clock.pauses).toEqual([]);
	});

	test('an already loaded collection reports 0 even when every clock reading moves on', async () => {
		// A busy machine: a millisecond passes between any two readings of the clock.
		let now = 1_000;
		const timing: LoadWaitTiming = {
			now: () => now++,
			random: () => 0.5,
			wait: async () => true,
		};
		await expect(waitUntilLoaded(states(loaded).read, 60_000, timing)).resolves.toEqual({
			outcome: 'loaded',
			waitedMs: 0,
		});
	});

	test('loading, then loaded: polls until loaded and reports the time waited', async () => {
		const clock = simulatedTiming({ random: 0 });
		const probe = states(loading(10), loading(60), loaded);
		const result = await waitUntilLoaded(probe.read, 60_000, clock.timing);
		expect(probe.reads()).toBe(3);
		expect(clock.pauses).toEqual([
			FIRST_POLL_INTERVAL_MS * 0.75,
			FIRST_POLL_INTERVAL_MS * 1.5 * 0.75,
		]);
		expect(result).toEqual({ outcome: 'loaded', waitedMs: clock.elapsed() });
	});

	test('never loads: stops at the time available, the last pause cut to fit, with a final reading', async () => {
		const clock = simulatedTiming();
		const probe = states(loading(40));
		const result = await waitUntilLoaded(probe.read, 5_000, clock.timing);
		expect(result).toEqual({ outcome: 'timeLimit', waitedMs: 5_000, last: loading(40) });
		expect(clock.elapsed()).toBe(5_000);
		expect(clock.pauses.every((pause) => pause <= MAX_POLL_INTERVAL_MS)).toBe(true);
		// one reading after every pause, plus the first
		expect(probe.reads()).toBe(clock.pauses.length + 1);
	});

	test('a slow first answer counts: the time available runs from before the first request', async () => {
		// Time Limit 10 s, a tenth kept for the change: 9 s to wait; the first answer takes 6 s.
		const clock = simulatedTiming();
		let reads = 0;
		const read = async () => {
			if (reads++ === 0) clock.advance(6_000);
			return loading(20);
		};
		const result = await waitUntilLoaded(read, 9_000, clock.timing);
		expect(result).toEqual({ outcome: 'timeLimit', waitedMs: 9_000, last: loading(20) });
		// The pauses fill the 3 s left after that answer, not 9 s more.
		expect(clock.pauses.reduce((sum, pause) => sum + pause, 0)).toBe(3_000);
		expect(clock.elapsed()).toBe(9_000);
	});

	test('a slow first answer, then loaded: the time waited includes that answer', async () => {
		const clock = simulatedTiming({ random: 0 });
		let reads = 0;
		const read = async () => {
			if (reads++ === 0) clock.advance(6_000);
			return reads === 1 ? loading(90) : loaded;
		};
		const result = await waitUntilLoaded(read, 9_000, clock.timing);
		expect(result).toEqual({ outcome: 'loaded', waitedMs: 6_000 + FIRST_POLL_INTERVAL_MS * 0.75 });
	});

	test('no time available: one reading, no wait', async () => {
		const clock = simulatedTiming();
		const probe = states(loading());
		await expect(waitUntilLoaded(probe.read, 0, clock.timing)).resolves.toEqual({
			outcome: 'timeLimit',
			waitedMs: 0,
			last: loading(),
		});
		expect(probe.reads()).toBe(1);
	});

	test('the time ran out during a reading: ends on the time limit with the state seen last', async () => {
		const clock = simulatedTiming();
		const answers: Array<LoadReading | undefined> = [loading(30), undefined];
		const read = async () => answers.shift();
		const result = await waitUntilLoaded(read, 60_000, clock.timing);
		expect(result).toEqual({ outcome: 'timeLimit', waitedMs: clock.elapsed(), last: loading(30) });
		expect(clock.elapsed()).toBeGreaterThan(0);
	});

	test('nothing loads the collection (LoadStateNotLoad): ends at once instead of waiting', async () => {
		const clock = simulatedTiming();
		const probe = states({ state: 'LoadStateNotLoad' });
		await expect(waitUntilLoaded(probe.read, 60_000, clock.timing)).resolves.toEqual({
			outcome: 'notLoading',
			waitedMs: 0,
			last: { state: 'LoadStateNotLoad' },
		});
		expect(clock.pauses).toEqual([]);
	});

	test('cancelled during a pause: ends at once with the state seen last', async () => {
		const clock = simulatedTiming({ cancelAfterWaits: 2 });
		const probe = states(loading(5), loading(7), loading(9));
		const result = await waitUntilLoaded(probe.read, 60_000, clock.timing);
		expect(result).toEqual({ outcome: 'cancelled', waitedMs: clock.elapsed(), last: loading(9) });
		expect(probe.reads()).toBe(3);
	});

	test('a failed reading propagates (a Milvus error is the item’s error, not a reason to wait)', async () => {
		const clock = simulatedTiming();
		const read = async (): Promise<LoadReading> => {
			throw new Error('Milvus error 100');
		};
		await expect(waitUntilLoaded(read, 60_000, clock.timing)).rejects.toThrow('Milvus error 100');
	});
});

describe('pollIntervalMs', () => {
	test('grows by half per poll, capped, with a quarter of random jitter', () => {
		expect(pollIntervalMs(1, () => 0)).toBe(150);
		expect(pollIntervalMs(1, () => 0.999999)).toBeCloseTo(200, 3);
		expect(pollIntervalMs(2, () => 0)).toBe(225);
		expect(pollIntervalMs(50, () => 0)).toBe(MAX_POLL_INTERVAL_MS * 0.75);
		expect(pollIntervalMs(50, () => 0.999999)).toBeLessThanOrEqual(MAX_POLL_INTERVAL_MS);
	});
});

test('describeLoadReading shows the progress when Milvus gave one', () => {
	expect(describeLoadReading(loading(40))).toBe('LoadStateLoading, 40% loaded');
	expect(describeLoadReading({ state: 'LoadStateNotLoad' })).toBe('LoadStateNotLoad');
});
