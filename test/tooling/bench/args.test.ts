/** `npm run bench` flags: defaults that give the README table, and bad flags refused up front. */
import { DEFAULT_ARGS, parseBenchArgs } from '../../../tooling/bench/args';

test('without flags: 300 items and one item at 0, 50, 150 and 300 ms, plain mappings, changes in parallel', () => {
	expect(parseBenchArgs([])).toEqual({
		itemCounts: [300, 1],
		latencies: [0, 50, 150, 300],
		executions: 6,
		oneItemExecutions: 3,
		rounds: 12,
		mappings: 'plain',
		changeMs: 0,
		out: '',
		cpuProf: '',
	});
});

test('every flag sets its value and leaves the others at their defaults', () => {
	expect(
		parseBenchArgs([
			'--items=1',
			'--latencies=50,150',
			'--executions=3',
			'--one-item-executions=2',
			'--rounds=9',
			'--mappings=computed',
			'--change-ms=5',
			'--out=tooling/bench/results/x.json',
			'--cpu-prof=/tmp/prof',
		]),
	).toEqual({
		itemCounts: [1],
		latencies: [50, 150],
		executions: 3,
		oneItemExecutions: 2,
		rounds: 9,
		mappings: 'computed',
		changeMs: 5,
		out: 'tooling/bench/results/x.json',
		cpuProf: '/tmp/prof',
	});
	expect(parseBenchArgs(['--latencies=0'])).toEqual({ ...DEFAULT_ARGS, latencies: [0] });
});

test.each([
	['--latency=50', /unknown argument "--latency=50"; flags: --items= --latencies=/],
	['--items', /unknown argument "--items"/],
	['300', /unknown argument "300"/],
	['--items=0', /--items: "0" is not a whole number >= 1/],
	['--items=300,,1', /--items: "" is not a whole number >= 1/],
	['--latencies=-50', /--latencies: "-50" is not a whole number >= 0/],
	['--latencies=50,50', /--latencies: "50,50" names a value twice/],
	['--executions=2.5', /--executions: "2.5" is not a whole number >= 1/],
	['--rounds=0', /--rounds: "0" is not a whole number >= 1/],
	['--change-ms=fast', /--change-ms: "fast" is not a whole number >= 0/],
	['--mappings=String', /--mappings: "String" is not one of plain, computed/],
	['--out=', /--out: give a path/],
])('%s is refused: %s', (arg, message) => {
	expect(() => parseBenchArgs([arg])).toThrow(message);
});
