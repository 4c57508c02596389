/**
 * "Wait for Load": before an alias is pointed at a collection, wait until Milvus reports the
 * collection loaded, polling `collections/get_load_state` with a growing interval. Chained right
 * after a step that created and loaded the collection, the load is usually still running; this
 * replaces the Wait + IF loop users would otherwise build.
 *
 * The polling itself is pure: the clock, the random source and the wait are injected, so its
 * tests need no wall clock.
 */

export const LOAD_STATE_LOADED = 'LoadStateLoaded';
/** No load was requested: waiting cannot help, so the wait ends at once. */
export const LOAD_STATE_NOT_LOAD = 'LoadStateNotLoad';

export interface LoadReading {
	/** Milvus's `loadState`, e.g. LoadStateLoading; `unknown` when the answer had none. */
	state: string;
	/** Percent, when Milvus reported it. */
	progress?: number;
}

export interface LoadWaitTiming {
	now: () => number;
	/** A number in [0, 1), for the jitter. */
	random: () => number;
	/** Waits `ms`; resolves false when the execution was cancelled during the wait. */
	wait: (ms: number) => Promise<boolean>;
}

export type LoadWaitOutcome =
	| { outcome: 'loaded'; waitedMs: number }
	/** The time available ran out; `last` is the state seen last. */
	| { outcome: 'timeLimit'; waitedMs: number; last: LoadReading }
	/** Nothing is loading the collection (LoadStateNotLoad). */
	| { outcome: 'notLoading'; waitedMs: number; last: LoadReading }
	| { outcome: 'cancelled'; waitedMs: number; last: LoadReading };

/** First pause between two polls; it grows by half each time, up to the maximum. */
export const FIRST_POLL_INTERVAL_MS = 200;
export const MAX_POLL_INTERVAL_MS = 2_000;

/**
 * The pause after the `poll`-th poll (1 for the first): growing, so a long load costs few
 * requests, with a quarter of it random, so items waiting on the same collection spread out.
 */
export function pollIntervalMs(poll: number, random: () => number): number {
	const interval = Math.min(MAX_POLL_INTERVAL_MS, FIRST_POLL_INTERVAL_MS * 1.5 ** (poll - 1));
	return interval * 0.75 + random() * interval * 0.25;
}

/**
 * Reads the load state until it is loaded, nothing is loading it, the time available
 * (`availableMs`, the rest of the item's time limit) runs out, or the execution is cancelled.
 * The last pause is cut to the time left, and one more reading is taken at the end, so a load
 * that finishes just in time counts. `read` gives undefined when the item's time ran out before
 * Milvus answered: the wait then ends on its time limit too.
 */
export async function waitUntilLoaded(
	read: () => Promise<LoadReading | undefined>,
	availableMs: number,
	timing: LoadWaitTiming,
): Promise<LoadWaitOutcome> {
	// Counted from before the first request, as `availableMs` is: a slow first answer is time
	// waited. A collection loaded at the first answer was not waited for (0).
	const start = timing.now();
	let last: LoadReading = { state: 'unknown' };
	for (let poll = 1; ; poll++) {
		const reading = await read();
		const waitedMs = Math.max(0, timing.now() - start);
		if (!reading) return { outcome: 'timeLimit', waitedMs, last };
		last = reading;
		if (last.state === LOAD_STATE_LOADED) {
			return { outcome: 'loaded', waitedMs: poll === 1 ? 0 : waitedMs };
		}
		if (last.state === LOAD_STATE_NOT_LOAD) return { outcome: 'notLoading', waitedMs, last };
		const left = availableMs - waitedMs;
		if (left <= 0) return { outcome: 'timeLimit', waitedMs, last };
		const resumed = await timing.wait(Math.min(left, pollIntervalMs(poll, timing.random)));
		if (!resumed) {
			return { outcome: 'cancelled', waitedMs: Math.max(0, timing.now() - start), last };
		}
	}
}

/** "LoadStateLoading, 40% loaded": the state as a user reads it in a message. */
export function describeLoadReading(reading: LoadReading): string {
	return reading.progress === undefined
		? reading.state
		: `${reading.state}, ${reading.progress}% loaded`;
}
