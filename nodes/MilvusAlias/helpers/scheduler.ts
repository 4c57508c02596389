/**
 * Runs one task per input item with bounded concurrency, while tasks that share a key
 * (the same alias in the same database) run one after another in input order, so a create
 * followed by an update of the same alias can never be reordered.
 *
 * With `stopOnFailure` (the node is not continuing on fail), no task is started once one has
 * failed; tasks already running finish, and those never started are reported as `skipped`.
 */
export type TaskOutcome<T> =
	| { status: 'fulfilled'; value: T }
	| { status: 'rejected'; reason: unknown }
	| { status: 'skipped' };

export interface ScheduledTask<T> {
	key: string | undefined;
	run: () => Promise<T>;
}

export async function runScheduled<T>(
	tasks: Array<ScheduledTask<T> | undefined>,
	concurrency: number,
	stopOnFailure: boolean,
): Promise<Array<TaskOutcome<T>>> {
	const outcomes: Array<TaskOutcome<T>> = tasks.map(() => ({ status: 'skipped' }));
	let failed = false;
	const shouldStop = () => stopOnFailure && failed;
	// The last started task of each key: the next task of that key waits for it to settle.
	const lastOfKey = new Map<string, Promise<void>>();

	const runOne = async (task: ScheduledTask<T>, index: number, previous?: Promise<void>) => {
		if (previous) await previous;
		if (shouldStop()) return;
		try {
			outcomes[index] = { status: 'fulfilled', value: await task.run() };
		} catch (reason) {
			failed = true;
			outcomes[index] = { status: 'rejected', reason };
		}
	};

	// A fixed pool of workers takes the items in input order, so when an item is picked every
	// earlier item of its key has been started; an item whose key is still busy waits inside
	// its worker, which keeps the number of requests in flight bounded.
	let next = 0;
	const worker = async () => {
		while (next < tasks.length) {
			const index = next++;
			const task = tasks[index];
			if (!task || shouldStop()) continue;
			const previous = task.key === undefined ? undefined : lastOfKey.get(task.key);
			const done = runOne(task, index, previous);
			if (task.key !== undefined) lastOfKey.set(task.key, done);
			await done;
		}
	};
	const workerCount = Math.max(1, Math.min(concurrency, tasks.length));
	await Promise.all(Array.from({ length: workerCount }, worker));
	return outcomes;
}
