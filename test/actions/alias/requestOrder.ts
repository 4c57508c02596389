/**
 * Reading the requests a run sent: the item's own chain, apart from the alias-name lookup that
 * runs alongside it (one `aliases/list` without a collection filter per database per run), and
 * the round trips in sequence, from the emulator's record of which answers came before which
 * arrivals (no clocks read).
 */
import type { MilvusEmulator, RecordedRequest } from '../../fixtures';

const pathOf = (request: RecordedRequest) => request.path.replace(/^.*\/v2\/vectordb\//, '');

/** An `aliases/list` without a collection filter: the run's alias-name lookup (or Get Many's own unfiltered list). */
export const isLookup = (request: RecordedRequest): boolean =>
	pathOf(request) === 'aliases/list' &&
	!(request.body as { collectionName?: unknown } | undefined)?.collectionName;

/** The paths of every request except the lookups, in arrival order, and how many lookups were sent. */
export function ownRequests(emulator: MilvusEmulator): { paths: string[]; lookups: number } {
	const { requests } = emulator;
	return {
		paths: requests.filter((request) => !isLookup(request)).map(pathOf),
		lookups: requests.filter(isLookup).length,
	};
}

/**
 * The requests by round trip: a request is in round n + 1 when the latest answer it could have
 * waited for (one given before it arrived) was in round n. Each round's paths are sorted, since
 * requests sent together may arrive in either order. Needs the emulator's latency well above the
 * time between two requests sent together, so no answer falls between them.
 */
export function rounds(emulator: MilvusEmulator): string[][] {
	const depths: number[] = [];
	emulator.requests.forEach((_request, index) => {
		let depth = 1;
		emulator.requests.slice(0, index).forEach((earlier, earlierIndex) => {
			const answered = earlier.arrivalsWhenAnswered;
			if (answered !== undefined && answered <= index) {
				depth = Math.max(depth, depths[earlierIndex] + 1);
			}
		});
		depths.push(depth);
	});
	const byRound: string[][] = [];
	emulator.requests.forEach((request, index) => {
		(byRound[depths[index] - 1] ??= []).push(pathOf(request));
	});
	return byRound.map((paths) => paths.sort());
}
