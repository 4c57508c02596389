/**
 * Failures on the error output ("Continue (using error output)") through n8n-core's engine: an
 * unusable Endpoint fails every item without a request, failed items keep their pairing and
 * Milvus's code, and a Milvus code is never taken for an HTTP status.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MilvusEmulator } from '../../tooling/emulator';
import { runMilvusAlias, SEEDS, useEmulator } from '../fixtures';
import { expectNoSecret, TOKEN } from '../transport/faultFixtures';

describe('error output with several items', () => {
	const books = useEmulator(SEEDS.books);
	let emulator: MilvusEmulator;
	beforeEach(() => {
		emulator = books.current();
	});

	test('an unusable Endpoint: every item gets the error, no request is sent', async () => {
		for (const onError of ['continueErrorOutput', 'continueRegularOutput'] as const) {
			const result = await runMilvusAlias({
				credentials: { endpoint: emulator.url.replace('http://', 'http://root:pw@'), token: TOKEN },
				parameters: { operation: 'get', aliasName: 'books', options: {} },
				items: [{}, {}, {}],
				onError,
			});
			expect(result.error).toBeUndefined();
			const items = onError === 'continueErrorOutput' ? result.outputs[1] : result.outputs[0];
			if (onError === 'continueErrorOutput') expect(result.outputs[0]).toHaveLength(0);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			for (const item of items) {
				expect(item.json.error).toMatch(
					/^The credential's Endpoint contains a user name or password\./,
				);
			}
			expectNoSecret(result, TOKEN);
		}
		expect(emulator.requests).toHaveLength(0);
	});

	test('failed items go to the error output with their pairing; the others go on', async () => {
		const result = await runMilvusAlias({
			credentials: { endpoint: emulator.url, token: TOKEN },
			parameters: {
				operation: 'get',
				aliasName: '={{ $json.alias }}',
				options: { timeout: 1000, maxRetries: 0 },
			},
			items: [
				{ alias: 'books' },
				{ alias: 'bad-name' },
				{ alias: 'missing_alias' },
				{ alias: 'books' },
			],
			onError: 'continueErrorOutput',
		});
		expect(result.error).toBeUndefined();
		const [success, failed] = result.outputs;
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 3 }]);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(failed[0].json.error).toMatch(/^Alias Name "bad-name" is not a valid Milvus name/);
		expect(failed[1].json.error).toBe(
			'Alias "missing_alias" does not exist in database "default". Check the alias name and the Database Name; to create a missing alias, use Create or Update (Milvus error 1600: alias not found[database=default][alias=missing_alias])',
		);
		expect((failed[1].json.details as IDataObject).milvusCode).toBe(1600);
		expect((failed[1].json.details as IDataObject).description).toMatch(
			/^Update only repoints an existing alias\./,
		);
		// The invalid item sent nothing.
		expect(emulator.requests.map((request) => (request.body as IDataObject).aliasName)).toEqual([
			'books',
			'missing_alias',
			'books',
		]);
		expectNoSecret(result, TOKEN);
	});

	// NodeApiError must not take the Milvus code for an HTTP status.
	test('a Milvus error in an HTTP 200 answer carries no HTTP code', async () => {
		const result = await runMilvusAlias({
			credentials: { endpoint: emulator.url, token: TOKEN },
			parameters: {
				operation: 'get',
				aliasName: 'missing_alias',
				options: { timeout: 1000, maxRetries: 0 },
			},
			onError: 'continueErrorOutput',
		});
		const details = result.outputs[1][0].json.details as IDataObject;
		expect(details.milvusCode).toBe(1600);
		expect(details.httpCode).toBeUndefined();
	});
});
