/**
 * Wait for Load through n8n's engine, against every emulator profile: loading → loaded, never
 * loads (the item's time limit), nothing loading, cancelled, and the load state's own errors
 * (which differ per Milvus version and are reported by code, not waited on).
 */
import { sleep } from 'n8n-workflow';

import type { ProfileName } from '../../../tooling/emulator';
import { PROFILES, PROFILE_BEHAVIOURS } from '../../../tooling/emulator';
import type { RunResult } from '../../fixtures';
import {
	DEFAULT_TOKEN,
	byName,
	credentialFor,
	jsonOf,
	requestedPaths,
	runMilvusAlias,
	useEmulator,
} from '../../fixtures';
import { ownRequests } from './requestOrder';

const seed = (profile: ProfileName) => () => ({
	profile,
	auth: { users: { root: 'Milvus' } },
	databases: {
		default: {
			collections: {
				products_v1: {},
				soon: { loadAfterPolls: 3 },
				stuck: { loadState: 'LoadStateLoading' as const, loadProgress: 40 },
				idle: { loaded: false },
			},
			aliases: { products: 'products_v1' },
		},
	},
});

const pollsOf = (paths: string[]) =>
	paths.filter((path) => path === 'collections/get_load_state').length;

const milvusCodeOf = (result: RunResult) =>
	(jsonOf(result)[0]?.details as { milvusCode?: number } | undefined)?.milvusCode;

describe.each(PROFILES)('Wait for Load on profile %s', (profile) => {
	const emulator = useEmulator(seed(profile));
	const switchTo = async (
		collection: string,
		options: Record<string, unknown>,
		extra: { operation?: string; dbName?: string; cancel?: AbortSignal } = {},
	) =>
		await runMilvusAlias({
			credentials: credentialFor(emulator.current(), DEFAULT_TOKEN),
			parameters: {
				operation: extra.operation ?? 'upsert',
				aliasName: 'products',
				collectionName: byName(collection),
				...(extra.dbName ? { dbName: extra.dbName } : {}),
				options,
			},
			onError: 'continueRegularOutput',
			cancel: extra.cancel,
		});

	test.each(['upsert', 'update'])(
		'%s: waits while the collection loads, then points the alias and says how long it waited',
		async (operation) => {
			const result = await switchTo('soon', { waitForLoad: true }, { operation });
			const [output] = jsonOf(result);
			expect(output).toMatchObject({
				aliasName: 'products',
				collectionName: 'soon',
				previousCollectionName: 'products_v1',
				waitedForLoadMs: expect.any(Number),
			});
			expect(output.waitedForLoadMs as number).toBeGreaterThan(0);
			const paths = requestedPaths(emulator.current());
			expect(pollsOf(paths)).toBe(4);
			expect(paths.indexOf('aliases/alter')).toBeGreaterThan(
				paths.lastIndexOf('collections/get_load_state'),
			);
			expect(emulator.current().getAliases().products).toBe('soon');
		},
	);

	test('create: an already loaded collection is checked once, waitedForLoadMs 0', async () => {
		const result = await runMilvusAlias({
			credentials: credentialFor(emulator.current(), DEFAULT_TOKEN),
			parameters: {
				operation: 'create',
				aliasName: 'shop',
				collectionName: byName('products_v1'),
				options: { waitForLoad: true },
			},
		});
		expect(jsonOf(result)).toEqual([
			{ aliasName: 'shop', collectionName: 'products_v1', dbName: 'default', waitedForLoadMs: 0 },
		]);
		expect(pollsOf(requestedPaths(emulator.current()))).toBe(1);
	});

	test('never loads: the item fails when its time limit runs out, naming the state, alias unchanged', async () => {
		const started = Date.now();
		const result = await switchTo('stuck', { waitForLoad: true, itemTimeLimit: 1_500 });
		const elapsed = Date.now() - started;
		const [output] = jsonOf(result);
		expect(String(output.error)).toMatch(
			/^Collection "stuck" was still not loaded after waiting \d+ ms \(load state LoadStateLoading, 40% loaded\), so alias "products" was left unchanged$/,
		);
		expect(String((output.details as { description: string }).description)).toContain(
			'Time Limit per Item (1500 ms)',
		);
		expect(elapsed).toBeLessThan(5_000);
		expect(pollsOf(requestedPaths(emulator.current()))).toBeGreaterThan(2);
		expect(requestedPaths(emulator.current())).not.toContain('aliases/alter');
		expect(emulator.current().getAliases().products).toBe('products_v1');
	});

	test('nothing loads the collection: refused at once, without waiting', async () => {
		const result = await switchTo('idle', { waitForLoad: true });
		expect(String(jsonOf(result)[0].error)).toBe(
			'Collection "idle" is not loaded and no load is under way (load state LoadStateNotLoad), so alias "products" was left unchanged',
		);
		expect(pollsOf(requestedPaths(emulator.current()))).toBe(1);
		expect(emulator.current().getAliases().products).toBe('products_v1');
	});

	test('cancelled while waiting: ends at once, alias unchanged', async () => {
		const controller = new AbortController();
		const started = Date.now();
		const pending = switchTo('stuck', { waitForLoad: true }, { cancel: controller.signal });
		await new Promise((resolve) => AbortSignal.timeout(400).addEventListener('abort', resolve));
		controller.abort();
		const result = await pending;
		expect(Date.now() - started).toBeLessThan(3_000);
		expect(result.run.status).toBe('canceled');
		expect(requestedPaths(emulator.current())).not.toContain('aliases/alter');
		expect(emulator.current().getAliases().products).toBe('products_v1');
	});

	test('a missing database: the load state answer is the item error, by its code, without waiting', async () => {
		const behaviour = PROFILE_BEHAVIOURS[profile];
		// 2.4.x refuses at the REST layer (800, "database not found, database: <db>"); 2.5+ answers
		// get_load_state with 100 (collection not found) for a missing database.
		const expected = behaviour.databaseCheck === 'rest' ? 800 : 100;
		const result = await switchTo(
			'soon',
			{ waitForLoad: true },
			{ operation: 'create', dbName: 'nowhere' },
		);
		expect(milvusCodeOf(result)).toBe(expected);
		expect(String(jsonOf(result)[0].error)).toContain(`Milvus error ${expected}`);
		// The alias-name lookup runs alongside (it fails in a missing database too, unseen).
		expect(ownRequests(emulator.current())).toEqual({
			paths: ['collections/get_load_state'],
			lookups: 1,
		});
	});
});

describe('Wait for Load when the time limit runs out during a poll', () => {
	const emulator = useEmulator(seed('2.6.12+'));

	test('the refusal still names the collection and its state (not a bare time-limit error)', async () => {
		emulator.current().setLatency(400);
		const result = await runMilvusAlias({
			credentials: credentialFor(emulator.current(), DEFAULT_TOKEN),
			parameters: {
				operation: 'upsert',
				aliasName: 'products',
				collectionName: byName('stuck'),
				options: { waitForLoad: true, itemTimeLimit: 1_000 },
			},
			onError: 'continueRegularOutput',
		});
		expect(String(jsonOf(result)[0].error)).toMatch(
			/^Collection "stuck" was still not loaded after waiting \d+ ms \(load state LoadStateLoading, 40% loaded\), so alias "products" was left unchanged$/,
		);
		expect(requestedPaths(emulator.current())).not.toContain('aliases/alter');
	});
});

describe('Wait for Load when the first load-state answer is slow', () => {
	const emulator = useEmulator(seed('2.6.12+'));
	// Time Limit 4 s: 3.6 s to wait, 0.4 s kept for the change.
	const switchSlowly = async (collection: string) =>
		await runMilvusAlias({
			credentials: credentialFor(emulator.current(), DEFAULT_TOKEN),
			parameters: {
				operation: 'update',
				aliasName: 'products',
				collectionName: byName(collection),
				options: { waitForLoad: true, itemTimeLimit: 4_000 },
			},
			onError: 'continueRegularOutput',
		});

	test('the time waited includes that answer, and the change is sent within the wait', async () => {
		// Loading at the first answer, loaded at the next.
		emulator.current().addCollection('default', 'next_up', { loadAfterPolls: 1 });
		emulator.current().delayNextAnswer('collections/get_load_state', 1_800);
		const [output] = jsonOf(await switchSlowly('next_up'));
		expect(output).toMatchObject({
			collectionName: 'next_up',
			previousCollectionName: 'products_v1',
		});
		expect(output.waitedForLoadMs as number).toBeGreaterThanOrEqual(1_800);
		expect(output.waitedForLoadMs as number).toBeLessThan(3_600);
		expect(emulator.current().getAliases().products).toBe('next_up');
	});

	test('a load that ends after the wait: refused, nothing changed, the reserve never spent waiting', async () => {
		const milvus = emulator.current();
		milvus.addCollection('default', 'late', { loadState: 'LoadStateLoading', loadProgress: 70 });
		// The first answer at 3.4 s; the load ends 0.27 s later, past the 3.6 s the wait may take.
		// A poll after that (3.78-3.9 s without the wait's own limit) would find it loaded and
		// send an alter that needs 0.3 s, more than the time left then, less than the reserve.
		milvus.delayNextAnswer('collections/get_load_state', 3_400);
		milvus.afterNextAnswer('collections/get_load_state', () => {
			void sleep(270).then(() => milvus.setLoaded('default', 'late', true));
		});
		milvus.delayNextAnswer('aliases/alter', 300);
		const [output] = jsonOf(await switchSlowly('late'));
		expect(String(output.error)).toMatch(
			/^Collection "late" was still not loaded after waiting \d+ ms \(load state LoadStateLoading, 70% loaded\), so alias "products" was left unchanged$/,
		);
		expect(requestedPaths(milvus)).not.toContain('aliases/alter');
		expect(milvus.getAliases().products).toBe('products_v1');
	});
});
