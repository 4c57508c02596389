// Collection endpoints the live suite and "Wait for Load" use, and load states that change on their own.
// Sources: internal/distributed/proxy/httpserver/handler_v2.go (createCollection quick setup,
// loadCollection, releaseCollection, hasCollection, getCollectionDetails, getCollectionLoadState) v2.5.27.
import { PROFILES, startEmulator } from '../../../tooling/emulator';
import type { MilvusEmulator } from '../../../tooling/emulator';

import { C, call, closeAgent } from './http';

afterAll(closeAgent);

let emu: MilvusEmulator;
const post = async (path: string, body?: unknown) => await call(emu.url, path, { body });
const loadState = async (collectionName: string) =>
	(await post(`${C}/get_load_state`, { collectionName })).json?.data;

afterEach(async () => {
	await emu?.close();
});

const LOADING = { loadProgress: 50, loadState: 'LoadStateLoading' };
const LOADED = { loadProgress: 100, loadState: 'LoadStateLoaded' };

describe('load state transitions', () => {
	it('loadAfterPolls: answers Loading that many times, then Loaded (also polled through an alias)', async () => {
		emu = await startEmulator({
			databases: {
				default: {
					collections: { books_v2: { loadAfterPolls: 2 } },
					aliases: { next: 'books_v2' },
				},
			},
		});
		expect(emu.getCollections()).toEqual({
			books_v2: { loadState: 'LoadStateLoading', loadProgress: 50 },
		});
		expect(await loadState('books_v2')).toEqual(LOADING);
		expect(await loadState('next')).toEqual(LOADING);
		expect(await loadState('books_v2')).toEqual(LOADED);
		expect(await loadState('books_v2')).toEqual(LOADED);
	});

	it('loadAfterMs: Loaded once the injected clock reaches it', async () => {
		let now = 1_000;
		emu = await startEmulator({ clock: () => now });
		emu.addCollection('default', 'books_v2', { loadAfterMs: 500, loadProgress: 10 });
		expect(await loadState('books_v2')).toEqual({
			loadProgress: 10,
			loadState: 'LoadStateLoading',
		});
		now = 1_499;
		expect(await loadState('books_v2')).toEqual({
			loadProgress: 10,
			loadState: 'LoadStateLoading',
		});
		now = 1_500;
		expect(await loadState('books_v2')).toEqual(LOADED);
	});

	it('a load without an end stays Loading until a test changes it with setLoadState', async () => {
		emu = await startEmulator();
		emu.addCollection('default', 'books_v2', { loadState: 'LoadStateLoading' });
		for (let i = 0; i < 10; i++) expect(await loadState('books_v2')).toEqual(LOADING);
		emu.setLoadState('default', 'books_v2', 'LoadStateLoaded');
		expect(await loadState('books_v2')).toEqual(LOADED);
		emu.setLoadState('default', 'books_v2', 'LoadStateNotLoad');
		expect(await loadState('books_v2')).toEqual({ loadState: 'LoadStateNotLoad' });
	});

	it('setLoadState replaces a load under way; bad seeds are refused', async () => {
		emu = await startEmulator();
		emu.addCollection('default', 'books_v2', { loadAfterPolls: 1 });
		emu.setLoadState('default', 'books_v2', 'LoadStateLoading', 70);
		for (let i = 0; i < 3; i++) {
			expect(await loadState('books_v2')).toEqual({
				loadProgress: 70,
				loadState: 'LoadStateLoading',
			});
		}
		expect(() => emu.addCollection('default', 'x', { loadAfterPolls: -1 })).toThrow(
			'emulator: loadAfterPolls must be a number >= 0',
		);
		expect(() => emu.setLoadState('default', 'nope', 'LoadStateLoaded')).toThrow(
			'emulator: collection nope does not exist in database default',
		);
	});
});

describe.each(PROFILES)('collection endpoints, profile %s', (profile) => {
	beforeEach(async () => {
		emu = await startEmulator({ profile });
	});

	it('create (quick setup) makes a loaded collection; again with the same dimension is a no-op', async () => {
		const created = await post(`${C}/create`, { collectionName: 'books_v3', dimension: 4 });
		expect(created.json?.data).toEqual({});
		expect([0, 200]).toContain(created.json?.code);
		expect(emu.getCollections()).toEqual({
			books_v3: { loadState: 'LoadStateLoaded', loadProgress: 100 },
		});
		expect(await loadState('books_v3')).toEqual(LOADED);
		expect(
			(await post(`${C}/create`, { collectionName: 'books_v3', dimension: 4 })).json?.data,
		).toEqual({});
		expect((await post(`${C}/create`, { collectionName: 'books_v3', dimension: 8 })).json).toEqual({
			code: 65535,
			message: 'create duplicate collection with different parameters, collection: books_v3',
		});
	});

	it('create refuses a missing dimension (1100), an invalid name (1100) and an alias name (65535)', async () => {
		expect((await post(`${C}/create`, { collectionName: 'books_v3' })).json).toEqual({
			code: 1100,
			message:
				'dimension is required for quickly create collection(default metric type: COSINE): invalid parameter[expected=collectionName & dimension][actual=collectionName]',
		});
		expect((await post(`${C}/create`, { collectionName: '3books', dimension: 4 })).json?.code).toBe(
			1100,
		);
		expect((await post(`${C}/create`, { collectionName: 'b', dimension: '4' })).json).toEqual({
			code: 1801,
			message:
				'can only accept json format request, error: json: cannot unmarshal string into Go struct field CollectionReq.dimension of type int64',
		});
		emu.addCollection('default', 'books_v1');
		emu.setAlias('default', 'books', 'books_v1');
		expect((await post(`${C}/create`, { collectionName: 'books', dimension: 4 })).json).toEqual({
			code: 65535,
			message:
				'collection name [books] conflicts with an existing alias, please choose a unique name',
		});
	});

	it('release, load, has and describe', async () => {
		emu.addCollection('default', 'books_v1');
		emu.setAlias('default', 'books', 'books_v1');
		expect((await post(`${C}/release`, { collectionName: 'books_v1' })).json?.data).toEqual({});
		expect(await loadState('books_v1')).toEqual({ loadState: 'LoadStateNotLoad' });
		expect((await post(`${C}/load`, { collectionName: 'books_v1' })).json?.data).toEqual({});
		expect(await loadState('books_v1')).toEqual(LOADED);
		expect((await post(`${C}/has`, { collectionName: 'books_v1' })).json?.data).toEqual({
			has: true,
		});
		expect((await post(`${C}/has`, { collectionName: 'nope' })).json?.data).toEqual({ has: false });
		expect((await post(`${C}/describe`, { collectionName: 'books' })).json?.data).toEqual({
			collectionName: 'books_v1',
			dbName: 'default',
			aliases: ['books'],
			load: 'LoadStateLoaded',
		});
		for (const route of ['load', 'release', 'describe']) {
			expect((await post(`${C}/${route}`, { collectionName: 'nope' })).json).toEqual({
				code: 100,
				message: 'collection not found[database=default][collection=nope]',
			});
		}
	});

	it('load keeps a load that is already under way', async () => {
		emu.addCollection('default', 'books_v2', { loadAfterPolls: 1 });
		await post(`${C}/load`, { collectionName: 'books_v2' });
		expect(await loadState('books_v2')).toEqual(LOADING);
		expect(await loadState('books_v2')).toEqual(LOADED);
	});
});
