/**
 * An alias made or moved earlier in the same run, then given as the Collection: on
 * Milvus 2.6.12+ it resolves to that alias's collection, and the outputs must say so (the run's
 * own changes count, not only the alias list it fetched). Before 2.6.12 Milvus refuses it (100).
 * And a failed alias list is not taken for "no aliases".
 */
import type { IDataObject } from 'n8n-workflow';

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
			collections: { products_v1: {}, products_v2: {} },
			aliases: { catalog: 'products_v2', next: 'products_v2' },
		},
	},
});

const milvusCodeOf = (output: IDataObject) =>
	(output.details as { milvusCode?: number } | undefined)?.milvusCode;

describe.each(PROFILES)('aliases changed earlier in the run, profile %s', (profile) => {
	const resolves = PROFILE_BEHAVIOURS[profile].resolvesAliasAsCollection;
	const emulator = useEmulator(seed(profile));
	const describes = () =>
		requestedPaths(emulator.current()).filter((path) => path === 'aliases/describe').length;
	const runItems = async (operation: string, items: IDataObject[]): Promise<RunResult> =>
		await runMilvusAlias({
			credentials: credentialFor(emulator.current(), DEFAULT_TOKEN),
			parameters: {
				operation,
				aliasName: '={{ $json.alias }}',
				collectionName: byName('={{ $json.collection }}'),
				options: { concurrency: 1 },
			},
			items,
			onError: 'continueRegularOutput',
		});

	test('an alias made earlier in the run, given as the Collection: the collection it points at', async () => {
		const result = await runItems('upsert', [
			{ alias: 'first', collection: 'products_v1' },
			{ alias: 'fresh', collection: 'products_v2' },
			{ alias: 'catalog', collection: 'fresh' },
		]);
		const outputs = jsonOf(result);
		expect(outputs.slice(0, 2)).toEqual([
			{
				aliasName: 'first',
				collectionName: 'products_v1',
				dbName: 'default',
				action: 'created',
				previousCollectionName: null,
			},
			{
				aliasName: 'fresh',
				collectionName: 'products_v2',
				dbName: 'default',
				action: 'created',
				previousCollectionName: null,
			},
		]);
		if (resolves) {
			expect(outputs[2]).toEqual({
				aliasName: 'catalog',
				collectionName: 'products_v2',
				dbName: 'default',
				action: 'unchanged',
				previousCollectionName: 'products_v2',
			});
		} else {
			expect(milvusCodeOf(outputs[2])).toBe(100);
		}
		expect(emulator.current().getAliases().catalog).toBe('products_v2');
		// The list taken with the first item, nothing more: the run knew where `fresh` points.
		expect(ownRequests(emulator.current()).lookups).toBe(1);
		// One describe per item (where it pointed before), none to learn where `fresh` points.
		expect(describes()).toBe(3);
	});

	test('an alias moved earlier in the run: where it points now, without asking again', async () => {
		const result = await runItems('update', [
			{ alias: 'next', collection: 'products_v1' },
			{ alias: 'catalog', collection: 'next' },
		]);
		const outputs = jsonOf(result);
		expect(outputs[0]).toMatchObject({ aliasName: 'next', collectionName: 'products_v1' });
		if (resolves) {
			expect(outputs[1]).toEqual({
				aliasName: 'catalog',
				collectionName: 'products_v1',
				dbName: 'default',
				previousCollectionName: 'products_v2',
			});
			expect(emulator.current().getAliases().catalog).toBe('products_v1');
		} else {
			expect(milvusCodeOf(outputs[1])).toBe(100);
		}
		// One describe per item (where it pointed before), none after the change.
		expect(describes()).toBe(2);
	});

	test('a failed alias list is not "no aliases": the item asks where its alias points, the next lists again', async () => {
		emulator.current().injectFault({ kind: 'code', code: 65535, path: 'aliases/list' });
		const result = await runItems('create', [
			{ alias: 'shop_a', collection: 'next' },
			{ alias: 'shop_b', collection: 'next' },
		]);
		const outputs = jsonOf(result);
		if (resolves) {
			expect(outputs).toEqual([
				{ aliasName: 'shop_a', collectionName: 'products_v2', dbName: 'default' },
				{ aliasName: 'shop_b', collectionName: 'products_v2', dbName: 'default' },
			]);
			// Each learns where its alias points: the first because the list failed, the second
			// because the list shows `next` is an alias of a collection this run did not place.
			expect(describes()).toBe(2);
		} else {
			expect(outputs.map(milvusCodeOf)).toEqual([100, 100]);
		}
		expect(ownRequests(emulator.current()).lookups).toBe(2);
	});
});
