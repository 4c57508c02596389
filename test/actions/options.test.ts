import type { IDataObject } from 'n8n-workflow';

import { InvalidInputError } from '../../nodes/MilvusAlias/helpers/validation';
import {
	OPTION_DEFAULTS,
	readNumberOption,
	readRunOptions,
} from '../../nodes/MilvusAlias/actions/options';

const rejects = (read: () => unknown, message: RegExp) => {
	expect(read).toThrow(InvalidInputError);
	expect(read).toThrow(message);
};

/** The first item's Options collection, as its ParameterReader hands options out. */
const firstItemWith = (collection: IDataObject) => ({
	numberOption: (option: Parameters<typeof readNumberOption>[1]) =>
		readNumberOption(collection, option),
});

describe('readRunOptions', () => {
	test('options not added get the defaults their fields declare', () => {
		expect(readRunOptions(firstItemWith({}))).toMatchObject({
			concurrency: OPTION_DEFAULTS.concurrency,
			timeoutMs: OPTION_DEFAULTS.timeout,
			retry: { maxRetries: OPTION_DEFAULTS.maxRetries, baseDelayMs: OPTION_DEFAULTS.retryDelay },
		});
	});

	test('texts are read as numbers; an added option must hold a valid value', () => {
		expect(readRunOptions(firstItemWith({ maxRetries: '0', concurrency: '5' }))).toMatchObject({
			concurrency: 5,
			retry: { maxRetries: 0 },
		});
		rejects(
			() => readRunOptions(firstItemWith({ concurrency: undefined })),
			/^Options › Concurrency must be a whole number/,
		);
		rejects(
			() => readRunOptions(firstItemWith({ maxRetries: 11 })),
			/^Options › Max Retries must be a whole number from 0 to 10, but got 11$/,
		);
	});
});
