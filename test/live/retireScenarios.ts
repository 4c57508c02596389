/**
 * Retiring the collection an alias moved away from: collections/release and collections/drop as a
 * real server answers them, on every version. Where versions differ (a collection that aliases
 * still point at, a drop through an alias name) each version's documented answer is accepted and
 * the scenario says which one it saw. These steps drop collections: on a real server the suite runs
 * only with MILVUS_LIVE_CONFIRM=yes (targets.ts), and only on the collections it created.
 */
import { AdminCallError } from './admin';
import { expectEqual, expectTrue } from './check';
import { aliasTarget, byName, twoCollections } from './scenarioKit';
import type { Scenario, ScenarioContext } from './scenarioKit';

/** The refusal of an admin call, or undefined when it succeeded. */
async function refusalOf(call: Promise<void>): Promise<AdminCallError | undefined> {
	try {
		await call;
		return undefined;
	} catch (error) {
		return error instanceof AdminCallError
			? error
			: new AdminCallError('collections/drop', undefined, (error as Error).message);
	}
}

async function exists(ctx: ScenarioContext, collection: string): Promise<boolean> {
	return (await ctx.admin.listCollections()).includes(collection);
}

export const RETIRE_SCENARIOS: Scenario[] = [
	{
		name: 'Release leaves the collection NotLoad and the others loaded; releasing again succeeds; load brings it back',
		async run(ctx) {
			const { one, two } = await twoCollections(ctx);
			await ctx.admin.releaseCollection(one);
			expectEqual(await ctx.admin.loadState(one), 'LoadStateNotLoad', 'load state after release');
			expectEqual(await ctx.admin.loadState(two), 'LoadStateLoaded', 'the other collection');
			await ctx.admin.releaseCollection(one);
			expectEqual(
				await ctx.admin.loadState(one),
				'LoadStateNotLoad',
				'load state after a second release',
			);
			await ctx.admin.loadCollection(one);
			await ctx.admin.waitLoaded(one);
		},
	},
	{
		name: 'Blue/green: switch the alias, then release the previous collection; the alias reads the new one',
		async run(ctx) {
			const { one, two } = await twoCollections(ctx);
			const alias = ctx.name('live');
			await ctx.run('create', { aliasName: alias, collectionName: byName(one) });
			const { outputs } = await ctx.run('upsert', {
				aliasName: alias,
				collectionName: byName(two),
				options: { requireLoaded: true },
			});
			expectEqual(outputs[0]?.previousCollectionName, one, 'previous collection after the switch');
			await ctx.admin.releaseCollection(one);
			expectEqual(await ctx.admin.loadState(one), 'LoadStateNotLoad', 'the previous collection');
			expectEqual(await ctx.admin.loadState(two), 'LoadStateLoaded', 'the new collection');
			expectEqual(await aliasTarget(ctx, alias), two, 'Get after the release');
		},
	},
	{
		name: 'Blue/green: switch the alias, then drop the previous collection (works on every version)',
		async run(ctx) {
			const { one, two } = await twoCollections(ctx);
			const alias = ctx.name('live');
			await ctx.run('create', { aliasName: alias, collectionName: byName(one) });
			const { outputs } = await ctx.run('upsert', {
				aliasName: alias,
				collectionName: byName(two),
				options: { requireLoaded: true },
			});
			expectEqual(outputs[0]?.previousCollectionName, one, 'previous collection after the switch');
			await ctx.admin.dropCollection(String(outputs[0].previousCollectionName));
			expectEqual(await exists(ctx, one), false, 'the previous collection is gone');
			expectEqual(await aliasTarget(ctx, alias), two, 'Get after dropping the previous collection');
		},
	},
	{
		name: 'Dropping a collection that aliases still point at: removed with them (2.4) or refused, keeping all (2.5.5+)',
		async run(ctx) {
			const { one } = await twoCollections(ctx);
			const aliases = [ctx.name('live'), ctx.name('search')];
			for (const aliasName of aliases) {
				await ctx.run('create', { aliasName, collectionName: byName(one) });
			}
			const refusal = await refusalOf(ctx.admin.dropCollection(one));
			if (!refusal) {
				expectEqual(await exists(ctx, one), false, 'the dropped collection');
				for (const alias of aliases) {
					expectEqual(await aliasTarget(ctx, alias), undefined, `${alias} after the drop`);
				}
				return 'dropped with its aliases (Milvus 2.4)';
			}
			const { code } = refusal;
			expectTrue(
				code === 65535 || code === 1100,
				'the refusal is 65535 (2.5.5+) or 1100 (2.6.19+)',
				refusal.message,
			);
			expectEqual(await exists(ctx, one), true, 'the collection after the refused drop');
			for (const alias of aliases) {
				expectEqual(await aliasTarget(ctx, alias), one, `${alias} after the refused drop`);
			}
			return `refused with ${code}`;
		},
	},
	{
		name: 'Dropping a collection through an alias name is refused (65535, 1100 from 2.6.19) and drops nothing',
		async run(ctx) {
			const { one } = await twoCollections(ctx);
			const alias = ctx.name('live');
			await ctx.run('create', { aliasName: alias, collectionName: byName(one) });
			const refusal = await refusalOf(ctx.admin.dropCollection(alias));
			expectTrue(refusal !== undefined, 'the drop through an alias is refused');
			const code = refusal?.code;
			expectTrue(code === 65535 || code === 1100, 'the refusal is 65535 or 1100', refusal?.message);
			expectEqual(await exists(ctx, one), true, 'the collection after the refused drop');
			expectEqual(await aliasTarget(ctx, alias), one, 'the alias after the refused drop');
			return `refused with ${code}`;
		},
	},
	{
		name: 'Dropping a collection that does not exist succeeds (idempotent)',
		async run(ctx) {
			await ctx.admin.dropCollection(ctx.name('never_created'));
			await ctx.admin.dropCollection(ctx.name('never_created'));
		},
	},
];
