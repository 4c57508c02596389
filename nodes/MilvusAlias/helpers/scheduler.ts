export type TaskOutcome<T> =
	| { status: 'fulfilled'; value: T }
	| { status: 'rejected'; reason: unknown }
	| { status: 'skipped' };

export interface ScheduledTask<T> {
	/** Tasks with the same key run one after another, in input order; undefined: no order. */
	key: string | undefined;
	run: () => Promise<T>;
}

/** A fixed number, or a limit that may change while the tasks run (the adaptive policy). */
export type ConcurrencyLimit = number | (() => number);

/**
 * Runs one task per input item with bounded concurrency, while tasks that share a key (the
 * same alias in the same database) run one after another in input order, so a create
 * followed by an update of the same alias can never be reordered. Outcomes come back in
 * input order, whatever order the tasks finished in.
 *
 * With `stopOnFailure` (the node is not continuing on fail), no task is started once one has
 * failed; tasks already running finish, and those never started are reported as `skipped`.
 */
export async function runScheduled<T>(
	tasks: Array<ScheduledTask<T> | undefined>,
	concurrency: ConcurrencyLimit,
	stopOnFailure: boolean,
): Promise<Array<TaskOutcome<T>>> {
	const outcomes: Array<TaskOutcome<T>> = tasks.map(() => ({ status: 'skipped' }));
	const limit = typeof concurrency === 'number' ? () => concurrency : concurrency;
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

	// Tasks are admitted in input order, so when a task is admitted every earlier task of its
	// key has been; one whose key is still busy waits inside its slot, which keeps the number
	// of tasks in progress within the limit. The limit is read again each time a slot frees.
	let next = 0;
	let running = 0;
	return await new Promise((resolve) => {
		const admit = () => {
			while (next < tasks.length && running < Math.max(1, limit())) {
				const index = next++;
				const task = tasks[index];
				if (!task || shouldStop()) continue;
				const previous = task.key === undefined ? undefined : lastOfKey.get(task.key);
				const done = runOne(task, index, previous);
				if (task.key !== undefined) lastOfKey.set(task.key, done);
				running++;
				void done.then(() => {
					running--;
					admit();
				});
			}
			if (running === 0 && next >= tasks.length) resolve(outcomes);
		};
		admit();
	});
}
