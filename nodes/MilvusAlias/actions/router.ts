import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { RequestLimiter, concurrencyPolicy } from '../helpers/concurrency';
import { Deadline } from '../helpers/deadline';
import type { TaskOutcome } from '../helpers/scheduler';
import { runScheduled } from '../helpers/scheduler';
import { InvalidInputError } from '../helpers/validation';
import type { ItemError } from '../messages/nodeErrors';
import {
	credentialError,
	invalidItemError,
	invalidRunOptionError,
	toItemError,
} from '../messages/nodeErrors';
import type { AliasChange } from '../messages/runSummary';
import { withRunSummary } from '../messages/runSummary';
import { clientFromContext } from '../transport/clientFactory';
import type { MilvusEndpoint } from '../transport/endpoint';
import { collectUndone } from './allOrNothing';
import { errorItem } from './errorOutput';
import type { AnyOperation, OperationContext } from './operation';
import type { RunOptions } from './options';
import { readRunOptions } from './options';
import { ItemMappings, ParameterReader } from './parameterReader';
import { RunMemory } from './runMemory';

type Prepared = { input: unknown } | { error: ItemError };

/** The error of a value that breaks a rule; anything else an operation's `read` threw, as it is. */
function readError(fns: IExecuteFunctions, error: unknown, itemIndex: number): ItemError {
	if (error instanceof InvalidInputError) return invalidItemError(fns, error.message, itemIndex);
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(fns.getNode(), error as Error, { itemIndex });
}

/** Reads and checks every item before any request; an invalid item carries its own error. */
function readItems(
	fns: IExecuteFunctions,
	operation: AnyOperation,
	readers: ParameterReader[],
): Prepared[] {
	return readers.map((reader) => {
		try {
			return { input: operation.read(reader) };
		} catch (error) {
			return { error: readError(fns, error, reader.itemIndex) };
		}
	});
}

/** The run's options, from the first item; an invalid one stops the run. */
function readOptions(
	fns: IExecuteFunctions,
	operation: AnyOperation,
	firstItem: ParameterReader,
): RunOptions | { error: NodeOperationError } {
	try {
		return readRunOptions(firstItem, operation.changesAliases);
	} catch (error) {
		return { error: invalidRunOptionError(fns, (error as Error).message) };
	}
}

/**
 * Runs the chosen operation for every input item: every item checked first (no request for an
 * invalid one), then the items scheduled with bounded concurrency (same order key: input
 * order), then one output item (or several for Get Many) per input, paired, in input order.
 */
export async function route(
	this: IExecuteFunctions,
	operations: ReadonlyMap<string, AnyOperation>,
): Promise<INodeExecutionData[][]> {
	const count = this.getInputData().length;
	if (count === 0) return [[]];
	const value = this.getNodeParameter('operation', 0) as string;
	const operation = operations.get(value);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${value}" is not supported`);
	}
	const continueOnFail = this.continueOnFail();

	const mappings = new ItemMappings(this);
	const readers = Array.from(
		{ length: count },
		(_, itemIndex) => new ParameterReader(this, itemIndex, mappings),
	);
	const prepared = readItems(this, operation, readers);
	const firstInvalid = prepared.find((entry): entry is { error: ItemError } => 'error' in entry);
	if (firstInvalid && !continueOnFail) throw firstInvalid.error;

	// An invalid item keeps its own error; the others fail with what stops the whole run.
	const failEveryItem = (error: ItemError) => {
		if (!continueOnFail) throw error;
		return [prepared.map((entry, i) => errorItem('error' in entry ? entry.error : error, i))];
	};
	const options = readOptions(this, operation, readers[0]);
	if ('error' in options) return failEveryItem(options.error);
	// With All or Nothing an invalid item fails the whole run before anything is sent.
	if (firstInvalid && options.allOrNothing) {
		const itemErrors = prepared.map((entry) => ('error' in entry ? entry.error : undefined));
		return [
			collectUndone(
				this,
				itemErrors,
				itemErrors.map(() => false),
				[],
				continueOnFail,
			),
		];
	}
	// One limiter for every request of the execution (Get Many's describes included), so
	// Concurrency bounds what is in flight, not what each item may start.
	const limiter = new RequestLimiter(concurrencyPolicy(options.concurrency));
	const connection = await clientFromContext(this, {
		timeoutMs: options.timeoutMs,
		retry: options.retry,
		limiter,
	});
	if ('problem' in connection) return failEveryItem(credentialError(this, connection.problem));
	const { client: milvus, endpoint } = connection;

	// Items start while fewer than the current limit run; every request also passes the limiter.
	const concurrency = () => milvus.concurrencyLimit();
	const cancelSignal = this.getExecutionCancelSignal?.();
	const run = new RunMemory();
	const contextOfItem = (itemIndex: number): OperationContext => {
		const deadline = new Deadline(options.itemTimeLimitMs);
		return {
			milvus: milvus.within(deadline),
			concurrency,
			deadline,
			cancelSignal,
			run,
			itemIndex,
			undoable: options.allOrNothing,
		};
	};
	const outcomes = await runScheduled(
		prepared.map((entry, itemIndex) =>
			'input' in entry
				? {
						key: operation.orderKey(entry.input),
						run: async () => await operation.execute(contextOfItem(itemIndex), entry.input),
					}
				: undefined,
		),
		concurrency,
		// All or Nothing starts no item once one has failed: its change would be undone anyway.
		!continueOnFail || options.allOrNothing,
	);

	const situation = { continueOnFail, endpoint, timeoutMs: options.timeoutMs };
	if (options.allOrNothing && outcomes.some((outcome) => outcome.status === 'rejected')) {
		const undone = (await operation.undoRun?.(() => contextOfItem(-1))) ?? [];
		const itemErrors = prepared.map((entry, itemIndex) => {
			const outcome = outcomes[itemIndex];
			if ('error' in entry) return entry.error;
			if (outcome.status !== 'rejected') return undefined;
			return failedItemError(this, operation, entry.input, outcome.reason, itemIndex, situation);
		});
		const ran = outcomes.map((outcome) => outcome.status === 'fulfilled');
		return [collectUndone(this, itemErrors, ran, undone, continueOnFail)];
	}
	return [collect(this, operation, prepared, outcomes, situation)];
}

interface RunSituation {
	continueOnFail: boolean;
	endpoint: MilvusEndpoint;
	timeoutMs: number;
}

/** The n8n error of an item whose operation threw: what happened and what to do. */
function failedItemError(
	fns: IExecuteFunctions,
	operation: AnyOperation,
	input: unknown,
	reason: unknown,
	itemIndex: number,
	run: RunSituation,
): ItemError {
	return toItemError(fns, reason, {
		operation: operation.value,
		changesAliases: operation.changesAliases,
		subject: operation.subject(input),
		itemIndex,
		endpoint: run.endpoint,
		timeoutMs: run.timeoutMs,
	});
}

/**
 * One output item per input (several for Get Many, none when it found none), paired, in input
 * order; failed items as error items under "Continue", else the first failure, with what the
 * completed items changed, fails the run.
 */
function collect(
	fns: IExecuteFunctions,
	operation: AnyOperation,
	prepared: Prepared[],
	outcomes: Array<TaskOutcome<IDataObject[]>>,
	run: RunSituation,
): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	let firstError: ItemError | undefined;
	const completedItems: number[] = [];
	const changes: AliasChange[] = [];
	outcomes.forEach((outcome, itemIndex) => {
		const entry = prepared[itemIndex];
		if ('error' in entry) {
			output.push(errorItem(entry.error, itemIndex));
		} else if (outcome.status === 'fulfilled') {
			completedItems.push(itemIndex);
			for (const json of outcome.value) {
				output.push({ json, pairedItem: { item: itemIndex } });
				const change = operation.changeOf?.(json);
				if (change) changes.push(change);
			}
		} else if (outcome.status === 'rejected') {
			const error = failedItemError(fns, operation, entry.input, outcome.reason, itemIndex, run);
			if (run.continueOnFail) output.push(errorItem(error, itemIndex));
			else firstError ??= error;
		}
	});
	if (firstError) {
		const notRun = outcomes.filter((outcome) => outcome.status === 'skipped').length;
		throw withRunSummary(firstError, { changes, completedItems, notRun });
	}
	return output;
}
