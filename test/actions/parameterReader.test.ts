/**
 * Plain mappings of the item (helpers/itemMapping) read without n8n's expression engine,
 * through n8n-core's real engine against the emulator: the outcome is always n8n's own (the
 * same outputs, requests and error texts as when n8n evaluates the same mapping), the fast
 * path is really taken (n8n evaluates nothing for it), the Collection locator uses it only in
 * its plain modes, and an item whose field is not a string is left to n8n on its own.
 *
 * n8n's own outcome comes from two variants of each mapping that n8n must evaluate:
 * - every `{{ code }}` written `{{ (code) }}`: the same JavaScript value, a shape the fast
 *   path does not take;
 * - the exact same mapping with the fast path switched off (compileItemMapping stubbed to
 *   undefined). parameterReader calls it through the module's exports (CommonJS, as ts-jest
 *   compiles), so the stub reaches it; each run checks that the stub was called.
 */
import type { IDataObject } from 'n8n-workflow';
import { Expression } from 'n8n-workflow';

import * as itemMapping from '../../nodes/MilvusAlias/helpers/itemMapping';
import type { EmulatorOptions } from '../../tooling/emulator';
import { startEmulator } from '../../tooling/emulator';
import type { OnError, RunResult } from '../fixtures';
import { credentialFor, jsonOf, runOperation, useEmulator } from '../fixtures';

const seed = (): EmulatorOptions => ({
	databases: {
		default: {
			collections: { books_v1: {}, books_v2: {}, products_v1: {}, products_v2: {} },
			aliases: { taken: 'books_v2' },
		},
		library: { collections: { shelf_a: {} } },
	},
});

/** A Collection locator holding `value` in `mode`. */
const locator = (value: string, mode = 'name'): IDataObject => ({ __rl: true, mode, value });

/** The same mapping with every `{{ code }}` written `{{ (code) }}`: n8n evaluates it. */
const parenthesised = (template: string): string =>
	template.replace(/\{\{([\s\S]*?)\}\}/g, (_block, code: string) => `{{ (${code}) }}`);

/** Every expression of the parameters (locator values included) parenthesised. */
function parenthesisedParameters(parameters: IDataObject): IDataObject {
	const rewrite = (value: unknown): unknown => {
		if (typeof value === 'string') return value.startsWith('=') ? parenthesised(value) : value;
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
			return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rewrite(inner)]));
		}
		return value;
	};
	return rewrite(parameters) as IDataObject;
}

/** What a run did: its outputs, its error, what the server received and its aliases after. */
interface Outcome {
	status: string;
	/** The run's error (stop on the first failure): its texts and item. */
	error?: { message: unknown; description: unknown; itemIndex: unknown };
	/** Every output item: json (error items included under "Continue") and pairing. */
	outputs: Array<Array<{ json: IDataObject; pairedItem: unknown }>>;
	/** Every request the server received (path and body), sorted: items run in parallel. */
	requests: string[];
	aliases: Record<string, Record<string, string>>;
}

/** Runs Create on a fresh emulator; its address is replaced by <endpoint> in the outcome. */
async function createOutcome(
	parameters: IDataObject,
	items: IDataObject[],
	onError?: OnError,
): Promise<Outcome> {
	const emulator = await startEmulator(seed());
	try {
		const result = await runOperation(
			credentialFor(emulator),
			'create',
			parameters,
			items,
			onError,
		);
		const error = result.error;
		const outcome: Outcome = {
			status: result.run.status,
			error: error && {
				message: error.message,
				description: error.description,
				itemIndex: (error.context as IDataObject | undefined)?.itemIndex,
			},
			outputs: result.outputs.map((output) =>
				output.map((item) => ({ json: item.json, pairedItem: item.pairedItem })),
			),
			requests: emulator.requests
				.map((request) => JSON.stringify({ path: request.path, body: request.body }))
				.sort(),
			aliases: { default: emulator.getAliases('default'), library: emulator.getAliases('library') },
		};
		const { host } = new URL(emulator.url);
		return JSON.parse(JSON.stringify(outcome).split(host).join('<endpoint>')) as Outcome;
	} finally {
		await emulator.close();
	}
}

/** The outcome with the fast path switched off: n8n evaluates the exact same parameters. */
async function outcomeWithoutFastPath(
	parameters: IDataObject,
	items: IDataObject[],
	onError?: OnError,
): Promise<Outcome> {
	const stub = jest.spyOn(itemMapping, 'compileItemMapping').mockReturnValue(undefined);
	try {
		const outcome = await createOutcome(parameters, items, onError);
		expect(stub).toHaveBeenCalled();
		return outcome;
	} finally {
		stub.mockRestore();
	}
}

/** The mapped run's outcome equals n8n's, by both variants, with and without "Continue". */
async function expectSameOutcomeAsN8n(
	parameters: IDataObject,
	items: IDataObject[],
	onError?: OnError,
): Promise<Outcome> {
	const mapped = await createOutcome(parameters, items, onError);
	expect(mapped).toEqual(await createOutcome(parenthesisedParameters(parameters), items, onError));
	expect(mapped).toEqual(await outcomeWithoutFastPath(parameters, items, onError));
	return mapped;
}

/** Counts n8n's expression evaluations per saved parameter value during `run`. */
async function countEvaluations<T>(
	run: () => Promise<T>,
): Promise<{ result: T; evaluations: (saved: string) => number; total: () => number }> {
	// Expression (n8n-workflow) is the class n8n-core's Workflow evaluates every expression
	// with (WorkflowExpression delegates to it); n8n-core shares this test's n8n-workflow.
	const spy = jest.spyOn(Expression.prototype, 'resolveSimpleParameterValue');
	try {
		const result = await run();
		const calls = spy.mock.calls.map(([saved]) => saved);
		return {
			result,
			evaluations: (saved) => calls.filter((value) => value === saved).length,
			total: () => calls.length,
		};
	} finally {
		spy.mockRestore();
	}
}

const NAME_RULE =
	'it must start with a letter or an underscore, contain only letters, digits and underscores, and be at most 255 characters long';
const INVALID_ITEM = 'Fix the value for this item; no request was sent for it.';

describe('the outcome is n8n’s own: outputs, requests and error texts', () => {
	type Row = [label: string, parameters: IDataObject, items: IDataObject[]];
	const rows: Row[] = [
		[
			'single fields',
			{ aliasName: '={{ $json.alias }}', collectionName: locator('={{ $json.collection }}') },
			[
				{ alias: 'books', collection: 'books_v1' },
				{ alias: 'films', collection: 'products_v1' },
			],
		],
		[
			'quoted text joined with a field',
			{
				aliasName: '={{ "m_" + $json.alias }}',
				collectionName: locator("={{ 'products_' + $json.version }}"),
			},
			[
				{ alias: 'a', version: 'v1' },
				{ alias: 'b', version: 'v2' },
			],
		],
		[
			'four terms, both kinds of quotes',
			{
				aliasName: `={{ 'm_' + $json.team + "_" + $json.alias }}`,
				collectionName: locator('={{ $json.collection }}'),
			},
			[{ team: 'search', alias: 'books', collection: 'books_v1' }],
		],
		[
			'text around blocks',
			{
				aliasName: '=m_{{ $json.alias }}_live',
				collectionName: locator('=products_{{ $json.version }}'),
			},
			[
				{ alias: 'a', version: 'v1' },
				{ alias: 'b', version: 'v2' },
			],
		],
		[
			'two blocks',
			{
				aliasName: '={{ $json.team }}_{{ $json.alias }}',
				collectionName: locator('={{ $json.base }}_{{ $json.version }}'),
			},
			[{ team: 'search', alias: 'books', base: 'books', version: 'v1' }],
		],
		[
			'nested fields',
			{
				aliasName: '={{ $json.meta.name }}',
				collectionName: locator('={{ $json.meta.target.collection }}'),
			},
			[{ meta: { name: 'books', target: { collection: 'books_v1' } } }],
		],
		[
			'whitespace inside blocks',
			{
				aliasName: '={{$json.alias}}',
				collectionName: locator('={{\n\t"books_" +   $json.version  \n}}'),
			},
			[{ alias: 'books', version: 'v1' }],
		],
		[
			'values with surrounding spaces, which the node trims',
			{ aliasName: '={{ $json.alias }}', collectionName: locator('= {{ $json.collection }}\t') },
			[
				{ alias: '  books ', collection: '\tbooks_v1  ' },
				{ alias: '\n', collection: 'books_v1' },
			],
		],
		[
			'a Database Name mapping',
			{
				dbName: '={{ $json.db }}',
				aliasName: '={{ $json.alias }}',
				collectionName: locator('={{ $json.collection }}'),
			},
			[
				{ db: '', alias: 'books', collection: 'books_v1' },
				{ db: 'library', alias: 'shelf', collection: 'shelf_a' },
				{ db: ' library ', alias: 'shelf2', collection: 'shelf_a' },
				{ db: 'no-db', alias: 'x', collection: 'books_v1' },
				{ db: 'nowhere', alias: 'x', collection: 'books_v1' },
			],
		],
		[
			'a number (n8n converts it in a join, the node rejects it alone)',
			{
				aliasName: '={{ $json.alias }}',
				collectionName: locator('=products_v{{ $json.version }}'),
			},
			[
				{ alias: 42, version: 1 },
				{ alias: 'ok', version: 2 },
				{ alias: 'ok2', version: 2.5 },
			],
		],
		[
			'a number joined with a text',
			{ aliasName: '={{ "m_" + $json.n }}', collectionName: locator('={{ $json.collection }}') },
			[
				{ n: 7, collection: 'books_v1' },
				{ n: 0, collection: 'books_v1' },
			],
		],
		[
			'a missing field',
			{
				aliasName: '={{ $json.nope }}',
				collectionName: locator('={{ $json.collection }}'),
			},
			[{ collection: 'books_v1' }, { collection: 'books_v1', nope: 'found' }],
		],
		[
			'a missing field in a join',
			{
				aliasName: '={{ "m_" + $json.nope }}',
				collectionName: locator('=products_{{ $json.version }}'),
			},
			[{}],
		],
		[
			'invalid names',
			{ aliasName: '={{ $json.alias }}', collectionName: locator('={{ $json.collection }}') },
			[
				{ alias: 'bad-name', collection: 'books_v1' },
				{ alias: 'fine', collection: 'bad-name' },
				{ alias: '1books', collection: 'books_v1' },
				{ alias: `a${'b'.repeat(255)}`, collection: 'books_v1' },
			],
		],
		[
			'values of other types',
			{ aliasName: '={{ $json.alias }}', collectionName: locator('={{ $json.collection }}') },
			[
				{ alias: null, collection: 'books_v1' },
				{ alias: true, collection: 'books_v1' },
				{ alias: false, collection: 'books_v1' },
				{ alias: { name: 'books' }, collection: 'books_v1' },
				{ alias: ['books'], collection: 'books_v1' },
				{ alias: '', collection: 'books_v1' },
				{ alias: 'books', collection: ['books_v1'] },
			],
		],
		[
			'objects and arrays joined with a text',
			{ aliasName: '=m_{{ $json.alias }}', collectionName: locator('={{ $json.collection }}') },
			[
				{ alias: { name: 'books' }, collection: 'books_v1' },
				{ alias: ['a', 'b'], collection: 'books_v1' },
				{ alias: null, collection: 'books_v1' },
			],
		],
		[
			'inherited properties and paths through a non-object',
			{
				aliasName: '={{ $json.alias.name }}',
				collectionName: locator('={{ $json.collection }}'),
			},
			[
				{ alias: 'text', collection: 'books_v1' },
				{ alias: null, collection: 'books_v1' },
				{ alias: { name: 'books' }, collection: 'books_v1' },
			],
		],
		[
			'an inherited method',
			{ aliasName: '={{ $json.toString }}', collectionName: locator('books_v1') },
			[{}, { toString: 'own_value' }],
		],
		[
			'Milvus’s own error (the alias points elsewhere)',
			{ aliasName: '={{ $json.alias }}', collectionName: locator('={{ $json.collection }}') },
			[{ alias: 'taken', collection: 'books_v1' }],
		],
		[
			'a collection Milvus does not have',
			{ aliasName: '={{ $json.alias }}', collectionName: locator('={{ $json.collection }}') },
			[{ alias: 'books', collection: 'books_v9' }],
		],
		[
			'the locator in From List mode',
			{
				aliasName: '={{ $json.alias }}',
				collectionName: locator('={{ $json.collection }}', 'list'),
			},
			[
				{ alias: 'books', collection: 'books_v1' },
				{ alias: 'films', collection: 7 },
			],
		],
	];

	test.each(rows)('%s, with "Continue"', async (_label, parameters, items) => {
		const outcome = await expectSameOutcomeAsN8n(parameters, items, 'continueRegularOutput');
		expect(outcome.outputs[0]).toHaveLength(items.length);
	});

	test.each(rows)('%s, stopping on the first failure', async (_label, parameters, items) => {
		await expectSameOutcomeAsN8n(parameters, items);
	});

	test('the outcomes themselves, for a few rows', async () => {
		const outcome = await createOutcome(
			{
				aliasName: '={{ $json.alias }}',
				collectionName: locator('=products_v{{ $json.version }}'),
			},
			[
				{ alias: '  books ', version: '1' },
				{ alias: 42, version: '1' },
				{ alias: 'bad-name', version: '2' },
				{ alias: 'films', version: 2 },
			],
			'continueRegularOutput',
		);
		expect(outcome.outputs[0].map((item) => item.json)).toEqual([
			{ aliasName: 'books', collectionName: 'products_v1', dbName: 'default' },
			{
				error: 'Alias Name must be text, but got number 42',
				details: { description: INVALID_ITEM },
			},
			{
				error: `Alias Name "bad-name" is not a valid Milvus name: ${NAME_RULE}`,
				details: { description: INVALID_ITEM },
			},
			{ aliasName: 'films', collectionName: 'products_v2', dbName: 'default' },
		]);
	});
});

describe('the fast path is taken: n8n evaluates no plain mapping', () => {
	const emulator = useEmulator(seed);
	const ITEMS = 12;
	const items = Array.from({ length: ITEMS }, (_, i) => ({
		alias: `a_${i}`,
		collection: i % 2 ? 'books_v1' : 'products_v1',
	}));
	const aliasName = '={{ "m_" + $json.alias }}';
	const collection = '={{ $json.collection }}';

	async function create(parameters: IDataObject, input: IDataObject[] = items) {
		return await runOperation(credentialFor(emulator.current()), 'create', parameters, input);
	}

	const outputsOf = (result: RunResult) =>
		jsonOf(result).map((json) => [json.aliasName, json.collectionName]);
	const expected = items.map((item) => [`m_${item.alias}`, item.collection]);

	test('plain mappings: no evaluation for Alias Name and Collection across all items', async () => {
		const counted = await countEvaluations(
			async () => await create({ aliasName, collectionName: locator(collection) }),
		);
		expect(counted.result.run.status).toBe('success');
		expect(outputsOf(counted.result)).toEqual(expected);
		expect(counted.evaluations(aliasName)).toBe(0);
		expect(counted.evaluations(collection)).toBe(0);
		expect(counted.total()).toBe(0);
	});

	test('the parenthesised mappings: n8n evaluates both for every item, with the same outputs', async () => {
		const computedAlias = parenthesised(aliasName);
		const computedCollection = parenthesised(collection);
		const counted = await countEvaluations(
			async () =>
				await create({ aliasName: computedAlias, collectionName: locator(computedCollection) }),
		);
		expect(counted.result.run.status).toBe('success');
		expect(outputsOf(counted.result)).toEqual(expected);
		expect(counted.evaluations(computedAlias)).toBe(ITEMS);
		expect(counted.evaluations(computedCollection)).toBe(ITEMS);
		expect(counted.total()).toBe(2 * ITEMS);
	});

	test('a Database Name mapping is read without n8n too', async () => {
		const dbName = '={{ $json.db }}';
		const counted = await countEvaluations(
			async () =>
				await create({ dbName, aliasName, collectionName: locator(collection) }, [
					{ db: 'library', alias: 'shelf', collection: 'shelf_a' },
					{ db: '', alias: 'books', collection: 'books_v1' },
				]),
		);
		expect(jsonOf(counted.result)).toEqual([
			{ aliasName: 'm_shelf', collectionName: 'shelf_a', dbName: 'library' },
			{ aliasName: 'm_books', collectionName: 'books_v1', dbName: 'default' },
		]);
		expect(counted.total()).toBe(0);
	});
});

describe('the Collection locator: the fast path in From List and By Name modes only', () => {
	const emulator = useEmulator(seed);
	const aliasName = '={{ $json.alias }}';
	const mapping = '={{ $json.collection }}';
	const items = [
		{ alias: 'books', collection: 'books_v1' },
		{ alias: 'films', collection: ' products_v1 ' },
		{ alias: 'bad', collection: 'bad-name' },
	];
	const expectedOutputs = [
		{ aliasName: 'books', collectionName: 'books_v1', dbName: 'default' },
		{ aliasName: 'films', collectionName: 'products_v1', dbName: 'default' },
		{
			error: `Collection "bad-name" is not a valid Milvus name: ${NAME_RULE}`,
			details: { description: INVALID_ITEM },
		},
	];

	async function create(collectionName: unknown) {
		return await countEvaluations(
			async () =>
				await runOperation(
					credentialFor(emulator.current()),
					'create',
					{ aliasName, collectionName: collectionName as IDataObject },
					items,
					'continueRegularOutput',
				),
		);
	}

	test.each(['list', 'name'])('mode %s: n8n evaluates nothing', async (mode) => {
		const counted = await create(locator(mapping, mode));
		expect(jsonOf(counted.result)).toEqual(expectedOutputs);
		expect(counted.total()).toBe(0);
	});

	test.each<[string, unknown]>([
		['a plain string value', mapping],
		['mode url (not one of the node’s modes)', locator(mapping, 'url')],
		['mode id (not one of the node’s modes)', locator(mapping, 'id')],
		['a locator without __rl', { mode: 'name', value: mapping }],
	])('%s: n8n evaluates it for every item, with the same outcome', async (_label, value) => {
		const counted = await create(value);
		expect(jsonOf(counted.result)).toEqual(expectedOutputs);
		expect(counted.evaluations(mapping)).toBe(items.length);
		// Alias Name is still a plain mapping.
		expect(counted.evaluations(aliasName)).toBe(0);
	});
});

describe('a field that is a string on some items and not on others', () => {
	const aliasName = '={{ $json.alias }}';
	const items: IDataObject[] = [
		{ alias: 'first' },
		{ alias: 2 },
		{ alias: 'third' },
		{ alias: 4.5 },
		{ alias: ' fifth ' },
		{ alias: null },
	];
	const parameters = { aliasName, collectionName: locator('books_v1') };

	test('each item gets its own outcome; only the items without a string are evaluated by n8n', async () => {
		const counted = await countEvaluations(
			async () => await createOutcome(parameters, items, 'continueRegularOutput'),
		);
		const invalid = (error: string) => ({
			error,
			details: { description: INVALID_ITEM },
		});
		expect(counted.result.outputs[0].map((item) => item.json)).toEqual([
			{ aliasName: 'first', collectionName: 'books_v1', dbName: 'default' },
			invalid('Alias Name must be text, but got number 2'),
			{ aliasName: 'third', collectionName: 'books_v1', dbName: 'default' },
			invalid('Alias Name must be text, but got number 4.5'),
			{ aliasName: 'fifth', collectionName: 'books_v1', dbName: 'default' },
			invalid(
				"Alias Name is an expression that gave nothing (null) for this item: check the field it reads (a misspelt name gives nothing), or, as an AI agent's tool, give this argument",
			),
		]);
		expect(counted.result.outputs[0].map((item) => item.pairedItem)).toEqual(
			items.map((_, item) => ({ item })),
		);
		expect(counted.evaluations(aliasName)).toBe(3);
	});

	test('the same as n8n’s evaluation, with and without "Continue"', async () => {
		await expectSameOutcomeAsN8n(parameters, items, 'continueRegularOutput');
		await expectSameOutcomeAsN8n(parameters, items);
		await expectSameOutcomeAsN8n(parameters, [...items].reverse());
	});
});

/**
 * Mappings n8n refuses to evaluate: the fast path leaves them to n8n, so the item fails with
 * n8n's own message (these were outcomes that differed before the fast path refused them).
 */
describe("mappings n8n refuses fail with n8n's own message", () => {
	async function expectSameOutcomeForOneItem(aliasName: string, json: IDataObject) {
		const parameters = { aliasName, collectionName: locator('books_v1') };
		const mapped = await createOutcome(parameters, [json], 'continueRegularOutput');
		expect(mapped).toEqual(
			await outcomeWithoutFastPath(parameters, [json], 'continueRegularOutput'),
		);
	}

	// Controls: the same check passes for neighbouring shapes n8n accepts, so the failing
	// cases below fail on the outcome, not on the check itself.
	test.each<[string, IDataObject]>([
		['={{ $json.$ }}', { $: 'svc_a' }],
		['={{ $json.a.$ }}', { a: { $: 'svc_a' } }],
		['={{ $json.class }}', { class: 'svc_a' }],
		['={{ $json.callers }}', { callers: 'svc_a' }],
		['=x_constructor{{ $json.a }}', { a: 'svc_a' }],
		['={{ "\u00a0" + $json.a }}', { a: 'svc_a' }],
	])('control, accepted by n8n and equal: %j', async (aliasName, json) => {
		await expectSameOutcomeForOneItem(aliasName, json);
	});

	test.each<[string, string, IDataObject]>([
		// n8n's PrototypeSanitizer refuses these property names (n8n-workflow's
		// isSafeObjectProperty): "Cannot access "caller" due to security concerns".
		['a field named caller', '={{ $json.caller }}', { caller: 'svc_a' }],
		['a field named arguments', '={{ $json.arguments }}', { arguments: 'svc_a' }],
		['a field named binding', '={{ $json.binding }}', { binding: 'svc_a' }],
		['a nested field named callee', '={{ $json.a.callee }}', { a: { callee: 'svc_a' } }],
		['a field named getPrototypeOf', '={{ $json.getPrototypeOf }}', { getPrototypeOf: 'svc_a' }],
		['a field named dlopen', '={{ $json.dlopen }}', { dlopen: 'svc_a' }],
		// n8n refuses any template matching /\.\s*constructor/: "Expression contains invalid
		// constructor function call".
		['a field named constructorName', '={{ $json.constructorName }}', { constructorName: 'svc_a' }],
		['".constructor" in the text', '=x.constructor{{ $json.a }}', { a: 'svc_a' }],
		['".constructor" in a quoted text', '={{ "x.constructor" + $json.a }}', { a: 'svc_a' }],
		// n8n's DollarSignValidator: "Cannot access "$" without calling it as a function"
		// (`$json.$` alone is accepted by n8n and equal).
		['$json.$ in a join', '={{ "a" + $json.$ }}', { $: 'svc_a' }],
		['a path through $json.$', '={{ $json.$.b }}', { $: { b: 'svc_a' } }],
		// n8n's parser refuses U+2028/U+2029 in a quoted text: "invalid syntax".
		['U+2028 in a quoted text', '={{ "\u2028" + $json.a }}', { a: 'svc_a' }],
		['U+2029 in a quoted text', '={{ "\u2029" + $json.a }}', { a: 'svc_a' }],
	])('%s: %j', async (_label, aliasName, json) => {
		await expectSameOutcomeForOneItem(aliasName, json);
	});
});
