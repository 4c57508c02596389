import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InvalidInputError } from '../../nodes/MilvusAlias/helpers/validation';
import {
	OPTION_DEFAULTS,
	readBooleanOption,
	readNumberOption,
	readRunOptions,
} from '../../nodes/MilvusAlias/actions/options';

const rejects = (read: () => unknown, message: RegExp) => {
	expect(read).toThrow(InvalidInputError);
	expect(read).toThrow(message);
};

/** The first item's Options collection, as its ParameterReader hands options out. */
const firstItemWith = (collection: IDataObject) => ({
	numberOption: (option: INodeProperties) => readNumberOption(collection, option),
	booleanOption: (option: INodeProperties) => readBooleanOption(collection, option),
});

describe('readRunOptions', () => {
	test('options not added get the defaults their fields declare', () => {
		expect(readRunOptions(firstItemWith({}), true)).toMatchObject({
			concurrency: OPTION_DEFAULTS.concurrency,
			timeoutMs: OPTION_DEFAULTS.timeout,
			retry: { maxRetries: OPTION_DEFAULTS.maxRetries, baseDelayMs: OPTION_DEFAULTS.retryDelay },
		});
	});

	test('texts are read as numbers; an added option must hold a valid value', () => {
		expect(
			readRunOptions(firstItemWith({ maxRetries: '0', concurrency: '5' }), true),
		).toMatchObject({
			concurrency: 5,
			retry: { maxRetries: 0 },
		});
		rejects(
			() => readRunOptions(firstItemWith({ concurrency: undefined }), true),
			/^Options › Concurrency must be a whole number/,
		);
		rejects(
			() => readRunOptions(firstItemWith({ maxRetries: 11 }), true),
			/^Options › Max Retries must be a whole number from 0 to 10, but got 11$/,
		);
	});
});

describe('All or Nothing', () => {
	test('is read from the first item for operations that change aliases, off by default', () => {
		expect(readRunOptions(firstItemWith({}), true).allOrNothing).toBe(false);
		expect(readRunOptions(firstItemWith({ allOrNothing: 'true' }), true).allOrNothing).toBe(true);
		rejects(
			() => readRunOptions(firstItemWith({ allOrNothing: 'yes' }), true),
			/^Options › All or Nothing must be true or false, but got the text "yes"$/,
		);
	});

	test('is never on for an operation that only reads', () => {
		expect(readRunOptions(firstItemWith({ allOrNothing: true }), false).allOrNothing).toBe(false);
	});
});
