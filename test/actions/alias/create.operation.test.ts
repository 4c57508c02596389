/**
 * Create through n8n-core's real engine against the emulator: parameters per item, the
 * database handling, trimming, Milvus's idempotence and its errors for this operation.
 */
import type { IDataObject } from 'n8n-workflow';

import type { OnError } from '../../fixtures';
import {
	changeRequests,
	byName,
	DEFAULT_TOKEN,
	runOperation,
	SEEDS,
	useEmulator,
} from '../../fixtures';
import { startEmulator } from '../../../tooling/emulator';

const emulator = useEmulator(SEEDS.library);

async function create(parameters: IDataObject, items?: IDataObject[], onError?: OnError) {
	const credentials = { endpoint: emulator.current().url, token: DEFAULT_TOKEN };
	return await runOperation(credentials, 'create', parameters, items, onError);
}

describe('create: one request per item, parameters read per item', () => {
	test('expressions give each item its own alias and collection; outputs follow the contract in input order', async () => {
		const result = await create(
			{ aliasName: '={{ $json.alias }}', collectionName: byName('={{ $json.collection }}') },
			[
				{ alias: 'books', collection: 'books_v1' },
				{ alias: 'novels', collection: 'books_v2' },
				{ alias: 'films', collection: 'movies' },
			],
		);
		expect(result.run.status).toBe('success');
		expect(result.outputs[0]).toEqual([
			{
				json: { aliasName: 'books', collectionName: 'books_v1', dbName: 'default' },
				pairedItem: { item: 0 },
			},
			{
				json: { aliasName: 'novels', collectionName: 'books_v2', dbName: 'default' },
				pairedItem: { item: 1 },
			},
			{
				json: { aliasName: 'films', collectionName: 'movies', dbName: 'default' },
				pairedItem: { item: 2 },
			},
		]);
		const emu = emulator.current();
		expect(emu.getAliases('default')).toEqual({
			books: 'books_v1',
			novels: 'books_v2',
			films: 'movies',
		});
		const sent = changeRequests(emu).map((request) => ({
			path: request.path,
			body: request.body,
			auth: request.headers.authorization,
		}));
		expect(sent).toHaveLength(3);
		expect(sent).toEqual(
			expect.arrayContaining(
				[
					['books_v1', 'books'],
					['books_v2', 'novels'],
					['movies', 'films'],
				].map(([collectionName, aliasName]) => ({
					path: '/v2/vectordb/aliases/create',
					body: { collectionName, aliasName },
					auth: `Bearer ${DEFAULT_TOKEN}`,
				})),
			),
		);
	});

	test('dbName is omitted when empty and sent when set, per item; the output names the database used', async () => {
		const result = await create(
			{
				dbName: '={{ $json.db }}',
				aliasName: 'shelf',
				collectionName: byName('={{ $json.collection }}'),
			},
			[
				{ db: '', collection: 'books_v1' },
				{ db: 'library', collection: 'shelf_a' },
			],
		);
		expect(result.outputs[0].map((item) => item.json)).toEqual([
			{ aliasName: 'shelf', collectionName: 'books_v1', dbName: 'default' },
			{ aliasName: 'shelf', collectionName: 'shelf_a', dbName: 'library' },
		]);
		const emu = emulator.current();
		expect(changeRequests(emu).map((request) => request.body)).toEqual([
			{ collectionName: 'books_v1', aliasName: 'shelf' },
			{ dbName: 'library', collectionName: 'shelf_a', aliasName: 'shelf' },
		]);
		expect(emu.getAliases('library')).toEqual({ shelf: 'shelf_a' });
	});

	test('names are trimmed before validation and sending', async () => {
		const result = await create({
			dbName: '  library ',
			aliasName: '\t shelf  ',
			collectionName: byName('  shelf_b '),
		});
		expect(result.outputs[0][0].json).toEqual({
			aliasName: 'shelf',
			collectionName: 'shelf_b',
			dbName: 'library',
		});
		expect(changeRequests(emulator.current())[0].body).toEqual({
			dbName: 'library',
			collectionName: 'shelf_b',
			aliasName: 'shelf',
		});
	});

	test('creating an alias that already points at the same collection succeeds (Milvus is idempotent)', async () => {
		emulator.current().setAlias('default', 'books', 'books_v1');
		const result = await create({ aliasName: 'books', collectionName: byName('books_v1') });
		expect(result.run.status).toBe('success');
		expect(result.outputs[0][0].json).toEqual({
			aliasName: 'books',
			collectionName: 'books_v1',
			dbName: 'default',
		});
	});

	test('the legacy success code 200 of early Milvus 2.4 builds counts as success', async () => {
		const legacy = await startEmulator({
			legacySuccessCode: true,
			databases: { default: { collections: { books_v1: {} } } },
		});
		try {
			const result = await runOperation({ endpoint: legacy.url }, 'create', {
				aliasName: 'books',
				collectionName: byName('books_v1'),
			});
			expect(result.run.status).toBe('success');
			expect(legacy.getAliases()).toEqual({ books: 'books_v1' });
		} finally {
			await legacy.close();
		}
	});
});

describe("create: Milvus's errors are the item's error, with Milvus's code and message", () => {
	const cases: Array<{
		name: string;
		setup?: () => void;
		parameters: IDataObject;
		milvus: RegExp;
		message: RegExp;
	}> = [
		{
			name: '1602: the alias points at another collection',
			setup: () => emulator.current().setAlias('default', 'books', 'books_v2'),
			parameters: { aliasName: 'books', collectionName: byName('books_v1') },
			message:
				/^Alias "books" already points to another collection\. Use Update, or Create or Update/,
			milvus:
				/\(Milvus error 1602: books is alias to another collection: books_v2: alias already exist\[database=default\]\[alias=books\]\)$/,
		},
		{
			name: '100: the collection does not exist in that database',
			parameters: { aliasName: 'books', collectionName: byName('shelf_a') },
			message: /^Collection "shelf_a" does not exist in database "default"/,
			milvus:
				/\(Milvus error 100: collection not found\[database=default\]\[collection=shelf_a\]\)$/,
		},
		{
			name: '800: the database does not exist',
			parameters: { dbName: 'archive', aliasName: 'books', collectionName: byName('books_v1') },
			message: /^Database "archive" does not exist/,
			milvus: /\(Milvus error 800: database not found\[database=archive\]\)$/,
		},
		{
			name: '1601: the alias name is a collection name',
			parameters: { aliasName: 'movies', collectionName: byName('books_v1') },
			message: /"movies" is already the name of a collection/,
			milvus: /\(Milvus error 1601: alias and collection name conflict/,
		},
	];

	test.each(cases)('$name', async ({ setup, parameters, message, milvus }) => {
		setup?.();
		const result = await create(parameters);
		expect(result.run.status).toBe('error');
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			context: expect.objectContaining({ itemIndex: 0 }),
		});
		expect(String(result.error?.message)).toMatch(message);
		expect(String(result.error?.message)).toMatch(milvus);
		expect(changeRequests(emulator.current())).toHaveLength(1);
	});
});
