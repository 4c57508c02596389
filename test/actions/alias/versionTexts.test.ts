/**
 * The operations decide on Milvus codes, never on message wording, which differs between
 * versions: on every profile, a missing database (2.4.x: `database not found, database: <db>`
 * from the REST layer; 2.5+: `database not found[database=<db>]`, and code 100 from
 * get_load_state) stops the item with Milvus's code and text, and is never taken for a missing
 * alias (1600), which would make Create or Update go on to create it.
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
	runMilvusAlias,
	useEmulator,
} from '../../fixtures';

const seed = (profile: ProfileName) => () => ({
	profile,
	auth: { users: { root: 'Milvus' } },
	databases: {
		default: { collections: { products_v1: {} }, aliases: { products: 'products_v1' } },
	},
});

const milvusCodeOf = (result: RunResult) =>
	(jsonOf(result)[0]?.details as { milvusCode?: number } | undefined)?.milvusCode;

/** The wording of this profile's "database not found". */
function databaseNotFoundText(profile: ProfileName, dbName: string): string {
	return PROFILE_BEHAVIOURS[profile].databaseCheck === 'rest'
		? `database not found, database: ${dbName}`
		: `database not found[database=${dbName}]`;
}

describe.each(PROFILES)('codes, not wording, on profile %s', (profile) => {
	const emulator = useEmulator(seed(profile));
	const run = async (operation: string, parameters: Record<string, unknown>) =>
		await runMilvusAlias({
			credentials: credentialFor(emulator.current(), DEFAULT_TOKEN),
			parameters: { operation, dbName: 'nowhere', ...parameters },
			onError: 'continueRegularOutput',
		});

	test('Create or Update in a missing database: 800 with this version’s text, nothing created', async () => {
		const result = await run('upsert', {
			aliasName: 'products',
			collectionName: byName('products_v1'),
		});
		expect(milvusCodeOf(result)).toBe(800);
		expect(String(jsonOf(result)[0].error)).toContain(databaseNotFoundText(profile, 'nowhere'));
		expect(ownRequests(emulator.current())).toEqual({ paths: ['aliases/describe'], lookups: 1 });
	});

	test('Update in a missing database: 800, not "alias not found"', async () => {
		const result = await run('update', {
			aliasName: 'products',
			collectionName: byName('products_v1'),
		});
		expect(milvusCodeOf(result)).toBe(800);
		expect(ownRequests(emulator.current())).toEqual({ paths: ['aliases/describe'], lookups: 1 });
	});

	test('the load check in a missing database: the code this version gives (800 on 2.4.x, 100 from 2.5)', async () => {
		const expected = PROFILE_BEHAVIOURS[profile].databaseCheck === 'rest' ? 800 : 100;
		const result = await run('create', {
			aliasName: 'products',
			collectionName: byName('products_v1'),
			options: { requireLoaded: true },
		});
		expect(milvusCodeOf(result)).toBe(expected);
		expect(ownRequests(emulator.current())).toEqual({
			paths: ['collections/get_load_state'],
			lookups: 1,
		});
	});
});
