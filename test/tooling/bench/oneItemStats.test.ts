/**
 * The one-item mode's figures: which requests belong to a Milvus Alias run, how many round
 * trips they took in sequence, and the ratios within each execution. Times are given, not read
 * from a clock.
 */
import type { OneItemExecution, RoundRun } from '../../../tooling/bench/oneItemStats';
import {
	requestsDuring,
	roundTripsInSequence,
	routeOf,
	summarizeOneItem,
} from '../../../tooling/bench/oneItemStats';

const NAMES = { milvus: 'M', header: 'H', bearer: 'B' };

test('routeOf names the REST v2 route, with or without a path prefix', () => {
	expect(routeOf('/v2/vectordb/aliases/create')).toBe('aliases/create');
	expect(routeOf('/milvus/v2/vectordb/aliases/list')).toBe('aliases/list');
	expect(routeOf('/health')).toBe('/health');
});

test('requestsDuring keeps the requests from the start to the end of a run, both included', () => {
	const requests = [99, 100, 150, 160, 161].map((at) => ({ path: `/p${at}`, at }));
	expect(requestsDuring(requests, 100, 60).map((r) => r.at)).toEqual([100, 150, 160]);
});

describe('roundTripsInSequence', () => {
	test('a request sent after an answer is a second round trip', () => {
		// create at 1000, aliases/list after the create's 150 ms answer
		expect(roundTripsInSequence([1000, 1152], 150)).toBe(2);
	});

	test('requests sent together are one round trip, whatever order they arrive in', () => {
		expect(roundTripsInSequence([1003, 1000, 1001], 150)).toBe(1);
	});

	test('a list, then the describes in parallel after its answer: two', () => {
		expect(roundTripsInSequence([0, 51, 52, 55], 50)).toBe(2);
	});

	test('one request is one round trip; none is none', () => {
		expect(roundTripsInSequence([7], 50)).toBe(1);
		expect(roundTripsInSequence([], 50)).toBe(0);
	});

	test('without latency, sequence and parallel cannot be told apart', () => {
		expect(roundTripsInSequence([0, 1], 0)).toBeUndefined();
	});
});

function rounds(times: Array<[number, number, number]>, requests: string[] = []): RoundRun[] {
	return times.map(([m, h, b], round) => ({
		round,
		order: ['M', 'H', 'B'],
		ms: { M: m, H: h, B: b },
		milvusRequests: requests,
		milvusRoundTrips: requests.length,
	}));
}

test('summarizeOneItem: per execution the median runs are compared, then the median over executions', () => {
	const executions: OneItemExecution[] = [
		// medians M 100, H 50, B 80: 2.0 / 1.25, faster setup H
		{
			rounds: rounds(
				[
					[100, 50, 80],
					[90, 55, 70],
					[120, 45, 90],
				],
				['aliases/list', 'aliases/create'],
			),
			wallMs: 1,
		},
		// medians M 60, H 60, B 40: 1.0 / 1.5, faster setup B
		{
			rounds: rounds(
				[
					[60, 60, 40],
					[60, 60, 40],
					[60, 60, 40],
				],
				['aliases/create'],
			),
			wallMs: 1,
		},
		// medians M 50, H 100, B 100: 0.5 / 0.5
		{ rounds: rounds([[50, 100, 100]], ['aliases/create']), wallMs: 1 },
	];
	const summary = summarizeOneItem(executions, NAMES);
	expect(summary.rounds).toBe(7);
	expect(summary.nodes.M.msPerRun).toEqual({ n: 7, median: 60, min: 50, max: 120 });
	expect(summary.nodes.H.msPerRun).toEqual({ n: 7, median: 60, min: 45, max: 100 });
	expect(summary.ratios.vsHeader).toEqual({ n: 3, median: 1, min: 0.5, max: 2 });
	expect(summary.ratios.vsBearer).toEqual({ n: 3, median: 1.25, min: 0.5, max: 1.5 });
	expect(summary.ratios.vsFasterSetup).toEqual({ n: 3, median: 1.5, min: 0.5, max: 2 });
	expect(summary.milvusRequests).toEqual({
		'aliases/create + aliases/list': 3,
		'aliases/create': 4,
	});
	expect(summary.milvusRoundTrips).toEqual({ '2': 3, '1': 4 });
});

test('summarizeOneItem counts runs at 0 ms under n/a round trips', () => {
	const [run] = rounds([[5, 4, 6]]);
	const summary = summarizeOneItem(
		[{ rounds: [{ ...run, milvusRoundTrips: undefined }], wallMs: 1 }],
		NAMES,
	);
	expect(summary.milvusRoundTrips).toEqual({ 'n/a': 1 });
});
