import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readBoolean, readWholeNumber } from '../helpers/validation';
import type { WholeNumberRule } from '../helpers/validation';
import type { RetryPolicy } from '../transport/retry';

/*
 * The "Options" collection: each option's field holds its default and its range, once. Every
 * option is read through the item's ParameterReader (the collection read once per item): the
 * run's options from the first item (readRunOptions), an operation's own from each item.
 */

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 100 },
	default: 0,
	description:
		'How many requests are sent to Milvus at the same time. 0 (the default) adapts: it starts at 32, widens up to 256 while answers keep coming back as fast as the first ones, and narrows when Milvus pushes back (rate limit, HTTP 429 or 503, timeouts). A number from 1 to 100 is used as it is. Items on the same alias always run one after another, in input order. Read from the first item.',
};

export const maxRetriesOption: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 10 },
	default: 3,
	description:
		'How often to retry a request that failed for a passing reason (connection reset, timeout, HTTP 502/503/504, Milvus rate limit). Errors a retry cannot fix are never retried. Read from the first item.',
};

export const retryDelayOption: INodeProperties = {
	displayName: 'Retry Delay (Ms)',
	name: 'retryDelay',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 500,
	description:
		'Wait before the first retry; it doubles for each further retry, with random jitter. Read from the first item.',
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Ms)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 10000,
	description:
		'How long each attempt may take, from sending the request to the last byte of the answer. Above 30 s Milvus is asked to keep working that long (Request-Timeout header, in whole seconds); below, nothing is sent and Milvus keeps its own 30 s limit, because Milvus up to 2.5.9 would apply a shorter value to every other client too. Values above 2147483647 (about 24.8 days) count as 2147483647. Read from the first item.',
};

export const itemTimeLimitOption: INodeProperties = {
	displayName: 'Time Limit per Item (Ms)',
	name: 'itemTimeLimit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 60000,
	description:
		'The most time one item may take in all: every attempt, the waits between retries and any checks. When it runs out the item fails, even with retries left. Values above 2147483647 (about 24.8 days) count as 2147483647. Read from the first item.',
};

export const allOrNothingOption: INodeProperties = {
	displayName: 'All or Nothing',
	name: 'allOrNothing',
	type: 'boolean',
	default: false,
	description:
		"Whether to undo what this run's earlier items changed when any item fails, newest first (a created alias is deleted, a moved one pointed back, a deleted one created again), so several aliases switch together or not at all. No item is then reported as a success. Read from the first item.",
	builderHint: {
		propertyHint:
			'Turn on when several aliases must switch together (e.g. products, products_search and products_rag in one release): if one item fails, the aliases already switched by this run are put back.',
	},
};

export const requireLoadedOption: INodeProperties = {
	displayName: 'Require Loaded Collection',
	name: 'requireLoaded',
	type: 'boolean',
	default: false,
	description:
		'Whether to refuse to point the alias at a collection that is not loaded, so a switch never sends readers to a collection that cannot serve searches',
	builderHint: {
		propertyHint:
			'Turn on in re-index and blue/green workflows: the switch then fails instead of sending readers to a collection that is not loaded and cannot serve searches.',
	},
};

export const waitForLoadOption: INodeProperties = {
	displayName: 'Wait for Load',
	name: 'waitForLoad',
	type: 'boolean',
	default: false,
	description:
		'Whether to wait until the collection is loaded before pointing the alias at it, instead of refusing: for a collection whose load is still running, e.g. right after a step that created and loaded it. The wait counts against the Time Limit per Item; a collection that nothing is loading is refused at once. The output says how long it waited (waitedForLoadMs).',
	builderHint: {
		propertyHint:
			'Turn on when an earlier step has just created and started loading the collection: the node waits until it is loaded (within the item time limit) before switching, instead of failing.',
	},
};

/** Each option's default, as its field declares it. */
export const OPTION_DEFAULTS = {
	concurrency: concurrencyOption.default as number,
	maxRetries: maxRetriesOption.default as number,
	retryDelay: retryDelayOption.default as number,
	timeout: timeoutOption.default as number,
	itemTimeLimit: itemTimeLimitOption.default as number,
	allOrNothing: allOrNothingOption.default as boolean,
	requireLoaded: requireLoadedOption.default as boolean,
	waitForLoad: waitForLoadOption.default as boolean,
};

/** Options every operation has: how requests are sent, read once per execution. */
export const runOptions: INodeProperties[] = [
	concurrencyOption,
	maxRetriesOption,
	retryDelayOption,
	timeoutOption,
	itemTimeLimitOption,
];

/**
 * The Options collection of one operation: the shared options plus its own, sorted by name.
 * (Operations that change aliases also get All or Nothing: actions/resourceProperties adds it.)
 */
export function optionsCollection(ownOptions: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...runOptions, ...ownOptions].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/** The range the editor shows for a number option is the range enforced for expressions too. */
function ruleOf(option: INodeProperties): WholeNumberRule {
	const { minValue, maxValue } = (option.typeOptions ?? {}) as {
		minValue?: number;
		maxValue?: number;
	};
	return { min: minValue ?? 0, max: maxValue };
}

/**
 * A number option of the collection, checked against its own field's range. An option that
 * was not added gets its default; one that was added must hold a valid value.
 */
export function readNumberOption(options: IDataObject, option: INodeProperties): number {
	if (!(option.name in options)) return option.default as number;
	return readWholeNumber(`Options › ${option.displayName}`, options[option.name], ruleOf(option));
}

/** A switch option of the collection. */
export function readBooleanOption(options: IDataObject, option: INodeProperties): boolean {
	if (!(option.name in options)) return option.default as boolean;
	return readBoolean(`Options › ${option.displayName}`, options[option.name]);
}

export interface RunOptions {
	/** 0: the adaptive policy; otherwise a fixed number of requests in flight. */
	concurrency: number;
	/** Undo this run's changes when an item fails (operations that change aliases only). */
	allOrNothing: boolean;
	timeoutMs: number;
	itemTimeLimitMs: number;
	retry: RetryPolicy;
}

/** Where an option's value comes from: the ParameterReader of an item. */
interface OptionSource {
	numberOption: (option: INodeProperties) => number;
	booleanOption: (option: INodeProperties) => boolean;
}

/** The options that apply to the whole run, read from the first item; throws InvalidInputError. */
export function readRunOptions(firstItem: OptionSource, changesAliases: boolean): RunOptions {
	return {
		concurrency: firstItem.numberOption(concurrencyOption),
		allOrNothing: changesAliases && firstItem.booleanOption(allOrNothingOption),
		timeoutMs: firstItem.numberOption(timeoutOption),
		itemTimeLimitMs: firstItem.numberOption(itemTimeLimitOption),
		retry: {
			maxRetries: firstItem.numberOption(maxRetriesOption),
			baseDelayMs: firstItem.numberOption(retryDelayOption),
		},
	};
}
