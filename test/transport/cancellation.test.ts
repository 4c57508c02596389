/**
 * Cancelling the execution through n8n-core's engine: during a request and during the wait
 * before a retry, the run ends at once, is marked canceled, and nothing is retried.
 */
import { sleep } from 'n8n-workflow';

import type { MilvusEmulator } from '../../tooling/emulator';
import type { MilvusCredentialData, RunOptions } from '../harness/n8n-harness';
import { runMilvusAlias, SEEDS, useEmulator } from '../fixtures';
import { collection, expectNoSecret, sequence, TOKEN } from './faultFixtures';

describe('cancelling the execution', () => {
	const books = useEmulator(SEEDS.books);
	let emulator: MilvusEmulator;
	beforeEach(() => {
		emulator = books.current();
	});

	/** Cancels 100 ms after the server received the first request (waiting at most 5 s for it). */
	async function cancelOnceSent(options: Omit<RunOptions, 'cancel'>) {
		const controller = new AbortController();
		const started = Date.now();
		const pending = runMilvusAlias({ ...options, cancel: controller.signal });
		for (let waited = 0; emulator.requests.length === 0 && waited < 5000; waited += 10)
			await sleep(10);
		await sleep(100);
		controller.abort();
		const result = await pending;
		return { result, elapsed: Date.now() - started };
	}

	const credentials = (): MilvusCredentialData => ({ endpoint: emulator.url, token: TOKEN });

	test('during a request that hangs: ends at once, marked canceled, nothing retried', async () => {
		emulator.injectFault({ kind: 'hang', times: 10 });
		const { result, elapsed } = await cancelOnceSent({
			credentials: credentials(),
			parameters: {
				operation: 'create',
				aliasName: 'new_alias',
				collectionName: collection('books_v2'),
				options: { timeout: 20000, maxRetries: 3, retryDelay: 10 },
			},
		});
		expect(elapsed).toBeLessThan(3000);
		expect(result.run.status).toBe('canceled');
		expect(result.error?.message).toBe('The execution was canceled before Milvus answered');
		expect(result.error?.description).toMatch(
			/^The change may still have been applied on the server/,
		);
		await sleep(300);
		expect(sequence(emulator)).toEqual(['aliases/create']);
		expectNoSecret(result, TOKEN);
	});

	test('during the wait before a retry: ends at once, nothing retried', async () => {
		emulator.injectFault({ kind: 'status', status: 503, times: 10 });
		const { result, elapsed } = await cancelOnceSent({
			credentials: credentials(),
			parameters: {
				operation: 'get',
				aliasName: 'books',
				options: { timeout: 5000, maxRetries: 3, retryDelay: 20000 },
			},
		});
		expect(elapsed).toBeLessThan(3000);
		expect(result.error).toBeDefined();
		expect(result.outputs.flat()).toHaveLength(0);
		await sleep(300);
		expect(sequence(emulator)).toEqual(['aliases/describe']);
		expectNoSecret(result, TOKEN);
	});

	// A cancelled wait must surface as a 'cancelled' failure, or n8n records the run as failed.
	test('during the wait before a retry: the run is marked canceled', async () => {
		emulator.injectFault({ kind: 'status', status: 503, times: 10 });
		const { result } = await cancelOnceSent({
			credentials: credentials(),
			parameters: {
				operation: 'get',
				aliasName: 'books',
				options: { timeout: 5000, maxRetries: 3, retryDelay: 20000 },
			},
		});
		expect(result.run.status).toBe('canceled');
		expect(result.error?.message).toBe('The execution was canceled before Milvus answered');
	});
});
