/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never part of the package: it lets the event loop turn */
import { runScheduled } from '../../nodes/MilvusAlias/helpers/scheduler';
import type { ScheduledTask } from '../../nodes/MilvusAlias/helpers/scheduler';

/** Tasks that record when they start and end, each finishing after its own number of ticks. */
function recorder() {
	const events: string[] = [];
	let running = 0;
	let maxRunning = 0;
	const task = (
		name: string,
		ticks: number,
		key?: string,
		fail = false,
	): ScheduledTask<string> => ({
		key,
		run: async () => {
			events.push(`start ${name}`);
			maxRunning = Math.max(maxRunning, ++running);
			for (let i = 0; i < ticks; i++) await new Promise((resolve) => setImmediate(resolve));
			running--;
			events.push(`end ${name}`);
			if (fail) throw new Error(`${name} failed`);
			return name;
		},
	});
	return { events, task, maxRunning: () => maxRunning };
}

describe('runScheduled', () => {
	test('returns outcomes in input order whatever order the tasks finish in', async () => {
		const r = recorder();
		const outcomes = await runScheduled([r.task('a', 5), r.task('b', 1), r.task('c', 3)], 3, false);
		expect(outcomes).toEqual([
			{ status: 'fulfilled', value: 'a' },
			{ status: 'fulfilled', value: 'b' },
			{ status: 'fulfilled', value: 'c' },
		]);
		expect(r.events.indexOf('end b')).toBeLessThan(r.events.indexOf('end a'));
	});

	test('never runs more tasks at once than the limit, and uses all of it', async () => {
		const r = recorder();
		const tasks = Array.from({ length: 20 }, (_, i) => r.task(`t${i}`, 2 + (i % 3)));
		await runScheduled(tasks, 4, false);
		expect(r.maxRunning()).toBe(4);
	});

	test('tasks of one key run one after another in input order, others overtake them', async () => {
		const r = recorder();
		await runScheduled(
			[r.task('x1', 6, 'x'), r.task('y', 1, 'y'), r.task('x2', 1, 'x'), r.task('z', 1)],
			4,
			false,
		);
		expect(r.events.indexOf('start x2')).toBeGreaterThan(r.events.indexOf('end x1'));
		expect(r.events.indexOf('end y')).toBeLessThan(r.events.indexOf('end x1'));
		expect(r.events.indexOf('end z')).toBeLessThan(r.events.indexOf('end x1'));
	});

	test('a limit that changes while running is followed as slots free up', async () => {
		const r = recorder();
		let limit = 1;
		let started = 0;
		const tasks = Array.from({ length: 12 }, (_, i) => {
			const inner = r.task(`t${i}`, 3);
			return {
				key: undefined,
				run: async () => {
					if (++started === 3) limit = 5;
					return await inner.run();
				},
			};
		});
		await runScheduled(tasks, () => limit, false);
		expect(r.maxRunning()).toBe(5);
	});

	test('with stopOnFailure, nothing starts after a failure; the rest are skipped', async () => {
		const r = recorder();
		const outcomes = await runScheduled(
			[r.task('a', 1, undefined, true), r.task('b', 1), r.task('c', 1)],
			1,
			true,
		);
		expect(outcomes[0]).toEqual({ status: 'rejected', reason: new Error('a failed') });
		expect(outcomes.slice(1)).toEqual([{ status: 'skipped' }, { status: 'skipped' }]);
		expect(r.events).toEqual(['start a', 'end a']);
	});

	test('without stopOnFailure, the others go on', async () => {
		const r = recorder();
		const outcomes = await runScheduled(
			[r.task('a', 1, undefined, true), r.task('b', 1)],
			1,
			false,
		);
		expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled']);
	});

	test('missing tasks (invalid items) are skipped, and an empty list finishes', async () => {
		const r = recorder();
		await expect(runScheduled([undefined, r.task('b', 1)], 2, false)).resolves.toEqual([
			{ status: 'skipped' },
			{ status: 'fulfilled', value: 'b' },
		]);
		await expect(runScheduled([], 2, false)).resolves.toEqual([]);
	});
});
