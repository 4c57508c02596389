import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ExecutionOptions } from './options';
import { readExecutionOptions } from './options';
import { RequestLimiter, concurrencyPolicy } from '../helpers/concurrency';
import { Deadline } from '../helpers/deadline';
import type { TaskOutcome } from '../helpers/scheduler';
import { runScheduled } from '../helpers/scheduler';
import { InvalidInputError } from '../helpers/validation';
import { clientFromContext } from '../transport/clientFactory';
import type { MilvusEndpoint } from '../transport/endpoint';
import { aliasOperations } from './alias';
import { AliasNames } from './alias/aliasAsCollection';
import { resolvedDatabase } from './alias/aliasCalls';
import type { ItemError } from './itemErrors';
import { errorItem, invalidItemError, toItemError } from './itemErrors';
import { ItemMappings, ItemReader } from './parameterReader';
import { withRunSummary } from '../messages/runSummary';
import type { AliasChange, AliasItem, AliasOperation } from './operation';

type Prepared = { item: AliasItem } | { error: ItemError };

/** Reads and checks every item before any request; an invalid item carries its own error. */
function readItems(fns: IExecuteFunctions, operation: AliasOperation, count: number): Prepared[] {
	const mappings = new ItemMappings(fns);
	return Array.from({ length: count }, (_, itemIndex) => {
		try {
			return { item: operation.read(new ItemReader(fns, itemIndex, mappings)) };
		} catch (error) {
			if (error instanceof InvalidInputError) {
				return { error: invalidItemError(fns, error.message, itemIndex) };
			}
			if (error instanceof NodeOperationError) return { error };
			return { error: new NodeOperationError(fns.getNode(), error as Error, { itemIndex }) };
		}
	});
}

/** The execution-wide options, read from the first item; an invalid one stops the run. */
function readOptions(fns: IExecuteFunctions): ExecutionOptions | { error: NodeOperationError } {
	try {
		return readExecutionOptions(fns.getNodeParameter('options', 0, {}) as IDataObject);
	} catch (error) {
		return {
			error: new NodeOperationError(fns.getNode(), (error as Error).message, {
				itemIndex: 0,
				description:
					'This option applies to the whole run and is read from the first item; fix its value. No request was sent.',
			}),
		};
	}
}

/**
 * Items on the same alias run one after another in input order. The key is the database the
 * server will use, so an empty Database Name and `default` are the same alias.
 */
function orderKey(item: AliasItem): string | undefined {
	return item.aliasName ? `${resolvedDatabase(item)}\u0000${item.aliasName}` : undefined;
}

/**
 * Runs the chosen operation for every input item: every item checked first (no request for an
 * invalid one), then the items scheduled with bounded concurrency (same alias: input order),
 * then one output item (or several for Get Many) per input, paired, in input order.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const count = this.getInputData().length;
	if (count === 0) return [[]];
	const value = this.getNodeParameter('operation', 0) as string;
	const operation = aliasOperations.get(value);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${value}" is not supported`);
	}
	const continueOnFail = this.continueOnFail();

	const prepared = readItems(this, operation, count);
	const firstInvalid = prepared.find((entry): entry is { error: ItemError } => 'error' in entry);
	if (firstInvalid && !continueOnFail) throw firstInvalid.error;

	// An invalid item keeps its own error; the others fail with what stops the whole run.
	const failEveryItem = (error: ItemError) => {
		if (!continueOnFail) throw error;
		return [prepared.map((entry, i) => errorItem('error' in entry ? entry.error : error, i))];
	};
	const options = readOptions(this);
	if ('error' in options) return failEveryItem(options.error);
	// One limiter for every request of the execution (Get Many's describes included), so
	// Concurrency bounds what is in flight, not what each item may start.
	const limiter = new RequestLimiter(concurrencyPolicy(options.concurrency));
	const connection = await clientFromContext(this, {
		timeoutMs: options.timeoutMs,
		retry: options.retry,
		limiter,
	});
	if ('error' in connection) return failEveryItem(connection.error);
	const { client: milvus, endpoint } = connection;

	// Items start while fewer than the current limit run; every request also passes the limiter.
	const concurrency = () => milvus.concurrencyLimit();
	const cancelSignal = this.getExecutionCancelSignal?.();
	const aliasNames = new AliasNames();
	const contextOfItem = (deadline: Deadline) => ({
		milvus: milvus.within(deadline),
		concurrency,
		deadline,
		cancelSignal,
		aliasNames,
	});
	const outcomes = await runScheduled(
		prepared.map((entry) =>
			'item' in entry
				? {
						key: orderKey(entry.item),
						run: async () =>
							await operation.execute(
								contextOfItem(new Deadline(options.itemTimeLimitMs)),
								entry.item,
							),
					}
				: undefined,
		),
		concurrency,
		!continueOnFail,
	);

	return [
		collect(this, operation, prepared, outcomes, {
			continueOnFail,
			endpoint,
			timeoutMs: options.timeoutMs,
		}),
	];
}

/**
 * One output item per input (several for Get Many, none when it found none), paired, in input
 * order; failed items as error items under "Continue", else the first failure, with what the
 * completed items changed, fails the run.
 */
function collect(
	fns: IExecuteFunctions,
	operation: AliasOperation,
	prepared: Prepared[],
	outcomes: Array<TaskOutcome<IDataObject[]>>,
	run: { continueOnFail: boolean; endpoint: MilvusEndpoint; timeoutMs: number },
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
			const error = toItemError(fns, outcome.reason, {
				operation: operation.value,
				item: entry.item,
				itemIndex,
				endpoint: run.endpoint,
				timeoutMs: run.timeoutMs,
			});
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
