/** Statistics of the benchmark: medians and ranges, rounded for the results file. */

export interface Summary {
	n: number;
	median: number;
	min: number;
	max: number;
}

export function round(value: number, digits = 2): number {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(values: number[], digits = 2): Summary {
	return {
		n: values.length,
		median: round(median(values), digits),
		min: round(Math.min(...values), digits),
		max: round(Math.max(...values), digits),
	};
}
