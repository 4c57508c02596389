// Retiring a collection after an alias switch: collections/release, load and drop in every profile.
// Sources (read at v2.4.15, v2.5.27, v2.6.11, v2.6.19 and v3.0.0): handler_v2.go dropCollection,
// loadCollection, releaseCollection (a pass-through to the proxy); internal/proxy/task.go
// dropCollectionTask, loadCollectionTask, releaseCollectionTask PreExecute/Execute; rootcoord
// drop_collection_task.go and meta_table.go getCollectionByNameInternal; querycoordv2 services.go and
// job/job_release.go ReleaseCollection.
import { PROFILES, startEmulator } from '../../../tooling/emulator';
import type { MilvusEmulator, ProfileName } from '../../../tooling/emulator';

import { C, call, closeAgent } from './http';

afterAll(closeAgent);

let emu: MilvusEmulator;
const post = async (path: string, body?: unknown) => await call(emu.url, path, { body });
const loadState = async (collectionName: string) =>
	(await post(`${C}/get_load_state`, { collectionName })).json?.data;

afterEach(async () => {
	await emu?.close();
});

const NOT_LOADED = { loadState: 'LoadStateNotLoad' };
const LOADED = { loadProgress: 100, loadState: 'LoadStateLoaded' };

const is24 = (profile: ProfileName) => profile === '2.4.0' || profile === '2.4';
const successOf = (profile: ProfileName) => ({ code: profile === '2.4.0' ? 200 : 0, data: {} });

describe.each(PROFILES)('profile %s', (profile) => {
	const success = successOf(profile);

	beforeEach(async () => {
		emu = await startEmulator({
			profile,
			databases: {
				default: {
					collections: { books_v1: {}, books_v2: {}, books_v3: { loaded: false } },
					aliases: { books: 'books_v2' },
				},
			},
		});
	});

	it('release leaves a collection NotLoad, also when it was not loaded; load makes it Loaded again', async () => {
		expect((await post(`${C}/release`, { collectionName: 'books_v1' })).json).toEqual(success);
		expect(await loadState('books_v1')).toEqual(NOT_LOADED);
		expect(emu.getCollections().books_v1).toEqual({ loadState: 'LoadStateNotLoad' });
		// querycoordv2: releasing a collection that is not loaded is a success, not an error.
		expect((await post(`${C}/release`, { collectionName: 'books_v1' })).json).toEqual(success);
		expect((await post(`${C}/release`, { collectionName: 'books_v3' })).json).toEqual(success);
		expect((await post(`${C}/load`, { collectionName: 'books_v1' })).json).toEqual(success);
		expect(await loadState('books_v1')).toEqual(LOADED);
		expect(await loadState('books_v2')).toEqual(LOADED); // the others untouched
		expect(emu.requests.map((r) => [r.path, r.body])).toEqual([
			[`${C}/release`, { collectionName: 'books_v1' }],
			[`${C}/get_load_state`, { collectionName: 'books_v1' }],
			[`${C}/release`, { collectionName: 'books_v1' }],
			[`${C}/release`, { collectionName: 'books_v3' }],
			[`${C}/load`, { collectionName: 'books_v1' }],
			[`${C}/get_load_state`, { collectionName: 'books_v1' }],
			[`${C}/get_load_state`, { collectionName: 'books_v2' }],
		]);
	});

	it('release and load through an alias act on its collection (the meta cache resolves it)', async () => {
		expect((await post(`${C}/release`, { collectionName: 'books' })).json).toEqual(success);
		expect(emu.getCollections().books_v2).toEqual({ loadState: 'LoadStateNotLoad' });
		expect(emu.getAliases()).toEqual({ books: 'books_v2' });
		expect((await post(`${C}/load`, { collectionName: 'books' })).json).toEqual(success);
		expect(await loadState('books_v2')).toEqual(LOADED);
	});

	it('release and load refuse an invalid name (1100), a missing collection (100) and database (800)', async () => {
		for (const route of ['release', 'load']) {
			const path = `${C}/${route}`;
			expect((await post(path, { collectionName: '9books' })).json).toEqual({
				code: 1100,
				message:
					'Invalid collection name: 9books.  the first character of a collection name must be an underscore or letter: invalid parameter',
			});
			expect((await post(path, { collectionName: 'gone' })).json).toEqual({
				code: 100,
				message: 'collection not found[database=default][collection=gone]',
			});
			expect((await post(path, { dbName: 'archive', collectionName: 'books_v1' })).json).toEqual({
				code: 800,
				message: is24(profile)
					? 'database not found, database: archive'
					: 'database not found[database=archive]',
			});
			expect((await post(path, {})).json).toEqual({
				code: 1802,
				message:
					"missing required parameters, error: Key: 'CollectionNameReq.CollectionName' Error:Field validation for 'CollectionName' failed on the 'required' tag",
			});
		}
		expect(emu.getCollections().books_v1).toEqual({
			loadState: 'LoadStateLoaded',
			loadProgress: 100,
		});
	});

	it('drop removes a collection without aliases; a missing one is already dropped (idempotent)', async () => {
		expect((await post(`${C}/drop`, { collectionName: 'books_v1' })).json).toEqual(success);
		expect(Object.keys(emu.getCollections())).toEqual(['books_v2', 'books_v3']);
		expect((await post(`${C}/get_load_state`, { collectionName: 'books_v1' })).json?.code).toBe(
			100,
		);
		expect((await post(`${C}/drop`, { collectionName: 'books_v1' })).json).toEqual(success);
		expect((await post(`${C}/drop`, { collectionName: 'never_was' })).json).toEqual(success);
		expect(emu.getAliases()).toEqual({ books: 'books_v2' });
	});

	// rootcoord drop_collection_task.go validate: IsAlias first. fmt.Errorf (65535) through v2.6.18,
	// merr.WrapErrParameterInvalidMsg (1100) from v2.6.19 (commit 39c9b039d2, #50545) and in 3.0.
	it('drop through an alias name is refused and drops nothing', async () => {
		const refusal = 'cannot drop the collection via alias = books';
		const expected = {
			'2.4.0': { code: 65535, message: refusal },
			'2.4': { code: 65535, message: refusal },
			'2.5': { code: 65535, message: refusal },
			'2.6': { code: 65535, message: refusal },
			'2.6.12+': { code: 1100, message: `${refusal}: invalid parameter` },
			'3.0': { code: 1100, message: `${refusal}: invalid parameter` },
			'zilliz-serverless': { code: 65535, message: refusal },
		}[profile];
		expect((await post(`${C}/drop`, { collectionName: 'books' })).json).toEqual(expected);
		expect(Object.keys(emu.getCollections())).toEqual(['books_v1', 'books_v2', 'books_v3']);
		expect(emu.getAliases()).toEqual({ books: 'books_v2' });
	});

	// task.go dropCollectionTask.PreExecute validates the name up to v2.5.14 (all of 2.4); from v2.5.15
	// and v2.6.0 it does not (#43064), and rootcoord finds nothing to drop. A missing database is
	// refused at the REST layer in 2.4; from 2.5 rootcoord counts it as dropped (errIgnoredDropCollection
	// in 2.6, ErrDatabaseNotFound swallowed in 2.5's Execute).
	it('drop with an invalid name or in a missing database', async () => {
		const invalid = await post(`${C}/drop`, { collectionName: '9books' });
		const missingDb = await post(`${C}/drop`, { dbName: 'archive', collectionName: 'books_v1' });
		if (is24(profile)) {
			expect(invalid.json).toEqual({
				code: 1100,
				message:
					'Invalid collection name: 9books.  the first character of a collection name must be an underscore or letter: invalid parameter',
			});
			expect(missingDb.json).toEqual({
				code: 800,
				message: 'database not found, database: archive',
			});
		} else {
			expect(invalid.json).toEqual(success);
			expect(missingDb.json).toEqual(success);
		}
		expect(Object.keys(emu.getCollections())).toEqual(['books_v1', 'books_v2', 'books_v3']);
	});

	it('the fault hook answers for these routes too, and the state stays as it was', async () => {
		emu.injectFault({ kind: 'code', code: 65535, message: 'boom', path: 'collections/drop' });
		expect((await post(`${C}/drop`, { collectionName: 'books_v1' })).json).toEqual({
			code: 65535,
			message: 'boom',
		});
		expect(Object.keys(emu.getCollections())).toContain('books_v1');
		expect((await post(`${C}/drop`, { collectionName: 'books_v1' })).json).toEqual(success);
	});
});

describe('behaviour overrides for releases between the profiles', () => {
	it('2.5.0-2.5.4 drop the aliases with the collection; 2.6.12-2.6.18 refuse with 65535', async () => {
		emu = await startEmulator({
			profile: '2.5',
			behaviour: { dropCollectionWithAliases: 'removeAliases' },
			databases: { default: { collections: { books_v1: {} }, aliases: { books: 'books_v1' } } },
		});
		expect((await post(`${C}/drop`, { collectionName: 'books_v1' })).json).toEqual({
			code: 0,
			data: {},
		});
		expect(emu.getAliases()).toEqual({});
		await emu.close();
		emu = await startEmulator({
			profile: '2.6.12+',
			behaviour: { dropCollectionWithAliases: 'refuse65535' },
			databases: { default: { collections: { books_v1: {} }, aliases: { books: 'books_v1' } } },
		});
		expect((await post(`${C}/drop`, { collectionName: 'books' })).json).toEqual({
			code: 65535,
			message: 'cannot drop the collection via alias = books',
		});
		expect((await post(`${C}/drop`, { collectionName: 'books_v1' })).json?.code).toBe(65535);
	});
});

describe('setLoadAfterPolls', () => {
	it('a load started by collections/load answers Loading that many polls, then Loaded', async () => {
		emu = await startEmulator({
			databases: { default: { collections: { books_v1: { loaded: false }, books_v2: {} } } },
		});
		emu.setLoadAfterPolls(2);
		expect((await post(`${C}/load`, { collectionName: 'books_v1' })).json).toEqual({
			code: 0,
			data: {},
		});
		const loading = { loadProgress: 0, loadState: 'LoadStateLoading' };
		expect(await loadState('books_v1')).toEqual(loading);
		expect(await loadState('books_v1')).toEqual(loading);
		expect(await loadState('books_v1')).toEqual(LOADED);
		await post(`${C}/load`, { collectionName: 'books_v2' }); // already loaded: stays loaded
		expect(await loadState('books_v2')).toEqual(LOADED);
		emu.setLoadAfterPolls(0);
		await post(`${C}/release`, { collectionName: 'books_v1' });
		await post(`${C}/load`, { collectionName: 'books_v1' });
		expect(await loadState('books_v1')).toEqual(LOADED);
		expect(() => emu.setLoadAfterPolls(-1)).toThrow(
			'emulator: load polls must be a whole number >= 0',
		);
	});
});
