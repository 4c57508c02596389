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
