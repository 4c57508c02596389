/**
 * The Collection picker ("From List"), called the way n8n's editor backend does: a
 * LoadOptionsContext with the parameters currently in the editor. The editor resolves them
 * from its sample data first and sends null for an expression it cannot resolve.
 */
import { DEFAULT_TOKEN, SEEDS, searchCollections, useEmulator } from '../fixtures';

const emulator = useEmulator(SEEDS.library);
const credentials = () => ({ endpoint: emulator.current().url, token: DEFAULT_TOKEN });
const listRequests = () =>
	emulator.current().requests.map((request) => [request.path, request.body]);

describe('the Collection picker', () => {
	test('lists the collections of the chosen database, sorted, filtered by the search text', async () => {
		const all = await searchCollections(credentials(), { operation: 'create', dbName: '' });
		expect(all.results).toEqual([
			{ name: 'books_v1', value: 'books_v1' },
			{ name: 'books_v2', value: 'books_v2' },
			{ name: 'movies', value: 'movies' },
		]);
		const library = await searchCollections(
			credentials(),
			{ operation: 'create', dbName: ' library ' },
			'B',
		);
		expect(library.results).toEqual([{ name: 'shelf_b', value: 'shelf_b' }]);
		expect(listRequests()).toEqual([
			['/v2/vectordb/collections/list', {}],
			['/v2/vectordb/collections/list', { dbName: 'library' }],
		]);
	});

	test.each([
		['an expression the editor could not resolve (null)', null],
		['an expression passed as it is', '={{ $json.db }}'],
	])('with %s as Database Name it lists the default database', async (_label, dbName) => {
		const result = await searchCollections(credentials(), { operation: 'create', dbName });
		expect(result.results.map((entry) => entry.value)).toEqual(['books_v1', 'books_v2', 'movies']);
		expect(listRequests()).toEqual([['/v2/vectordb/collections/list', {}]]);
	});

	test('an invalid Database Name is named, and nothing is sent', async () => {
		await expect(
			searchCollections(credentials(), { operation: 'create', dbName: 'my-db' }),
		).rejects.toThrow(/^Database Name "my-db" is not a valid Milvus name/);
		expect(emulator.current().requests).toHaveLength(0);
	});

	test("an unknown database gives Milvus's code and message", async () => {
		await expect(
			searchCollections(credentials(), { operation: 'create', dbName: 'archive' }),
		).rejects.toThrow(/\(Milvus error 800: database not found\[database=archive\]\)$/);
	});

	test("a wrong token gives the node's explanation with Milvus's code", async () => {
		await expect(
			searchCollections(
				{ endpoint: emulator.current().url, token: 'root:nope' },
				{ operation: 'create' },
			),
		).rejects.toThrow(/Milvus error 1800/);
	});

	test("the Filters' picker of Get Many uses the same Database Name", async () => {
		const result = await searchCollections(credentials(), {
			operation: 'getAll',
			dbName: 'library',
			filters: {},
		});
		expect(result.results.map((entry) => entry.value)).toEqual(['shelf_a', 'shelf_b']);
	});
});
