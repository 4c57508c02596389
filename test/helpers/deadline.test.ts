/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never part of the package: it lets the event loop turn */
import {
	Deadline,
	MAX_TIMER_MS,
	boundAttempt,
	clampTimerMs,
} from '../../nodes/MilvusAlias/helpers/deadline';
import type { Clock, Wait } from '../../nodes/MilvusAlias/helpers/deadline';

/** A clock that only moves when told to; its wait moves it by the time waited. */
function simulatedTime(start = 1_000) {
	let now = start;
	const waits: number[] = [];
	const clock: Clock = { now: () => now };
	const wait: Wait = async (ms, signal) => {
		if (signal?.aborted) throw new Error('aborted');
		waits.push(ms);
		now += ms;
	};
	return { clock, wait, waits, advance: (ms: number) => (now += ms) };
}

describe('Deadline', () => {
	test('counts down from the limit with the clock, never below zero', () => {
		const time = simulatedTime();
		const deadline = new Deadline(5_000, time.clock, time.wait);
		expect(deadline.remainingMs()).toBe(5_000);
		time.advance(1_200);
		expect(deadline.remainingMs()).toBe(3_800);
		expect(deadline.expired()).toBe(false);
		time.advance(10_000);
		expect(deadline.remainingMs()).toBe(0);
		expect(deadline.expired()).toBe(true);
	});

	test('allows a wait only when it ends before the limit', () => {
		const time = simulatedTime();
		const deadline = new Deadline(1_000, time.clock, time.wait);
		expect(deadline.allows(999)).toBe(true);
		expect(deadline.allows(1_000)).toBe(false);
		time.advance(500);
		expect(deadline.allows(600)).toBe(false);
	});

	test('sleep waits the full time when the limit is further away', async () => {
		const time = simulatedTime();
		const deadline = new Deadline(1_000, time.clock, time.wait);
		await expect(deadline.sleep(300)).resolves.toBe('elapsed');
		expect(time.waits).toEqual([300]);
	});

	test('sleep never waits past the limit, and says the limit ended it', async () => {
		const time = simulatedTime();
		const deadline = new Deadline(1_000, time.clock, time.wait);
		time.advance(800);
		await expect(deadline.sleep(5_000)).resolves.toBe('timeLimit');
		expect(time.waits).toEqual([200]);
		expect(deadline.expired()).toBe(true);
	});

	test('sleep ends as cancelled when the signal aborts', async () => {
		const time = simulatedTime();
		const deadline = new Deadline(1_000, time.clock, time.wait);
		const controller = new AbortController();
		controller.abort();
		await expect(deadline.sleep(100, controller.signal)).resolves.toBe('cancelled');
		expect(time.waits).toEqual([]);
	});

	test('a limit above what timers can hold is clamped, not turned into an instant expiry', () => {
		const time = simulatedTime();
		const deadline = new Deadline(Number.MAX_SAFE_INTEGER, time.clock, time.wait);
		expect(deadline.remainingMs()).toBe(MAX_TIMER_MS);
		expect(deadline.limitMs).toBe(Number.MAX_SAFE_INTEGER);
	});
});

describe('clampTimerMs', () => {
	test.each([
		[0, 0],
		[-5, 0],
		[Number.NaN, 0],
		[1_500, 1_500],
		[2 ** 31, MAX_TIMER_MS],
		[Number.POSITIVE_INFINITY, MAX_TIMER_MS],
	])('%p ms becomes %p ms', (input, expected) => {
		expect(clampTimerMs(input)).toBe(expected);
	});
});

describe('boundAttempt', () => {
	test('aborts after its time and reports it timed out', async () => {
		const bound = boundAttempt(20);
		expect(bound.signal.aborted).toBe(false);
		await new Promise((resolve) => bound.signal.addEventListener('abort', resolve));
		expect(bound.timedOut()).toBe(true);
	});

	test('a fraction of a millisecond (what is left of a time limit) is accepted, not thrown', async () => {
		const bound = boundAttempt(20.4);
		await new Promise((resolve) => bound.signal.addEventListener('abort', resolve));
		expect(bound.timedOut()).toBe(true);
	});

	test('a cancellation aborts it at once and is not reported as a timeout', () => {
		const cancel = new AbortController();
		const bound = boundAttempt(60_000, cancel.signal);
		cancel.abort();
		expect(bound.signal.aborted).toBe(true);
		expect(bound.timedOut()).toBe(false);
	});

	test('a duration above the timer range still waits instead of firing at once', async () => {
		const bound = boundAttempt(2 ** 40);
		await new Promise((resolve) => setImmediate(resolve));
		expect(bound.signal.aborted).toBe(false);
	});
});
