/**
 * The benchmark's per-item cost that is ours: how many parameters the node reads per item and
 * how many of those reads evaluate an expression (each read costs n8n its parameter resolution,
 * each expression an evaluation, the largest cost of an item in a real n8n). Counted on
 * n8n-core's real ExecuteContext, through the engine, for the benchmark's Create.
 *
 * The benchmark's mappings (`"m_" + $json.alias`, `$json.collection`) are plain mappings of the
 * item, which the node reads from n8n's `$json` itself (helpers/itemMapping): no parameter read
 * and no evaluation for them. A computed mapping (a function call) is left to n8n: one read and
 * one evaluation per item each.
 */
import type { IDataObject } from 'n8n-workflow';
import { ExecuteContext } from 'n8n-core';

import { credentialFor, runOperation, useEmulator } from '../../fixtures';

const emulator = useEmulator(() => ({
	databases: { default: { collections: { c_0: {}, c_1: {} } } },
}));

const ITEMS = 50;

/** Runs the benchmark's Create with these mappings; counts reads and expression reads by name. */
async function countReads(aliasName: string, collection: string) {
	const reads = new Map<string, { calls: number; expressions: number }>();
	// n8n-core binds getNodeParameter per context; every read goes through _getNodeParameter.
	const prototype = ExecuteContext.prototype as unknown as Record<string, unknown>;
	const original = prototype._getNodeParameter as (...a: unknown[]) => unknown;
	const counting = function (this: ExecuteContext, ...args: unknown[]) {
		const name = String(args[0]);
		const raw = (this.getNode().parameters as Record<string, unknown>)[name.split('.')[0]];
		const entry = reads.get(name) ?? { calls: 0, expressions: 0 };
		entry.calls++;
		if (JSON.stringify(raw ?? '').includes('={{')) entry.expressions++;
		reads.set(name, entry);
		return original.apply(this, args);
	};
	prototype._getNodeParameter = counting;
	let outputs: IDataObject[];
	try {
		const result = await runOperation(
			credentialFor(emulator.current()),
			'create',
			{
				aliasName,
				collectionName: { __rl: true, mode: 'name', value: collection },
				options: {},
			},
			Array.from({ length: ITEMS }, (_, i) => ({ alias: `a_${i}`, collection: `c_${i % 2}` })),
		);
		expect(result.error).toBeUndefined();
		outputs = result.outputs[0].map((item) => item.json);
	} finally {
		prototype._getNodeParameter = original;
	}
	expect(outputs).toEqual(
		Array.from({ length: ITEMS }, (_, i) => ({
			aliasName: `m_a_${i}`,
			collectionName: `c_${i % 2}`,
			dbName: 'default',
		})),
	);
	const perItem = Object.fromEntries(
		[...reads].filter(([, entry]) => entry.calls >= ITEMS).map(([name, e]) => [name, e.calls]),
	);
	const expressions = [...reads.values()].reduce((sum, entry) => sum + entry.expressions, 0);
	// Everything else (resource, operation) is read once per execution.
	for (const [name, entry] of reads) if (!(name in perItem)) expect(entry.calls).toBe(1);
	return { perItem, expressions };
}

test('Create with plain mappings reads two parameters per item, no expression, and the rest once', async () => {
	const { perItem, expressions } = await countReads(
		'={{ "m_" + $json.alias }}',
		'={{ $json.collection }}',
	);
	expect(perItem).toEqual({
		dbName: ITEMS,
		// Once per item: the run's options come from the first item's, read once with them.
		options: ITEMS,
	});
	expect(expressions).toBe(0);
});

test('Create with computed mappings reads four parameters per item, two of them expressions, and the rest once', async () => {
	const { perItem, expressions } = await countReads(
		'={{ String("m_" + $json.alias) }}',
		'={{ String($json.collection) }}',
	);
	expect(perItem).toEqual({
		aliasName: ITEMS,
		dbName: ITEMS,
		collectionName: ITEMS,
		options: ITEMS,
	});
	expect(expressions).toBe(2 * ITEMS);
});
