/** TLS through n8n-core's engine: a self-signed certificate works with "Ignore SSL Issues" on. */
import { runMilvusAlias } from '../fixtures';
import { collection, milvus, sequence, TOKEN } from './faultFixtures';

describe('TLS', () => {
	test('a self-signed certificate works with "Ignore SSL Issues" on', async () => {
		const emulator = await milvus(true);
		try {
			const result = await runMilvusAlias({
				credentials: { endpoint: emulator.url, token: TOKEN, ignoreSslIssues: true },
				parameters: {
					operation: 'upsert',
					aliasName: 'books',
					collectionName: collection('books_v2'),
					options: { timeout: 2000, maxRetries: 0 },
				},
			});
			expect(result.error).toBeUndefined();
			expect(result.outputs[0].map((item) => item.json)).toEqual([
				{
					aliasName: 'books',
					collectionName: 'books_v2',
					dbName: 'default',
					action: 'updated',
					previousCollectionName: 'books_v1',
				},
			]);
			expect(emulator.url.startsWith('https://')).toBe(true);
			expect(sequence(emulator)).toEqual(['aliases/describe', 'aliases/alter']);
		} finally {
			await emulator.close();
		}
	});
});
