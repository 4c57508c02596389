/**
 * How many requests may be in flight at once in one execution. Every request of the
 * execution (Get Many's inner describes included) goes through one RequestLimiter, so the
 * bound covers the whole execution, not each item.
 */
export interface ConcurrencyPolicy {
	/** Requests allowed in flight now (at least 1). */
	limit: () => number;
	/** A request is starting: the returned token is handed back to `finished`. */
	started: () => number;
	/** A request ended; `congested` when the server pushed back (rate limit, overload, timeout). */
	finished: (token: number, congested: boolean) => void;
}

/** The user's fixed Concurrency: no adaptation. */
export function fixedConcurrency(limit: number): ConcurrencyPolicy {
	const bounded = Math.max(1, Math.floor(limit));
	return { limit: () => bounded, started: () => 0, finished: () => undefined };
}

export interface AdaptiveSettings {
	/** Window at the start of the execution. */
	initial: number;
	/** Never above this. */
	cap: number;
}

/**
 * The adaptive policy's numbers; the Concurrency option's description and the README say them.
 * Every item is read before any is sent, so the first round trips are not hidden behind
 * reading: 32 in flight keep n8n busy at Zilliz Cloud distances (an item costs n8n about 1.5 ms,
 * an answer takes about 50 ms), and a server that queues what it gets (Milvus executes alias
 * changes one at a time) is not handed more than 32 before it has shown whether it does.
 */
export const ADAPTIVE_DEFAULTS: AdaptiveSettings = { initial: 32, cap: 256 };

/**
 * An answer that did not wait in line took at most twice the fastest answer seen, plus 10 ms:
 * n8n handling a burst of answers, or the jitter of a nearby server (answers of 1-5 ms), delays
 * some answers without any queue at the server; a server that executes requests one at a time
 * passes this within a few answers.
 */
function answeredWithoutQueueing(ms: number, fastestMs: number): boolean {
	return ms <= fastestMs * 2 + 10;
}

/**
 * The default policy, TCP's congestion control applied to requests. Slow start: while answers
 * come back about as fast as the fastest one, the distance sets the pace and the server is not
 * queueing, so the window grows by two per answer (it triples per round trip: wide quickly for
 * a remote Milvus); the first slower answer means requests now wait in line (at the server, or in
 * n8n when n8n itself is the bottleneck), which ends slow start, as HyStart does for TCP. Then
 * additive increase (about one per round trip) and multiplicative decrease (halved on push-back).
 * Push-back from requests that started before the last decrease is ignored: they were sent under
 * the old window, and one overload must not halve the window once per request in flight.
 */
export function adaptiveConcurrency(
	settings: AdaptiveSettings = ADAPTIVE_DEFAULTS,
	now: () => number = Date.now,
): ConcurrencyPolicy {
	const cap = Math.max(1, Math.floor(settings.cap));
	let window = Math.min(cap, Math.max(1, settings.initial));
	let slowStart = true;
	let fastestMs = Infinity;
	// Requests are numbered; a decrease remembers the next number, older ones are ignored.
	let nextToken = 0;
	let firstAfterDecrease = 0;
	const startedAt = new Map<number, number>();
	return {
		limit: () => Math.max(1, Math.floor(window)),
		started: () => {
			startedAt.set(nextToken, now());
			return nextToken++;
		},
		finished: (token, congested) => {
			const answerMs = now() - (startedAt.get(token) ?? now());
			startedAt.delete(token);
			if (congested) {
				if (token < firstAfterDecrease) return;
				window = Math.max(1, Math.floor(window / 2));
				slowStart = false;
				firstAfterDecrease = nextToken;
				return;
			}
			fastestMs = Math.min(fastestMs, answerMs);
			if (slowStart && !answeredWithoutQueueing(answerMs, fastestMs)) slowStart = false;
			window = Math.min(cap, window + (slowStart ? 2 : 1 / window));
		},
	};
}

/** The Concurrency option: 0 adapts (the default), a number is used as it is. */
export function concurrencyPolicy(option: number): ConcurrencyPolicy {
	return option > 0 ? fixedConcurrency(option) : adaptiveConcurrency();
}

/**
 * Lets a request start only while fewer than the policy's limit are in flight; waiting
 * requests start in the order they asked (first come, first served), so earlier items are not
 * overtaken by later ones.
 */
export class RequestLimiter {
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(readonly policy: ConcurrencyPolicy) {}

	/** Runs `send` when a slot is free; `congested` tells the policy how it went. */
	async run<T>(send: () => Promise<T>, congested: (result: T) => boolean): Promise<T> {
		await this.acquire();
		const token = this.policy.started();
		let pushedBack = false;
		try {
			const result = await send();
			pushedBack = congested(result);
			return result;
		} finally {
			this.policy.finished(token, pushedBack);
			this.inFlight--;
			this.admitWaiting();
		}
	}

	private async acquire(): Promise<void> {
		if (this.waiting.length === 0 && this.inFlight < this.policy.limit()) {
			this.inFlight++;
			return;
		}
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	private admitWaiting(): void {
		while (this.waiting.length > 0 && this.inFlight < this.policy.limit()) {
			this.inFlight++;
			this.waiting.shift()?.();
		}
	}
}
