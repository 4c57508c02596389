import { sleep } from 'n8n-workflow';

/** Node.js timers overflow above this and fire at once, so every wait is clamped to it. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A duration the timers can honour: finite, at least 0, at most MAX_TIMER_MS. */
export function clampTimerMs(ms: number): number {
	if (Number.isNaN(ms) || ms <= 0) return 0;
	return Math.min(ms, MAX_TIMER_MS);
}

export interface Clock {
	/** Milliseconds, only ever compared with each other. */
	now: () => number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Waits `ms` unless `signal` aborts first (then rejects); injected so tests need no wall clock. */
export type Wait = (ms: number, signal?: AbortSignal) => Promise<void>;

/** How a bounded wait ended. */
export type WaitEnd = 'elapsed' | 'timeLimit' | 'cancelled';

/**
 * One item's time budget ("Time Limit per Item"): every attempt, backoff, confirming
 * describe and poll of the item draws from it, so a dead or dripping server cannot hold the
 * item longer than the user allowed, however many retries are left.
 */
export class Deadline {
	private readonly endsAt: number;

	constructor(
		/** The budget as the user gave it, for messages. */
		readonly limitMs: number,
		private readonly clock: Clock = systemClock,
		private readonly wait: Wait = sleep,
	) {
		this.endsAt = clock.now() + clampTimerMs(limitMs);
	}

	/** Milliseconds left, never negative. */
	remainingMs(): number {
		return Math.max(0, this.endsAt - this.clock.now());
	}

	expired(): boolean {
		return this.remainingMs() <= 0;
	}

	/** Whether a wait of `ms` would still end before the time limit. */
	allows(ms: number): boolean {
		return ms < this.remainingMs();
	}

	/**
	 * Waits `ms`, but never past the time limit: when the limit comes first it waits only
	 * until then and says so. Ends at once when `signal` aborts (the execution was cancelled).
	 */
	async sleep(ms: number, signal?: AbortSignal): Promise<WaitEnd> {
		const remaining = this.remainingMs();
		const capped = Math.min(clampTimerMs(ms), remaining);
		if (signal?.aborted) return 'cancelled';
		try {
			await this.wait(capped, signal);
		} catch {
			return 'cancelled';
		}
		return capped < clampTimerMs(ms) ? 'timeLimit' : 'elapsed';
	}
}

/** An abort signal for one attempt, and whether its own time (not a cancellation) ended it. */
export interface AttemptBound {
	signal: AbortSignal;
	timedOut: () => boolean;
}

/**
 * Aborts after `ms` (clamped for the timers) or when `cancel` aborts, whichever comes first.
 * The HTTP client's `timeout` only measures silence between bytes, so a server dripping its
 * answer would never hit it; this bounds the whole attempt.
 */
export function boundAttempt(ms: number, cancel?: AbortSignal): AttemptBound {
	// AbortSignal.timeout takes whole milliseconds only (a fraction throws ERR_OUT_OF_RANGE).
	const timer = AbortSignal.timeout(Math.max(1, Math.ceil(clampTimerMs(ms))));
	return {
		signal: cancel ? AbortSignal.any([cancel, timer]) : timer,
		timedOut: () => timer.aborted && !cancel?.aborted,
	};
}
