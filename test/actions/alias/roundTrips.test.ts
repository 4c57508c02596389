/**
 * Round trips in sequence per item, on every emulator profile: each operation waits only for the
 * answers it needs (Create, Get, Delete 1, 2 with All or Nothing; Update and Create or Update 2: the describe, then the
 * change; Get Many 2: the list, then the describes together). The alias-name lookup of Milvus
 * 2.6.12+ runs alongside the first request, a describe after the change only when the Collection
 * given is an alias, load checks only when asked. Every answer is held LATENCY_MS, and the rounds
 * come from which answers the emulator had given when each request arrived (no clock read).
 */
import type { IDataObject } from 'n8n-workflow';

import type { ProfileName } from '../../../tooling/emulator';
import { PROFILES, PROFILE_BEHAVIOURS } from '../../../tooling/emulator';
import {
	DEFAULT_TOKEN,
	byName,
	credentialFor,
	jsonOf,
	runMilvusAlias,
	useEmulator,
} from '../../fixtures';
import { rounds } from './requestOrder';

/** Far above the time between two requests sent together, so no answer falls between them. */
const LATENCY_MS = 150;

const seed = (profile: ProfileName) => () => ({
	profile,
	auth: { users: { root: 'Milvus' } },
	latency: LATENCY_MS,
	databases: {
		default: {
			collections: { products_v1: {}, products_v2: {} },
			aliases: { products: 'products_v1', catalog: 'products_v1', next: 'products_v2' },
		},
	},
});

describe.each(PROFILES)('round trips in sequence, profile %s', (profile) => {
	const resolves = PROFILE_BEHAVIOURS[profile].resolvesAliasAsCollection;
	const emulator = useEmulator(seed(profile));
	const run = async (operation: string, parameters: IDataObject, items?: IDataObject[]) => {
		const result = await runMilvusAlias({
			credentials: credentialFor(emulator.current(), DEFAULT_TOKEN),
			parameters: { operation, ...parameters },
			items,
			onError: 'continueRegularOutput',
		});
		expect(jsonOf(result).filter((output) => output.error !== undefined)).toEqual([]);
		return rounds(emulator.current());
	};
	const switchTo = { aliasName: 'products', collectionName: byName('products_v2') };

	test('Create: 1 (the lookup alongside)', async () => {
		const shop = { aliasName: 'shop', collectionName: byName('products_v2') };
		expect(await run('create', shop)).toEqual([['aliases/create', 'aliases/list']]);
	});

	test('Create of many items: 1, one lookup for the run', async () => {
		const perItem = { aliasName: '={{ $json.alias }}', collectionName: byName('products_v2') };
		const items = [{ alias: 'a1' }, { alias: 'a2' }, { alias: 'a3' }];
		expect(await run('create', perItem, items)).toEqual([
			['aliases/create', 'aliases/create', 'aliases/create', 'aliases/list'],
		]);
	});

	test('Get: 1', async () => {
		expect(await run('get', { aliasName: 'products' })).toEqual([['aliases/describe']]);
	});

	test('Delete: 1', async () => {
		expect(await run('delete', { aliasName: 'products' })).toEqual([['aliases/drop']]);
	});

	test('Delete with All or Nothing: 2, where the alias pointed (for the undo), then the drop', async () => {
		const undoable = { aliasName: 'products', options: { allOrNothing: true } };
		expect(await run('delete', undoable)).toEqual([['aliases/describe'], ['aliases/drop']]);
	});

	test('Create with All or Nothing: 2, whether the alias is already there, then the create', async () => {
		const shop = { aliasName: 'shop', collectionName: byName('products_v2') };
		expect(await run('create', { ...shop, options: { allOrNothing: true } })).toEqual([
			['aliases/describe', 'aliases/list'],
			['aliases/create'],
		]);
	});

	test('Update with All or Nothing: still 2', async () => {
		expect(await run('update', { ...switchTo, options: { allOrNothing: true } })).toEqual([
			['aliases/describe', 'aliases/list'],
			['aliases/alter'],
		]);
	});

	test('Update: 2, the describe then the alter', async () => {
		expect(await run('update', switchTo)).toEqual([
			['aliases/describe', 'aliases/list'],
			['aliases/alter'],
		]);
	});

	test('Create or Update: 2, whether it creates or repoints', async () => {
		expect(await run('upsert', switchTo)).toEqual([
			['aliases/describe', 'aliases/list'],
			['aliases/alter'],
		]);
		emulator.current().clearRequests();
		const fresh = { aliasName: 'fresh', collectionName: byName('products_v2') };
		expect(await run('upsert', fresh)).toEqual([
			['aliases/describe', 'aliases/list'],
			['aliases/create'],
		]);
	});

	test('Create or Update with nothing to change: 1', async () => {
		const same = { aliasName: 'products', collectionName: byName('products_v1') };
		expect(await run('upsert', same)).toEqual([['aliases/describe', 'aliases/list']]);
	});

	test('Get Many: 2, the list then the describes together', async () => {
		expect(await run('getAll', { returnAll: true })).toEqual([
			['aliases/list'],
			['aliases/describe', 'aliases/describe', 'aliases/describe'],
		]);
	});

	test('Get Many with a Collection filter: 1 (the lookup alongside)', async () => {
		const filtered = { returnAll: true, filters: { collectionName: byName('products_v1') } };
		expect(await run('getAll', filtered)).toEqual([['aliases/list', 'aliases/list']]);
	});

	test('Require Loaded Collection (asked for): the load check, then the change', async () => {
		const checked = { ...switchTo, aliasName: 'shop', options: { requireLoaded: true } };
		expect(await run('create', checked)).toEqual([
			['aliases/list', 'collections/get_load_state'],
			['aliases/create'],
		]);
	});

	if (resolves) {
		test('an alias given as the Collection: one describe after the change, only then', async () => {
			const viaAlias = { aliasName: 'shop', collectionName: byName('next') };
			expect(await run('create', viaAlias)).toEqual([
				['aliases/create', 'aliases/list'],
				['aliases/describe'],
			]);
		});
	}
});
