/** One kind of thing an execution's items share, and how to make it on first use. */
export interface RunMemoryKey<T> {
	create: () => T;
}

/**
 * What the items of one execution share (e.g. the alias names the run listed, and what it
 * changed). The router makes one per execution and knows nothing of what it holds: each user
 * keeps its own entry under its own key.
 */
export class RunMemory {
	private readonly entries = new Map<RunMemoryKey<unknown>, unknown>();

	get<T>(key: RunMemoryKey<T>): T {
		if (!this.entries.has(key)) this.entries.set(key, key.create());
		return this.entries.get(key) as T;
	}
}
