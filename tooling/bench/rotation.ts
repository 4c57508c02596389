/**
 * The order the benchmark runs the nodes in. n8n's v1 order runs parallel branches one after
 * another, top to bottom, and a node's position in that line changes its time (what ran before
 * it is warm, the machine's load drifts), so every node takes every position equally often.
 */

/** `list` started at index `by` and wrapped around: rotated([a, b, c], 1) is [b, c, a]. */
export function rotated<T>(list: readonly T[], by: number): T[] {
	const n = list.length;
	return list.map((_, i) => list[(((i + by) % n) + n) % n]);
}

/** The smallest multiple of `size` that is at least `count`: whole rotations only. */
export function fullRotations(count: number, size: number): number {
	return Math.ceil(count / size) * size;
}

/** The node order of each round: round r starts with node r mod n. */
export function roundOrders<T>(list: readonly T[], rounds: number): T[][] {
	return Array.from({ length: rounds }, (_, round) => rotated(list, round));
}
