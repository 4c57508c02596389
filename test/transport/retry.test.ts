import { Deadline } from '../../nodes/MilvusAlias/helpers/deadline';
import type { MilvusFailure } from '../../nodes/MilvusAlias/transport/failures';
import type { AttemptResult, RetryTiming } from '../../nodes/MilvusAlias/transport/retry';
import {
	MAX_BACKOFF_MS,
	backoffMs,
	callWithRetries,
} from '../../nodes/MilvusAlias/transport/retry';

const transient: MilvusFailure = {
	kind: 'http',
	httpStatus: 503,
	detail: 'Service Unavailable',
	transient: true,
	ambiguous: false,
};
const ambiguous: MilvusFailure = { ...transient, kind: 'timeout', ambiguous: true };
const permanent: MilvusFailure = {
	kind: 'milvus',
	milvusCode: 1602,
	detail: 'alias exists',
	transient: false,
	ambiguous: false,
};

/** Answers in turn, then keeps answering the last one; records every wait asked for. */
function scripted(answers: AttemptResult[], random = () => 0.5) {
	const waits: number[] = [];
	let sent = 0;
	const send = async () => answers[Math.min(sent++, answers.length - 1)];
	const timing: RetryTiming = {
		random,
		wait: async (ms) => {
			waits.push(ms);
			return true;
		},
	};
	return { send, timing, waits, sentCount: () => sent };
}

describe('callWithRetries', () => {
	test('retries a transient failure until it succeeds, waiting the backoff between attempts', async () => {
		const s = scripted([
			{ ok: false, failure: transient },
			{ ok: false, failure: transient },
			{ ok: true, data: { x: 1 } },
		]);
		const outcome = await callWithRetries(
			{ send: s.send, maxRetries: 3, baseDelayMs: 100 },
			s.timing,
		);
		expect(outcome).toEqual({ ok: true, data: { x: 1 }, attempts: 3 });
		// random 0.5: half fixed + a quarter = 0.75 of the doubled base
		expect(s.waits).toEqual([75, 150]);
	});

	test('gives up after maxRetries retries and reports the last failure', async () => {
		const s = scripted([{ ok: false, failure: transient }]);
		const outcome = await callWithRetries(
			{ send: s.send, maxRetries: 2, baseDelayMs: 10 },
			s.timing,
		);
		expect(outcome).toEqual({ ok: false, failure: transient, attempts: 3 });
		expect(s.sentCount()).toBe(3);
		expect(s.waits).toHaveLength(2);
	});

	test('never retries a permanent failure', async () => {
		const s = scripted([{ ok: false, failure: permanent }]);
		const outcome = await callWithRetries(
			{ send: s.send, maxRetries: 5, baseDelayMs: 10 },
			s.timing,
		);
		expect(outcome).toEqual({ ok: false, failure: permanent, attempts: 1 });
		expect(s.waits).toEqual([]);
	});

	test('after an ambiguous failure, a confirmed change is reported as done and not sent again', async () => {
		const s = scripted([
			{ ok: false, failure: ambiguous },
			{ ok: true, data: 'twice' },
		]);
		const confirmApplied = jest.fn(async () => true);
		const outcome = await callWithRetries(
			{ send: s.send, maxRetries: 3, baseDelayMs: 10, confirmApplied },
			s.timing,
		);
		expect(outcome).toEqual({ ok: true, data: {}, attempts: 1 });
		expect(s.sentCount()).toBe(1);
		expect(confirmApplied).toHaveBeenCalledTimes(1);
	});

	test('a confirmation that fails counts as "not applied" and the call is retried', async () => {
		const s = scripted([
			{ ok: false, failure: ambiguous },
			{ ok: true, data: 'second' },
		]);
		const confirmApplied = jest.fn(async () => {
			throw new Error('describe failed');
		});
		const outcome = await callWithRetries(
			{ send: s.send, maxRetries: 3, baseDelayMs: 10, confirmApplied },
			s.timing,
		);
		expect(outcome).toEqual({ ok: true, data: 'second', attempts: 2 });
	});

	test('a non-ambiguous failure is retried without asking whether it applied', async () => {
		const s = scripted([
			{ ok: false, failure: transient },
			{ ok: true, data: 1 },
		]);
		const confirmApplied = jest.fn(async () => true);
		await callWithRetries(
			{ send: s.send, maxRetries: 1, baseDelayMs: 10, confirmApplied },
			s.timing,
		);
		expect(confirmApplied).not.toHaveBeenCalled();
	});

	test('a cancelled wait ends the call as cancelled, without another attempt', async () => {
		const s = scripted([{ ok: false, failure: transient }]);
		const outcome = await callWithRetries(
			{ send: s.send, maxRetries: 3, baseDelayMs: 10 },
			{ random: () => 0, wait: async () => false },
		);
		expect(outcome.ok).toBe(false);
		expect(!outcome.ok && outcome.failure.kind).toBe('cancelled');
		expect(s.sentCount()).toBe(1);
	});
});

describe('callWithRetries within a time limit', () => {
	/** A deadline on a clock the test moves; each attempt takes `attemptMs` of it. */
	function timeLimited(limitMs: number) {
		let now = 0;
		const deadline = new Deadline(limitMs, { now: () => now });
		return { deadline, advance: (ms: number) => (now += ms) };
	}

	test('a backoff that would end past the limit is not waited for: the item fails at once', async () => {
		const time = timeLimited(1_000);
		const s = scripted([{ ok: false, failure: transient }]);
		const outcome = await callWithRetries(
			{ send: s.send, maxRetries: 5, baseDelayMs: 2_000, deadline: time.deadline },
			s.timing,
		);
		expect(s.waits).toEqual([]);
		expect(outcome.ok).toBe(false);
		expect(!outcome.ok && outcome.failure).toMatchObject({
			kind: 'timeout',
			timeLimitMs: 1_000,
			transient: false,
		});
		expect(!outcome.ok && outcome.failure.detail).toMatch(/Service Unavailable/);
	});

	test('an attempt that used up the limit ends the call as the time limit, keeping "may have applied"', async () => {
		const time = timeLimited(1_000);
		const send = async (): Promise<AttemptResult> => {
			time.advance(1_000);
			return { ok: false, failure: ambiguous };
		};
		const confirmApplied = jest.fn(async () => true);
		const outcome = await callWithRetries(
			{ send, maxRetries: 5, baseDelayMs: 10, confirmApplied, deadline: time.deadline },
			scripted([]).timing,
		);
		expect(!outcome.ok && outcome.failure).toMatchObject({ timeLimitMs: 1_000, ambiguous: true });
		expect(outcome.attempts).toBe(1);
		expect(confirmApplied).not.toHaveBeenCalled();
	});

	test('a permanent answer that arrives as the limit runs out is reported as it is', async () => {
		const time = timeLimited(1_000);
		const send = async (): Promise<AttemptResult> => {
			time.advance(1_000);
			return { ok: false, failure: permanent };
		};
		const outcome = await callWithRetries(
			{ send, maxRetries: 5, baseDelayMs: 10, deadline: time.deadline },
			scripted([]).timing,
		);
		expect(outcome).toEqual({ ok: false, failure: permanent, attempts: 1 });
	});

	test('retries go on while the limit allows, then stop before the next attempt', async () => {
		const time = timeLimited(1_000);
		const send = async (): Promise<AttemptResult> => {
			time.advance(300);
			return { ok: false, failure: transient };
		};
		const timing: RetryTiming = {
			random: () => 0,
			wait: async (ms) => {
				time.advance(ms);
				return true;
			},
		};
		// Attempts of 300 ms with waits of 50, 100: 300 + 50 + 300 + 100 + 300 = 1050 > 1000.
		const outcome = await callWithRetries(
			{ send, maxRetries: 10, baseDelayMs: 100, deadline: time.deadline },
			timing,
		);
		expect(outcome.attempts).toBe(3);
		expect(!outcome.ok && outcome.failure.timeLimitMs).toBe(1_000);
	});
});

describe('backoffMs', () => {
	test('doubles per attempt, half fixed and half drawn from the random source', () => {
		expect(backoffMs(1, 200, () => 0)).toBe(100);
		expect(backoffMs(1, 200, () => 0.999999)).toBeCloseTo(200, 2);
		expect(backoffMs(2, 200, () => 0)).toBe(200);
		expect(backoffMs(3, 200, () => 0.5)).toBe(600);
	});

	test('never exceeds the cap, however many attempts', () => {
		expect(backoffMs(40, 1000, () => 0.999999)).toBeLessThanOrEqual(MAX_BACKOFF_MS);
		expect(backoffMs(40, 1000, () => 0)).toBe(MAX_BACKOFF_MS / 2);
	});
});
