/**
 * The few assertions the live suite needs, outside jest: each failure says what was checked,
 * what was expected and what came.
 */

/** JSON with sorted keys, so two equal objects print the same. */
export function stable(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) =>
		inner && typeof inner === 'object' && !Array.isArray(inner)
			? Object.fromEntries(
					Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
				)
			: inner,
	);
}

export class CheckFailed extends Error {}

export function expectEqual(actual: unknown, expected: unknown, what: string): void {
	if (stable(actual) !== stable(expected)) {
		throw new CheckFailed(`${what}: expected ${stable(expected)}, got ${stable(actual)}`);
	}
}

export function expectTrue(condition: boolean, what: string, got?: unknown): void {
	if (!condition) {
		throw new CheckFailed(got === undefined ? what : `${what} (got ${stable(got)})`);
	}
}
