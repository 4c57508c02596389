/**
 * An alias given as the Collection, on every emulator profile. Up to Milvus 2.6.11 the server
 * refuses it (100); from 2.6.12 it points at that alias's collection (internal/proxy/
 * task_alias.go). Either way the outputs report what the server did, and "unchanged" means
 * nothing changed.
 */
import type { ProfileName } from '../../../tooling/emulator';
import { PROFILES, PROFILE_BEHAVIOURS } from '../../../tooling/emulator';
import type { RunResult } from '../../fixtures';
import { ownRequests } from './requestOrder';
import {
	DEFAULT_TOKEN,
	byName,
	credentialFor,
	jsonOf,
	requestedPaths,
	runMilvusAlias,
	useEmulator,
} from '../../fixtures';

const seed = (profile: ProfileName) => () => ({
	profile,
	auth: { users: { root: 'Milvus' } },
	databases: {
		default: {
			collections: { products_v1: {}, products_v2: {} },
			// `live` is the alias readers use; `next` is an alias the user gives as the Collection.
			aliases: { live: 'products_v1', next: 'products_v2', mirror: 'products_v2' },
		},
	},
});

const milvusCodeOf = (result: RunResult) =>
	(jsonOf(result)[0]?.details as { milvusCode?: number } | undefined)?.milvusCode;

describe.each(PROFILES)('an alias given as the Collection, profile %s', (profile) => {
	const resolves = PROFILE_BEHAVIOURS[profile].resolvesAliasAsCollection;
	const emulator = useEmulator(seed(profile));
	const run = async (operation: string, parameters: Record<string, unknown>) =>
		await runMilvusAlias({
			credentials: credentialFor(emulator.current(), DEFAULT_TOKEN),
			parameters: { operation, ...parameters },
			onError: 'continueRegularOutput',
		});
	const aliases = () => emulator.current().getAliases();

	test('Create: the output names the collection the new alias really points at', async () => {
		const result = await run('create', { aliasName: 'shop', collectionName: byName('next') });
		if (resolves) {
			expect(jsonOf(result)).toEqual([
				{ aliasName: 'shop', collectionName: 'products_v2', dbName: 'default' },
			]);
			expect(aliases().shop).toBe('products_v2');
		} else {
			expect(milvusCodeOf(result)).toBe(100);
			// The hint is right on every version: older ones refuse an alias here, 2.6.12+ resolves it.
			expect(String((jsonOf(result)[0].details as { description?: string }).description)).toContain(
				'Up to Milvus 2.6.11 an alias given as the collection is not found either',
			);
			expect(aliases().shop).toBeUndefined();
		}
	});

	test('Create or Update to an alias of another collection: updated, naming the real collection', async () => {
		const result = await run('upsert', { aliasName: 'live', collectionName: byName('next') });
		if (resolves) {
			expect(jsonOf(result)).toEqual([
				{
					aliasName: 'live',
					collectionName: 'products_v2',
					dbName: 'default',
					action: 'updated',
					previousCollectionName: 'products_v1',
				},
			]);
			expect(aliases().live).toBe('products_v2');
		} else {
			expect(milvusCodeOf(result)).toBe(100);
			expect(aliases().live).toBe('products_v1');
		}
	});

	test('Create or Update to an alias of its own collection: unchanged, because nothing changed', async () => {
		const result = await run('upsert', { aliasName: 'mirror', collectionName: byName('next') });
		if (resolves) {
			expect(jsonOf(result)).toEqual([
				{
					aliasName: 'mirror',
					collectionName: 'products_v2',
					dbName: 'default',
					action: 'unchanged',
					previousCollectionName: 'products_v2',
				},
			]);
		} else {
			expect(milvusCodeOf(result)).toBe(100);
		}
		expect(aliases().mirror).toBe('products_v2');
	});

	test('Update to an alias of another collection: the output names the real collection', async () => {
		const result = await run('update', { aliasName: 'live', collectionName: byName('next') });
		if (resolves) {
			expect(jsonOf(result)).toEqual([
				{
					aliasName: 'live',
					collectionName: 'products_v2',
					dbName: 'default',
					previousCollectionName: 'products_v1',
				},
			]);
		} else {
			expect(milvusCodeOf(result)).toBe(100);
			expect(aliases().live).toBe('products_v1');
		}
	});

	test('Get Many filtered by an alias: the listed aliases name the collection they point at', async () => {
		const result = await run('getAll', {
			returnAll: true,
			filters: { collectionName: byName('next') },
		});
		if (resolves) {
			expect(jsonOf(result)).toEqual([
				{ aliasName: 'mirror', collectionName: 'products_v2', dbName: 'default' },
				{ aliasName: 'next', collectionName: 'products_v2', dbName: 'default' },
			]);
		} else {
			// Milvus before 2.6.12 finds no collection of that name.
			expect(jsonOf(result).every((item) => item.collectionName !== 'next')).toBe(true);
		}
	});

	test('a real collection costs one alias list per database per execution, however many items', async () => {
		const result = await runMilvusAlias({
			credentials: credentialFor(emulator.current(), DEFAULT_TOKEN),
			parameters: {
				operation: 'create',
				aliasName: '={{ $json.alias }}',
				collectionName: byName('products_v1'),
			},
			items: [{ alias: 'a1' }, { alias: 'a2' }, { alias: 'a3' }],
		});
		expect(jsonOf(result).map((item) => item.collectionName)).toEqual([
			'products_v1',
			'products_v1',
			'products_v1',
		]);
		const paths = requestedPaths(emulator.current());
		expect(paths.filter((path) => path === 'aliases/create')).toHaveLength(3);
		expect(paths.filter((path) => path === 'aliases/list')).toHaveLength(1);
		expect(paths).toHaveLength(4);
	});
});

describe('when the lookup after a successful change fails', () => {
	const emulator = useEmulator(seed('2.6.12+'));

	test('the change is still reported as done, naming the Collection as given', async () => {
		emulator.current().injectFault({ kind: 'code', code: 65535, path: 'aliases/describe' });
		const result = await runMilvusAlias({
			credentials: credentialFor(emulator.current(), DEFAULT_TOKEN),
			parameters: { operation: 'create', aliasName: 'shop', collectionName: byName('next') },
		});
		expect(result.run.status).toBe('success');
		expect(jsonOf(result)).toEqual([
			{ aliasName: 'shop', collectionName: 'next', dbName: 'default' },
		]);
		expect(ownRequests(emulator.current())).toEqual({
			paths: ['aliases/create', 'aliases/describe'],
			lookups: 1,
		});
		expect(emulator.current().getAliases().shop).toBe('products_v2');
	});
});
