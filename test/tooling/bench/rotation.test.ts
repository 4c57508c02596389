/** The benchmark's node order: every node in every position equally often. */
import { fullRotations, roundOrders, rotated } from '../../../tooling/bench/rotation';

test('rotated starts the list at the given index and wraps around', () => {
	expect(rotated(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c']);
	expect(rotated(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
	expect(rotated(['a', 'b', 'c'], 5)).toEqual(['c', 'a', 'b']);
	expect(rotated(['a', 'b', 'c'], -1)).toEqual(['c', 'a', 'b']);
});

test('fullRotations rounds a count up to whole rotations', () => {
	expect([1, 3, 4, 6, 12, 13].map((count) => fullRotations(count, 3))).toEqual([
		3, 3, 6, 6, 12, 15,
	]);
});

test('over whole rotations, each node is first, middle and last equally often', () => {
	const orders = roundOrders(['m', 'h', 'b'], 6);
	expect(orders).toEqual([
		['m', 'h', 'b'],
		['h', 'b', 'm'],
		['b', 'm', 'h'],
		['m', 'h', 'b'],
		['h', 'b', 'm'],
		['b', 'm', 'h'],
	]);
	for (const node of ['m', 'h', 'b'])
		expect(orders.map((order) => order.indexOf(node)).sort()).toEqual([0, 0, 1, 1, 2, 2]);
});
