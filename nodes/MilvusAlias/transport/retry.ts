import type { Deadline } from '../helpers/deadline';
import type { MilvusFailure } from './failures';

export interface RetryPolicy {
	/** Retries after the first attempt, for transient failures only. */
	maxRetries: number;
	/** First backoff; doubles per retry, with jitter, capped at MAX_BACKOFF_MS. */
	baseDelayMs: number;
}

export type AttemptResult = { ok: true; data: unknown } | { ok: false; failure: MilvusFailure };

export type CallOutcome =
	| { ok: true; data: unknown; attempts: number }
	| { ok: false; failure: MilvusFailure; attempts: number };

/** What the retry loop needs from the outside world, injected so tests need no wall clock. */
export interface RetryTiming {
	/** A number in [0, 1), for the jitter. */
	random: () => number;
	/** Waits `ms`; resolves false when the execution was cancelled during the wait. */
	wait: (ms: number) => Promise<boolean>;
}

export interface RetriedCall {
	send: () => Promise<AttemptResult>;
	maxRetries: number;
	baseDelayMs: number;
	/**
	 * For calls that change state: after an ambiguous failure (the request may have taken
	 * effect), asks the server whether it did before trying again, so a retry never applies
	 * a change twice and the outcome reported is the server's truth.
	 */
	confirmApplied?: () => Promise<boolean>;
	/** The item's time limit: no attempt starts and no backoff ends past it. */
	deadline?: Deadline;
}

export const MAX_BACKOFF_MS = 30_000;

const CANCELLED_DURING_WAIT: MilvusFailure = {
	kind: 'cancelled',
	detail: 'The execution was canceled while waiting to retry',
	transient: false,
	ambiguous: true,
};

/** One call, retried while transient; never throws for Milvus or network failures. */
export async function callWithRetries(
	call: RetriedCall,
	timing: RetryTiming,
): Promise<CallOutcome> {
	const { deadline } = call;
	let last: MilvusFailure | undefined;
	for (let attempt = 1; ; attempt++) {
		if (deadline?.expired())
			return { ok: false, failure: timeLimitFailure(deadline, last), attempts: attempt - 1 };
		const outcome = await call.send();
		if (outcome.ok) return { ...outcome, attempts: attempt };
		const { failure } = outcome;
		last = failure;
		// An attempt cut short by the time limit fails as the time limit, not as a slow answer;
		// an answer a retry could not change is reported as it is.
		if (failure.transient && deadline?.expired())
			return { ok: false, failure: timeLimitFailure(deadline, failure), attempts: attempt };
		if (failure.ambiguous && call.confirmApplied && failure.kind !== 'cancelled') {
			const applied = await call.confirmApplied().catch(() => false);
			if (applied) return { ok: true, data: {}, attempts: attempt };
		}
		if (!failure.transient || attempt > call.maxRetries)
			return { ok: false, failure, attempts: attempt };
		const pause = backoffMs(attempt, call.baseDelayMs, timing.random);
		// Sleeping into the time limit would only delay the same answer.
		if (deadline && !deadline.allows(pause))
			return { ok: false, failure: timeLimitFailure(deadline, failure), attempts: attempt };
		const waited = await timing.wait(pause);
		if (!waited) return { ok: false, failure: CANCELLED_DURING_WAIT, attempts: attempt };
	}
}

/** The whole attempt (not just the silence between bytes) took longer than the Timeout. */
export function attemptTimeoutFailure(timeoutMs: number): MilvusFailure {
	return {
		kind: 'timeout',
		detail: `No complete answer within ${timeoutMs} ms`,
		transient: true,
		ambiguous: true,
	};
}

/**
 * The item ran out of time. It may have changed Milvus when its last attempt may have
 * (an answer cut off after the request was sent).
 */
export function timeLimitFailure(deadline: Deadline, last?: MilvusFailure): MilvusFailure {
	const lastProblem = last ? `; the last attempt: ${last.detail}` : '';
	return {
		kind: 'timeout',
		timeLimitMs: deadline.limitMs,
		detail: `The Time Limit per Item (${deadline.limitMs} ms) ran out${lastProblem}`,
		transient: false,
		ambiguous: last?.ambiguous ?? false,
	};
}

/**
 * Exponential backoff with equal jitter: half fixed, half random, so parallel items spread out.
 * `attempt` is the attempt that just failed (1 for the first).
 */
export function backoffMs(attempt: number, baseDelayMs: number, random: () => number): number {
	const exponential = Math.min(MAX_BACKOFF_MS, baseDelayMs * 2 ** (attempt - 1));
	return exponential / 2 + random() * (exponential / 2);
}
