/**
 * What the one-item mode reports: each node's time per run, the Milvus Alias node's ratio to
 * the HTTP Request setups within each execution, and what the emulator saw of each Milvus Alias
 * run (which requests, and how many round trips they took in sequence).
 */
import type { Summary } from './stats';
import { median, summarize } from './stats';

export interface ReceivedRequest {
	path: string;
	/** When the emulator had the whole request (Date.now(), the same clock as n8n's startTime). */
	at: number;
}

/** One single-item round: the node order, each node's executionTime, the Milvus Alias requests. */
export interface RoundRun {
	round: number;
	order: string[];
	ms: Record<string, number>;
	/** The routes the emulator received while the Milvus Alias node of this round ran. */
	milvusRequests: string[];
	/** Round trips in sequence of that run (undefined at 0 ms, where they cannot be told apart). */
	milvusRoundTrips?: number;
}

export interface OneItemExecution {
	rounds: RoundRun[];
	wallMs: number;
}

export interface NodeNames {
	milvus: string;
	header: string;
	bearer: string;
}

/** The route of a REST v2 path: `/v2/vectordb/aliases/create` is `aliases/create`. */
export function routeOf(path: string): string {
	const at = path.indexOf('/v2/vectordb/');
	return at === -1 ? path : path.slice(at + '/v2/vectordb/'.length);
}

/** The requests that arrived while a node ran: from its start to its end, both included. */
export function requestsDuring(
	requests: readonly ReceivedRequest[],
	startMs: number,
	durationMs: number,
): ReceivedRequest[] {
	return requests.filter((r) => r.at >= startMs && r.at <= startMs + durationMs);
}

/**
 * Round trips in sequence, from when requests arrived at a server that delays every answer by
 * `latencyMs`: a request sent after an answer arrives at least `latencyMs` after the one it
 * waited for; requests sent together arrive within moments. So a request starts a new round trip
 * when it arrives half the latency or more after the first of the current one. Undefined without
 * latency, where sequence and parallel cannot be told apart.
 */
export function roundTripsInSequence(arrivals: readonly number[], latencyMs: number) {
	if (latencyMs <= 0) return undefined;
	let trips = 0;
	let tripStart = -Infinity;
	for (const at of [...arrivals].sort((a, b) => a - b)) {
		if (at - tripStart >= latencyMs / 2) {
			trips++;
			tripStart = at;
		}
	}
	return trips;
}

function countBy(values: string[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}

export interface OneItemSummary {
	rounds: number;
	/** Each node's executionTime per run, over every measured round of every execution. */
	nodes: Record<string, { msPerRun: Summary }>;
	/**
	 * Per execution: the median Milvus Alias run over the median run of the HTTP setup (and of
	 * the faster of the two setups in that execution); then the median over executions and range.
	 */
	ratios: { vsHeader: Summary; vsBearer: Summary; vsFasterSetup: Summary };
	/** How often each request set (routes sorted, joined by " + ") made up a Milvus Alias run. */
	milvusRequests: Record<string, number>;
	/** How often a Milvus Alias run took each number of round trips in sequence. */
	milvusRoundTrips: Record<string, number>;
}

export function summarizeOneItem(
	executions: readonly OneItemExecution[],
	names: NodeNames,
): OneItemSummary {
	const rounds = executions.flatMap((execution) => execution.rounds);
	const runs = (name: string, of: readonly RoundRun[]) => of.map((r) => r.ms[name]);
	const perExecution = executions.map((execution) => {
		const [milvus, header, bearer] = [names.milvus, names.header, names.bearer].map((name) =>
			median(runs(name, execution.rounds)),
		);
		return { milvus, header, bearer };
	});
	const ratio = (of: (e: (typeof perExecution)[number]) => number) =>
		summarize(
			perExecution.map((e) => e.milvus / of(e)),
			3,
		);
	return {
		rounds: rounds.length,
		nodes: Object.fromEntries(
			[names.milvus, names.header, names.bearer].map((name) => [
				name,
				{ msPerRun: summarize(runs(name, rounds), 1) },
			]),
		),
		ratios: {
			vsHeader: ratio((e) => e.header),
			vsBearer: ratio((e) => e.bearer),
			vsFasterSetup: ratio((e) => Math.min(e.header, e.bearer)),
		},
		milvusRequests: countBy(rounds.map((r) => [...r.milvusRequests].sort().join(' + '))),
		milvusRoundTrips: countBy(
			rounds.map((r) => (r.milvusRoundTrips === undefined ? 'n/a' : String(r.milvusRoundTrips))),
		),
	};
}
