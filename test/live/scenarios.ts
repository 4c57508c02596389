/**
 * The conformance scenarios: what the node must do on any Milvus it supports, run through n8n's
 * engine against whatever server the target gives (a real Milvus, Zilliz Cloud, or the emulator
 * in one of its version profiles). A scenario only asserts what holds on every version; where
 * Milvus versions differ (dropping a collection that still has aliases), it accepts each
 * version's documented answer and says which one it saw.
 *
 * Every name a scenario uses comes from `names`, which carries the run's unique prefix, so the
 * clean-up can find and remove all of it.
 */
import type { IDataObject } from 'n8n-workflow';

import { expectEqual, expectTrue } from './check';
import { RETIRE_SCENARIOS } from './retireScenarios';
import { aliasTarget, byName, isError, milvusCodeOf, twoCollections } from './scenarioKit';
import type { Scenario } from './scenarioKit';

const ALIAS_SCENARIOS: Scenario[] = [
	{
		name: 'Create points a new alias at a collection, and again at the same one (idempotent)',
		async run(ctx) {
			const { one } = await twoCollections(ctx);
			const alias = ctx.name('live');
			const expected = { aliasName: alias, collectionName: one, dbName: ctx.resolvedDb };
			for (const round of ['first', 'repeated']) {
				const { outputs } = await ctx.run('create', {
					aliasName: alias,
					collectionName: byName(one),
				});
				expectEqual(outputs, [expected], `${round} create`);
			}
			expectEqual(await aliasTarget(ctx, alias), one, 'Get after create');
		},
	},
	{
		name: 'Create refuses an alias that points at another collection (1602), changing nothing',
		async run(ctx) {
			const { one, two } = await twoCollections(ctx);
			const alias = ctx.name('live');
			await ctx.run('create', { aliasName: alias, collectionName: byName(one) });
			const { outputs } = await ctx.run('create', {
				aliasName: alias,
				collectionName: byName(two),
			});
			expectEqual(milvusCodeOf(outputs[0]), 1602, 'Milvus code of the refused create');
			expectEqual(await aliasTarget(ctx, alias), one, 'Get after the refused create');
		},
	},
	{
		name: 'Create or Update reports created, updated (with the previous collection) and unchanged',
		async run(ctx) {
			const { one, two } = await twoCollections(ctx);
			const alias = ctx.name('live');
			const upsert = async (collection: string) =>
				(await ctx.run('upsert', { aliasName: alias, collectionName: byName(collection) })).outputs;
			const output = (collectionName: string, action: string, previous: string | null) => [
				{
					aliasName: alias,
					collectionName,
					dbName: ctx.resolvedDb,
					action,
					previousCollectionName: previous,
				},
			];
			expectEqual(await upsert(one), output(one, 'created', null), 'first upsert');
			expectEqual(await upsert(two), output(two, 'updated', one), 'upsert to another collection');
			expectEqual(
				await upsert(two),
				output(two, 'unchanged', two),
				'upsert to the same collection',
			);
			expectEqual(await aliasTarget(ctx, alias), two, 'Get after the upserts');
		},
	},
	{
		name: 'Update repoints an existing alias and reports where it pointed; a missing alias is 1600',
		async run(ctx) {
			const { one, two } = await twoCollections(ctx);
			const alias = ctx.name('live');
			await ctx.run('create', { aliasName: alias, collectionName: byName(one) });
			const updated = await ctx.run('update', { aliasName: alias, collectionName: byName(two) });
			expectEqual(
				updated.outputs,
				[
					{
						aliasName: alias,
						collectionName: two,
						dbName: ctx.resolvedDb,
						previousCollectionName: one,
					},
				],
				'update',
			);
			const missing = await ctx.run('update', {
				aliasName: ctx.name('missing'),
				collectionName: byName(two),
			});
			expectEqual(
				milvusCodeOf(missing.outputs[0]),
				1600,
				'Milvus code of updating a missing alias',
			);
		},
	},
	{
		name: 'Get Many lists the alias with its collection, with and without the collection filter',
		async run(ctx) {
			const { one, two } = await twoCollections(ctx);
			const [first, second] = [ctx.name('live_a'), ctx.name('live_b')];
			await ctx.run('create', { aliasName: first, collectionName: byName(one) });
			await ctx.run('create', { aliasName: second, collectionName: byName(two) });
			const ours = (outputs: IDataObject[]) =>
				outputs.filter((output) => String(output.aliasName).startsWith(ctx.name('')));
			const all = await ctx.run('getAll', { returnAll: true });
			expectEqual(
				ours(all.outputs),
				[
					{ aliasName: first, collectionName: one, dbName: ctx.resolvedDb },
					{ aliasName: second, collectionName: two, dbName: ctx.resolvedDb },
				],
				'Get Many without a filter',
			);
			const filtered = await ctx.run('getAll', {
				returnAll: true,
				filters: { collectionName: byName(two) },
			});
			expectEqual(
				filtered.outputs,
				[{ aliasName: second, collectionName: two, dbName: ctx.resolvedDb }],
				'Get Many filtered by collection',
			);
		},
	},
	{
		name: 'Delete drops the alias and keeps the collection; deleting it again succeeds; Get is then 1600',
		async run(ctx) {
			const { one } = await twoCollections(ctx);
			const alias = ctx.name('live');
			await ctx.run('create', { aliasName: alias, collectionName: byName(one) });
			for (const round of ['first', 'repeated']) {
				const { outputs } = await ctx.run('delete', { aliasName: alias });
				expectEqual(
					outputs,
					[{ deleted: true, aliasName: alias, dbName: ctx.resolvedDb }],
					`${round} delete`,
				);
			}
			const { outputs } = await ctx.run('get', { aliasName: alias });
			expectEqual(milvusCodeOf(outputs[0]), 1600, 'Milvus code of Get after delete');
			expectEqual(await ctx.admin.loadState(one), 'LoadStateLoaded', 'the collection after delete');
		},
	},
	{
		name: 'A collection that does not exist is refused with 100',
		async run(ctx) {
			const { outputs } = await ctx.run('create', {
				aliasName: ctx.name('live'),
				collectionName: byName(ctx.name('nowhere')),
			});
			expectEqual(milvusCodeOf(outputs[0]), 100, 'Milvus code of a missing collection');
		},
	},
	{
		name: 'A database that does not exist fails with its Milvus code (800, or 100 on 2.5+ load states)',
		async run(ctx) {
			const dbName = ctx.name('nodb');
			const get = await ctx.run('get', { aliasName: ctx.name('live'), dbName });
			expectTrue(isError(get.outputs[0]), 'Get in a missing database is an error', get.outputs);
			expectEqual(milvusCodeOf(get.outputs[0]), 800, 'Milvus code of Get in a missing database');
			const checked = await ctx.run('create', {
				aliasName: ctx.name('live'),
				collectionName: byName(ctx.name('any')),
				dbName,
				options: { requireLoaded: true },
			});
			const code = milvusCodeOf(checked.outputs[0]);
			expectTrue(
				code === 800 || code === 100,
				'the load check names a Milvus code, 800 or 100',
				code,
			);
			return `load check answered ${code}`;
		},
	},
	{
		name: 'An alias given as the Collection: refused (100) up to 2.6.11, resolved from 2.6.12; outputs name the real collection',
		async run(ctx) {
			const { one, two } = await twoCollections(ctx);
			const [live, next] = [ctx.name('live'), ctx.name('next')];
			await ctx.run('create', { aliasName: live, collectionName: byName(one) });
			await ctx.run('create', { aliasName: next, collectionName: byName(two) });
			const { outputs } = await ctx.run('upsert', {
				aliasName: live,
				collectionName: byName(next),
			});
			if (isError(outputs[0])) {
				expectEqual(milvusCodeOf(outputs[0]), 100, 'Milvus code of an alias as the Collection');
				expectEqual(await aliasTarget(ctx, live), one, 'Get after the refused switch');
				return 'refused with 100 (Milvus up to 2.6.11)';
			}
			expectEqual(
				outputs,
				[
					{
						aliasName: live,
						collectionName: two,
						dbName: ctx.resolvedDb,
						action: 'updated',
						previousCollectionName: one,
					},
				],
				'upsert to an alias',
			);
			const again = await ctx.run('upsert', { aliasName: live, collectionName: byName(next) });
			expectEqual(again.outputs[0]?.action, 'unchanged', 'the same upsert again');
			expectEqual(await aliasTarget(ctx, live), two, 'Get after the switch');
			return 'resolved to its collection (Milvus 2.6.12+)';
		},
	},
	{
		name: 'Require Loaded Collection refuses a released collection and leaves the alias where it was',
		async run(ctx) {
			const { one, two } = await twoCollections(ctx);
			const alias = ctx.name('live');
			await ctx.run('create', { aliasName: alias, collectionName: byName(one) });
			await ctx.admin.releaseCollection(two);
			const { outputs } = await ctx.run('upsert', {
				aliasName: alias,
				collectionName: byName(two),
				options: { requireLoaded: true },
			});
			expectTrue(isError(outputs[0]), 'the switch is refused', outputs[0]);
			expectTrue(
				String(outputs[0].error).includes(two),
				'the message names the collection',
				outputs[0],
			);
			expectEqual(await aliasTarget(ctx, alias), one, 'Get after the refused switch');
		},
	},
	{
		name: 'Wait for Load waits for a collection that is loading, and refuses at once one that nothing loads',
		async run(ctx) {
			const { one, two } = await twoCollections(ctx);
			const alias = ctx.name('live');
			await ctx.run('create', { aliasName: alias, collectionName: byName(one) });
			await ctx.admin.releaseCollection(two);
			const idle = await ctx.run('upsert', {
				aliasName: alias,
				collectionName: byName(two),
				options: { waitForLoad: true },
			});
			expectTrue(isError(idle.outputs[0]), 'a released collection is refused', idle.outputs[0]);
			expectEqual(await aliasTarget(ctx, alias), one, 'Get after the refused switch');

			await ctx.admin.loadCollection(two);
			const { outputs } = await ctx.run('upsert', {
				aliasName: alias,
				collectionName: byName(two),
				options: { waitForLoad: true },
			});
			const waited = outputs[0]?.waitedForLoadMs;
			expectTrue(
				typeof waited === 'number' && waited >= 0,
				'waitedForLoadMs is reported',
				outputs[0],
			);
			expectEqual(
				{ ...outputs[0], waitedForLoadMs: 0 },
				{
					aliasName: alias,
					collectionName: two,
					dbName: ctx.resolvedDb,
					action: 'updated',
					previousCollectionName: one,
					waitedForLoadMs: 0,
				},
				'upsert with Wait for Load',
			);
			expectEqual(await ctx.admin.loadState(two), 'LoadStateLoaded', 'load state after the switch');
			return `waited ${String(waited)} ms`;
		},
	},
];

export const SCENARIOS: Scenario[] = [...ALIAS_SCENARIOS, ...RETIRE_SCENARIOS];
