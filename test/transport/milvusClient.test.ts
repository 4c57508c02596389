/**
 * Retries through n8n-core's engine against the emulator: transient failures are retried and
 * succeed once they clear, and an ambiguous failure of a change is checked (describe) before any
 * retry, so a change is never applied twice and the output is the server's truth. The backoff
 * itself is unit-tested with an injected clock in retry.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import type { EmulatorFault, MilvusEmulator } from '../../tooling/emulator';
import { runMilvusAlias, SEEDS, useEmulator } from '../fixtures';
import { collection, sequence, TOKEN } from './faultFixtures';

describe('retries', () => {
	const books = useEmulator(SEEDS.books);
	let emulator: MilvusEmulator;
	beforeEach(() => {
		emulator = books.current();
	});

	test.each<{ name: string; fault: EmulatorFault }>([
		{ name: 'network reset', fault: { kind: 'reset', times: 2 } },
		{ name: 'client timeout', fault: { kind: 'hang', times: 2 } },
		{ name: 'HTTP 502', fault: { kind: 'status', status: 502, times: 2 } },
		{ name: 'HTTP 503', fault: { kind: 'status', status: 503, times: 2 } },
		{ name: 'HTTP 504', fault: { kind: 'status', status: 504, times: 2 } },
		{ name: 'HTTP 429 from a proxy', fault: { kind: 'status', status: 429, times: 2 } },
		{ name: 'Milvus 1807 (HTTP 200)', fault: { kind: 'code', code: 1807, times: 2 } },
		{
			name: 'Milvus 10001 (HTTP 408)',
			fault: { kind: 'code', code: 10001, status: 408, times: 2 },
		},
		{ name: 'Milvus 10001 (HTTP 200)', fault: { kind: 'code', code: 10001, times: 2 } },
	])('$name is retried and succeeds once it clears', async ({ fault }) => {
		emulator.injectFault(fault);
		const result = await runMilvusAlias({
			credentials: { endpoint: emulator.url, token: TOKEN },
			parameters: {
				operation: 'get',
				aliasName: 'books',
				options: { timeout: 250, maxRetries: 3, retryDelay: 10 },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => item.json)).toEqual([
			{ aliasName: 'books', collectionName: 'books_v1', dbName: 'default' },
		]);
		expect(sequence(emulator)).toEqual([
			'aliases/describe',
			'aliases/describe',
			'aliases/describe',
		]);
	});

	test('maxRetries 0 sends exactly one request', async () => {
		emulator.injectFault({ kind: 'status', status: 503, times: 5 });
		const result = await runMilvusAlias({
			credentials: { endpoint: emulator.url, token: TOKEN },
			parameters: {
				operation: 'get',
				aliasName: 'books',
				options: { timeout: 250, maxRetries: 0, retryDelay: 10 },
			},
		});
		expect(result.error?.message).toBe(
			'Milvus or a proxy in front of it is unavailable. Try again later, or raise Max Retries (HTTP 503: upstream unavailable)',
		);
		expect(emulator.requests).toHaveLength(1);
	});

	test('the backoff doubles per retry (with at most 100% of the base as jitter)', async () => {
		const base = 80;
		emulator.injectFault({ kind: 'status', status: 503, times: 3 });
		const result = await runMilvusAlias({
			credentials: { endpoint: emulator.url, token: TOKEN },
			parameters: {
				operation: 'get',
				aliasName: 'books',
				options: { timeout: 1000, maxRetries: 3, retryDelay: base },
			},
		});
		expect(result.error).toBeUndefined();
		const at = emulator.requests.map((request) => request.at);
		expect(at).toHaveLength(4);
		for (let retry = 1; retry <= 3; retry++) {
			const gap = at[retry] - at[retry - 1];
			const exponential = base * 2 ** (retry - 1);
			// Equal jitter: between half the exponential delay and all of it (plus scheduling slack).
			expect(gap).toBeGreaterThanOrEqual(exponential / 2 - 5);
			expect(gap).toBeLessThan(exponential + 150);
		}
	});

	test('parallel items retry at jittered, not identical, times', async () => {
		const aliases = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
		for (const alias of aliases) emulator.setAlias('default', alias, 'books_v1');
		emulator.injectFault({
			kind: 'status',
			status: 503,
			path: 'aliases/describe',
			times: aliases.length,
		});
		const result = await runMilvusAlias({
			credentials: { endpoint: emulator.url, token: TOKEN },
			parameters: {
				operation: 'get',
				aliasName: '={{ $json.alias }}',
				options: { timeout: 1000, maxRetries: 1, retryDelay: 200 },
			},
			items: aliases.map((alias) => ({ alias })),
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0]).toHaveLength(aliases.length);
		const gaps = aliases.map((alias) => {
			const times = emulator.requests
				.filter((request) => (request.body as IDataObject).aliasName === alias)
				.map((request) => request.at);
			expect(times).toHaveLength(2);
			const gap = times[1] - times[0];
			expect(gap).toBeGreaterThanOrEqual(95);
			expect(gap).toBeLessThan(400);
			return gap;
		});
		// Six draws from [100, 200) ms all within 5 ms of each other: about 1 in 100,000.
		expect(Math.max(...gaps) - Math.min(...gaps)).toBeGreaterThan(5);
	});
});

describe('an ambiguous failure of a change is checked before any retry: never applied twice', () => {
	const books = useEmulator(SEEDS.books);
	let emulator: MilvusEmulator;
	beforeEach(() => {
		emulator = books.current();
	});

	const options = { timeout: 300, maxRetries: 3, retryDelay: 10 };

	test.each<{
		name: string;
		parameters: IDataObject;
		fault: EmulatorFault;
		sequence: string[];
		output: IDataObject;
		aliases: Record<string, string>;
	}>([
		{
			name: 'Create, reset after applying',
			parameters: {
				operation: 'create',
				aliasName: 'new_alias',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'reset', path: 'aliases/create', applyFirst: true },
			sequence: ['aliases/create', 'aliases/describe'],
			output: { aliasName: 'new_alias', collectionName: 'books_v2', dbName: 'default' },
			aliases: { books: 'books_v1', new_alias: 'books_v2' },
		},
		{
			name: 'Create, no answer after applying',
			parameters: {
				operation: 'create',
				aliasName: 'new_alias',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'hang', path: 'aliases/create', applyFirst: true },
			sequence: ['aliases/create', 'aliases/describe'],
			output: { aliasName: 'new_alias', collectionName: 'books_v2', dbName: 'default' },
			aliases: { books: 'books_v1', new_alias: 'books_v2' },
		},
		{
			name: 'Update, HTTP 408 / 10001 after applying',
			parameters: {
				operation: 'update',
				aliasName: 'books',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'code', code: 10001, status: 408, path: 'aliases/alter', applyFirst: true },
			sequence: ['aliases/describe', 'aliases/alter', 'aliases/describe'],
			output: {
				aliasName: 'books',
				collectionName: 'books_v2',
				dbName: 'default',
				previousCollectionName: 'books_v1',
			},
			aliases: { books: 'books_v2' },
		},
		{
			name: 'Create or Update (creating), reset after applying',
			parameters: {
				operation: 'upsert',
				aliasName: 'new_alias',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'reset', path: 'aliases/create', applyFirst: true },
			sequence: ['aliases/describe', 'aliases/create', 'aliases/describe'],
			output: {
				aliasName: 'new_alias',
				collectionName: 'books_v2',
				dbName: 'default',
				action: 'created',
				previousCollectionName: null,
			},
			aliases: { books: 'books_v1', new_alias: 'books_v2' },
		},
		{
			name: 'Create or Update (repointing), HTTP 408 / 10001 after applying',
			parameters: {
				operation: 'upsert',
				aliasName: 'books',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'code', code: 10001, status: 408, path: 'aliases/alter', applyFirst: true },
			sequence: ['aliases/describe', 'aliases/alter', 'aliases/describe'],
			output: {
				aliasName: 'books',
				collectionName: 'books_v2',
				dbName: 'default',
				action: 'updated',
				previousCollectionName: 'books_v1',
			},
			aliases: { books: 'books_v2' },
		},
		{
			name: 'Create or Update (repointing), HTTP 503 after applying',
			parameters: {
				operation: 'upsert',
				aliasName: 'books',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'status', status: 503, path: 'aliases/alter', applyFirst: true },
			sequence: ['aliases/describe', 'aliases/alter', 'aliases/describe'],
			output: {
				aliasName: 'books',
				collectionName: 'books_v2',
				dbName: 'default',
				action: 'updated',
				previousCollectionName: 'books_v1',
			},
			aliases: { books: 'books_v2' },
		},
		{
			name: 'Delete, reset after applying: sent again, harmless (dropping is idempotent)',
			parameters: { operation: 'delete', aliasName: 'books' },
			fault: { kind: 'reset', path: 'aliases/drop', applyFirst: true },
			sequence: ['aliases/drop', 'aliases/drop'],
			output: { deleted: true, aliasName: 'books', dbName: 'default' },
			aliases: {},
		},
		// Not applied: the check says so, and the change is sent again.
		{
			name: 'Create, reset before applying',
			parameters: {
				operation: 'create',
				aliasName: 'new_alias',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'reset', path: 'aliases/create' },
			sequence: ['aliases/create', 'aliases/describe', 'aliases/create'],
			output: { aliasName: 'new_alias', collectionName: 'books_v2', dbName: 'default' },
			aliases: { books: 'books_v1', new_alias: 'books_v2' },
		},
		{
			name: 'Update, no answer and not applied',
			parameters: {
				operation: 'update',
				aliasName: 'books',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'hang', path: 'aliases/alter' },
			sequence: ['aliases/describe', 'aliases/alter', 'aliases/describe', 'aliases/alter'],
			output: {
				aliasName: 'books',
				collectionName: 'books_v2',
				dbName: 'default',
				previousCollectionName: 'books_v1',
			},
			aliases: { books: 'books_v2' },
		},
		{
			name: 'Create or Update (repointing), HTTP 408 / 10001 before applying',
			parameters: {
				operation: 'upsert',
				aliasName: 'books',
				collectionName: collection('books_v2'),
			},
			fault: { kind: 'code', code: 10001, status: 408, path: 'aliases/alter' },
			sequence: ['aliases/describe', 'aliases/alter', 'aliases/describe', 'aliases/alter'],
			output: {
				aliasName: 'books',
				collectionName: 'books_v2',
				dbName: 'default',
				action: 'updated',
				previousCollectionName: 'books_v1',
			},
			aliases: { books: 'books_v2' },
		},
	])('$name', async ({ parameters, fault, sequence: expected, output, aliases }) => {
		emulator.injectFault(fault);
		const result = await runMilvusAlias({
			credentials: { endpoint: emulator.url, token: TOKEN },
			parameters: { ...parameters, options },
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => item.json)).toEqual([output]);
		expect(sequence(emulator)).toEqual(expected);
		expect(emulator.getAliases()).toEqual(aliases);
	});

	test('a change that keeps failing ambiguously is checked every time and reported as failed', async () => {
		emulator.injectFault({ kind: 'reset', path: 'aliases/create', times: 10 });
		const result = await runMilvusAlias({
			credentials: { endpoint: emulator.url, token: TOKEN },
			parameters: {
				operation: 'create',
				aliasName: 'new_alias',
				collectionName: collection('books_v2'),
				options: { ...options, maxRetries: 1 },
			},
		});
		expect(result.error?.message).toMatch(/was closed before Milvus answered \(tried 2 times\)\. /);
		expect(sequence(emulator)).toEqual([
			'aliases/create',
			'aliases/describe',
			'aliases/create',
			'aliases/describe',
		]);
		expect(emulator.getAliases()).toEqual({ books: 'books_v1' });
	});
});
