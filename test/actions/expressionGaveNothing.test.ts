/**
 * An expression that gives nothing (undefined or null) is a mistake, never "empty": an empty
 * Database Name means the default database and an empty Filters › Collection lists every alias,
 * so a misspelt field (`$json.databse`) used to act on the default database. Run through
 * n8n-core's engine against the emulator: the item fails naming the field, before any request,
 * and the other items go on. An explicit "" keeps its documented meaning.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	SEEDS,
	byName,
	credentialFor,
	jsonOf,
	requestedPaths,
	runOperation,
	useEmulator,
} from '../fixtures';

const milvus = useEmulator(SEEDS.products);

/** The aliases of both databases, to show nothing moved. */
const aliasesEverywhere = () => ({
	default: milvus.current().getAliases('default'),
	staging: milvus.current().getAliases('staging'),
});

const GAVE_NOTHING = (label: string, value: 'undefined' | 'null') =>
	`${label} is an expression that gave nothing (${value}) for this item: check the field it reads (a misspelt name gives nothing), or, as an AI agent's tool, give this argument`;

// Both shapes: `$json.x` is read by the node's own fast path, `($json.x)` by n8n's evaluator.
describe.each([
	['a plain mapping', '={{ $json.databse }}'],
	['a computed expression', '={{ ($json.databse) }}'],
])('Database Name as %s that gives nothing', (_shape, typo) => {
	test('Create or Update fails the item and moves no alias in any database', async () => {
		const before = aliasesEverywhere();
		const result = await runOperation(
			credentialFor(milvus.current()),
			'upsert',
			{ aliasName: 'products', collectionName: byName('products_v2'), dbName: typo },
			[{ database: 'staging' }],
		);

		expect(result.error?.message).toBe(GAVE_NOTHING('Database Name', 'undefined'));
		expect(result.error?.description).toBe(
			'Fix the value for this item; no request was sent for it.',
		);
		expect(requestedPaths(milvus.current())).toEqual([]);
		expect(aliasesEverywhere()).toEqual(before);
		expect(aliasesEverywhere().default.products).toBe('products_v1');
	});

	test('with Continue, only that item fails; an item whose field is there goes on', async () => {
		const result = await runOperation(
			credentialFor(milvus.current()),
			'upsert',
			{ aliasName: 'events_live', collectionName: byName('events'), dbName: typo },
			[{ database: 'staging' }, { databse: 'staging' }],
			'continueRegularOutput',
		);

		const [failed, done] = jsonOf(result);
		expect(failed.error).toBe(GAVE_NOTHING('Database Name', 'undefined'));
		expect(done).toMatchObject({
			aliasName: 'events_live',
			dbName: 'staging',
			action: 'unchanged',
		});
		expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		// Only the second item's describe, in staging: nothing in the default database.
		for (const request of milvus.current().requests) {
			expect((request.body as IDataObject).dbName).toBe('staging');
		}
	});
});

test('a null from the item is refused the same way', async () => {
	const result = await runOperation(
		credentialFor(milvus.current()),
		'delete',
		{ aliasName: 'products', dbName: '={{ $json.db }}' },
		[{ db: null }],
	);
	expect(result.error?.message).toBe(GAVE_NOTHING('Database Name', 'null'));
	expect(requestedPaths(milvus.current())).toEqual([]);
	expect(milvus.current().getAliases('default').products).toBe('products_v1');
});

test('Get Many: a filter that gives nothing fails instead of listing every alias', async () => {
	const result = await runOperation(
		credentialFor(milvus.current()),
		'getAll',
		{ returnAll: true, filters: { collectionName: byName('={{ $json.colection }}') } },
		[{ collection: 'users' }],
		'continueRegularOutput',
	);
	expect(jsonOf(result)).toEqual([
		{
			error: GAVE_NOTHING('Filters › Collection', 'undefined'),
			details: { description: 'Fix the value for this item; no request was sent for it.' },
		},
	]);
	expect(requestedPaths(milvus.current())).toEqual([]);
});

test('Alias Name and Collection that give nothing say so, not "is empty"', async () => {
	const result = await runOperation(
		credentialFor(milvus.current()),
		'create',
		{ aliasName: '={{ $json.alias }}', collectionName: byName('={{ $json.target }}') },
		[{ alias: 'fresh' }, { target: 'products_v2' }],
		'continueRegularOutput',
	);
	expect(jsonOf(result).map((json) => json.error)).toEqual([
		GAVE_NOTHING('Collection', 'undefined'),
		GAVE_NOTHING('Alias Name', 'undefined'),
	]);
	expect(requestedPaths(milvus.current())).toEqual([]);
});

test('an explicit "" keeps its meaning: the default database, every alias', async () => {
	const created = await runOperation(credentialFor(milvus.current()), 'upsert', {
		aliasName: 'products',
		collectionName: byName('products_v2'),
		dbName: '={{ "" }}',
	});
	expect(jsonOf(created)).toEqual([
		expect.objectContaining({
			dbName: 'default',
			action: 'updated',
			collectionName: 'products_v2',
		}),
	]);
	expect(milvus.current().getAliases('default').products).toBe('products_v2');

	const listed = await runOperation(credentialFor(milvus.current()), 'getAll', {
		returnAll: true,
		filters: { collectionName: byName('={{ $json.none ?? "" }}') },
	});
	expect(jsonOf(listed).map((json) => json.aliasName)).toEqual([
		'catalog',
		'customers',
		'products',
	]);
});
