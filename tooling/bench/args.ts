/**
 * The command line of `npm run bench`: flags parsed and checked before anything starts, so a
 * typo fails at once instead of after minutes of measuring. The defaults are the README
 * Performance table's main rows (300 items and one item, at 0, 50, 150 and 300 ms).
 */
import type { MappingStyle } from './workflow';
import { MAPPING_STYLES } from './workflow';

export interface BenchArgs {
	/** Item counts to measure; 1 is the one-item mode (many single-item rounds per execution). */
	itemCounts: number[];
	/** Delay (ms) of every answer of the emulator, each measured in turn. */
	latencies: number[];
	/** Executions per latency with N > 1 items (rounded up to full rotations of the nodes). */
	executions: number;
	/** Executions per latency in the one-item mode (each rotates the nodes itself). */
	oneItemExecutions: number;
	/** Measured single-item rounds per one-item execution (rounded up to full rotations). */
	rounds: number;
	mappings: MappingStyle;
	/** Each alias change takes this long in the emulator, one at a time (0: all in parallel). */
	changeMs: number;
	/** Where the results go; '' for the default file. */
	out: string;
	/** A folder for `--cpu-prof` of every n8n call; '' for none. */
	cpuProf: string;
}

export const DEFAULT_ARGS: BenchArgs = {
	itemCounts: [300, 1],
	latencies: [0, 50, 150, 300],
	executions: 6,
	oneItemExecutions: 3,
	rounds: 12,
	mappings: 'plain',
	changeMs: 0,
	out: '',
	cpuProf: '',
};

const FLAGS: Record<string, keyof BenchArgs> = {
	items: 'itemCounts',
	latencies: 'latencies',
	executions: 'executions',
	'one-item-executions': 'oneItemExecutions',
	rounds: 'rounds',
	mappings: 'mappings',
	'change-ms': 'changeMs',
	out: 'out',
	'cpu-prof': 'cpuProf',
};

function wholeNumber(flag: string, text: string, min: number): number {
	const value = Number(text);
	if (text.trim() === '' || !Number.isInteger(value) || value < min)
		throw new Error(`--${flag}: "${text}" is not a whole number >= ${min}`);
	return value;
}

function numberList(flag: string, text: string, min: number): number[] {
	const values = text.split(',').map((part) => wholeNumber(flag, part, min));
	if (new Set(values).size !== values.length)
		throw new Error(`--${flag}: "${text}" names a value twice`);
	return values;
}

/** Parses `--name=value` flags over the defaults; throws on an unknown flag or a bad value. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
	const args: BenchArgs = { ...DEFAULT_ARGS };
	for (const arg of argv) {
		const match = /^--([a-z-]+)=(.*)$/s.exec(arg);
		const key = match ? FLAGS[match[1]] : undefined;
		if (!match || !key)
			throw new Error(
				`unknown argument "${arg}"; flags: ${Object.keys(FLAGS)
					.map((name) => `--${name}=`)
					.join(' ')}`,
			);
		const [, flag, text] = match;
		switch (key) {
			case 'itemCounts':
				args.itemCounts = numberList(flag, text, 1);
				break;
			case 'latencies':
				args.latencies = numberList(flag, text, 0);
				break;
			case 'executions':
			case 'oneItemExecutions':
			case 'rounds':
				args[key] = wholeNumber(flag, text, 1);
				break;
			case 'changeMs':
				args.changeMs = wholeNumber(flag, text, 0);
				break;
			case 'mappings':
				if (!(MAPPING_STYLES as string[]).includes(text))
					throw new Error(`--mappings: "${text}" is not one of ${MAPPING_STYLES.join(', ')}`);
				args.mappings = text as MappingStyle;
				break;
			case 'out':
			case 'cpuProf':
				if (text === '') throw new Error(`--${flag}: give a path`);
				args[key] = text;
				break;
		}
	}
	return args;
}
