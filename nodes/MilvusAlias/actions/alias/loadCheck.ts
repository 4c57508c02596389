/**
 * The load checks before an alias is pointed at a collection, because every reader of the alias
 * switches to it at once and a collection that is not loaded cannot serve their searches:
 * "Require Loaded Collection" refuses, "Wait for Load" waits (within the item's time limit).
 */
import type { IDataObject } from 'n8n-workflow';

import { Deadline } from '../../helpers/deadline';
import { PreconditionError } from '../../messages/nodeErrors';
import { MilvusCallError } from '../../transport/callError';
import type { OperationContext } from '../operation';
import type { PointingInput } from './inputs';
import { callMilvus, databaseField, resolvedDatabase } from './aliasCalls';
import type { LoadReading, LoadWaitOutcome } from './waitForLoad';
import { LOAD_STATE_LOADED, describeLoadReading, waitUntilLoaded } from './waitForLoad';

function readingOf(data: IDataObject | undefined): LoadReading {
	return {
		state: typeof data?.loadState === 'string' ? data.loadState : 'unknown',
		progress: typeof data?.loadProgress === 'number' ? data.loadProgress : undefined,
	};
}

const loadStateBody = (item: PointingInput) => ({
	...databaseField(item),
	collectionName: item.collectionName,
});

/** The collection's load state (`collections/get_load_state`); a Milvus error is the item's. */
export async function readLoadState(
	ctx: OperationContext,
	item: PointingInput,
): Promise<LoadReading> {
	return readingOf(
		(await callMilvus(ctx, 'collections/get_load_state', loadStateBody(item))) as IDataObject,
	);
}

/**
 * The load state while waiting: undefined when the item's time limit ran out before Milvus
 * answered (the wait's own time limit, said as such); any other failure is the item's.
 */
async function readWhileWaiting(
	ctx: OperationContext,
	item: PointingInput,
): Promise<LoadReading | undefined> {
	const outcome = await ctx.milvus.attempt('collections/get_load_state', loadStateBody(item));
	if (outcome.ok) return readingOf(outcome.data as IDataObject);
	if (outcome.failure.timeLimitMs !== undefined) return undefined;
	throw new MilvusCallError(outcome.failure, outcome.attempts);
}

function loadHowTo(item: PointingInput): string {
	return `Load "${item.collectionName}" in database "${resolvedDatabase(item)}" (POST /v2/vectordb/collections/load, or load_collection in an SDK)`;
}

/** Require Loaded Collection: refuse, changing nothing, unless the collection is loaded. */
export async function ensureCollectionLoaded(
	ctx: OperationContext,
	item: PointingInput,
): Promise<void> {
	const reading = await readLoadState(ctx, item);
	if (reading.state === LOAD_STATE_LOADED) return;
	throw new PreconditionError(
		`Collection "${item.collectionName}" is not loaded (load state ${describeLoadReading(reading)}), so alias "${item.aliasName}" was left unchanged`,
		`"Require Loaded Collection" is on: readers of the alias would fail against a collection that is not loaded. ${loadHowTo(item)}, wait until its load state is LoadStateLoaded, then run this again, or turn on "Wait for Load" to wait for a load that is under way.`,
	);
}

/**
 * Time kept back from the wait for pointing the alias afterwards: a tenth of what is left, at
 * most 5 s, so a load that ends late still leaves time for the change itself.
 */
function reserveForChangeMs(remainingMs: number): number {
	return Math.min(5_000, remainingMs / 10);
}

function refusal(
	item: PointingInput,
	ended: Exclude<LoadWaitOutcome, { outcome: 'loaded' }>,
	limitMs: number,
) {
	const unchanged = `so alias "${item.aliasName}" was left unchanged`;
	const state = describeLoadReading(ended.last);
	switch (ended.outcome) {
		case 'notLoading':
			return new PreconditionError(
				`Collection "${item.collectionName}" is not loaded and no load is under way (load state ${state}), ${unchanged}`,
				`"Wait for Load" waits for a load that is running; nothing is loading this collection. ${loadHowTo(item)}, then run this again.`,
			);
		case 'cancelled':
			return new PreconditionError(
				`The execution was canceled while waiting for collection "${item.collectionName}" to load (load state ${state}), ${unchanged}`,
				'Nothing was changed. Run it again to wait for the load.',
			);
		case 'timeLimit':
			return new PreconditionError(
				`Collection "${item.collectionName}" was still not loaded after waiting ${ended.waitedMs} ms (load state ${state}), ${unchanged}`,
				`"Wait for Load" waits within the item's Time Limit per Item (${limitMs} ms), keeping some of it for the change itself. Raise that option for collections that take longer to load, or load the collection before this step.`,
			);
	}
}

/**
 * Wait for Load: polls the load state until the collection is loaded, within the item's time
 * limit, ending at once when the execution is cancelled. Returns the milliseconds waited.
 */
export async function waitForCollectionLoad(
	ctx: OperationContext,
	item: PointingInput,
): Promise<number> {
	const remaining = ctx.deadline.remainingMs();
	// The wait has a limit of its own, ending before the item's by the reserve, and its reads
	// draw from it too: a slow answer cannot eat the time kept for the change.
	const waitLimit = new Deadline(Math.floor(remaining - reserveForChangeMs(remaining)));
	const waiting: OperationContext = {
		...ctx,
		milvus: ctx.milvus.within(waitLimit),
		deadline: waitLimit,
	};
	const ended = await waitUntilLoaded(
		async () => await readWhileWaiting(waiting, item),
		waitLimit.limitMs,
		{
			now: () => Date.now(),
			random: Math.random,
			wait: async (ms) => (await waitLimit.sleep(ms, ctx.cancelSignal)) !== 'cancelled',
		},
	);
	if (ended.outcome === 'loaded') return ended.waitedMs;
	throw refusal(item, ended, ctx.deadline.limitMs);
}

/** What the output adds when nothing had to be checked because nothing changes. */
export function nothingWaited(item: PointingInput): IDataObject {
	return item.waitForLoad ? { waitedForLoadMs: 0 } : {};
}

/**
 * The load check the item asked for, before its alias is pointed at the collection. Returns
 * what the output adds: how long Wait for Load waited.
 */
export async function checkLoadBeforePointing(
	ctx: OperationContext,
	item: PointingInput,
): Promise<IDataObject> {
	if (item.waitForLoad) return { waitedForLoadMs: await waitForCollectionLoad(ctx, item) };
	if (item.requireLoaded) await ensureCollectionLoaded(ctx, item);
	return {};
}
