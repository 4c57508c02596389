// The collection endpoints on the default profile, and the state helpers tests seed with.
import { startEmulator } from '../../../tooling/emulator';
import type { MilvusEmulator } from '../../../tooling/emulator';

import { C, call, closeAgent } from './http';
import { SEED } from './seed';

afterAll(closeAgent);

let emu: MilvusEmulator;
const post = async (path: string, body?: unknown, headers?: Record<string, string>) =>
	await call(emu.url, path, { body, headers });

describe('Milvus emulator', () => {
	beforeEach(async () => {
		emu = await startEmulator({ databases: SEED });
	});
	afterEach(async () => {
		await emu.close();
	});

	// internal/distributed/proxy/httpserver/handler_v2.go listCollections, getCollectionLoadState,
	// dropCollection; internal/rootcoord/drop_collection_task.go (v2.5.27).
	describe('collection endpoints', () => {
		it('collections/list returns the collection names of the resolved database', async () => {
			expect((await post(`${C}/list`, {})).text).toBe('{"code":0,"data":["books_v1","books_v2"]}');
			expect((await post(`${C}/list`, { dbName: 'other' })).json).toEqual({
				code: 0,
				data: ['books_v1'],
			});
			emu.addDatabase('empty');
			expect((await post(`${C}/list`, {}, { 'DB-Name': 'empty' })).json).toEqual({
				code: 0,
				data: [],
			});
		});

		it('collections/get_load_state reports loaded, not loaded and loading; aliases resolve', async () => {
			const loaded = await post(`${C}/get_load_state`, { collectionName: 'books_v1' });
			expect(loaded.json).toEqual({
				code: 0,
				data: { loadProgress: 100, loadState: 'LoadStateLoaded' },
				message: '',
			});
			expect((await post(`${C}/get_load_state`, { collectionName: 'books_v2' })).text).toBe(
				'{"code":0,"data":{"loadState":"LoadStateNotLoad"}}',
			);
			emu.setLoadState('default', 'books_v2', 'LoadStateLoading', 42);
			expect(
				(await post(`${C}/get_load_state`, { collectionName: 'books_v2' })).json?.data,
			).toEqual({
				loadProgress: 42,
				loadState: 'LoadStateLoading',
			});
			emu.setLoaded('default', 'books_v2', true);
			emu.setAlias('default', 'books', 'books_v2');
			expect((await post(`${C}/get_load_state`, { collectionName: 'books' })).json?.data).toEqual({
				loadProgress: 100,
				loadState: 'LoadStateLoaded',
			});
			emu.setLoaded('default', 'books_v2', false);
			expect(
				(await post(`${C}/get_load_state`, { collectionName: 'books_v2' })).json?.data,
			).toEqual({
				loadState: 'LoadStateNotLoad',
			});
		});

		it('collections/get_load_state: 100 for a missing collection, 1802 without collectionName', async () => {
			expect((await post(`${C}/get_load_state`, { collectionName: 'nope' })).json).toEqual({
				code: 100,
				message: 'collection not found[database=default][collection=nope]',
			});
			expect((await post(`${C}/get_load_state`, {})).json).toEqual({
				code: 1802,
				message:
					"missing required parameters, error: Key: 'CollectionNameReq.CollectionName' Error:Field validation for 'CollectionName' failed on the 'required' tag",
			});
		});

		// An alias name and a collection that still has aliases differ by version: retire.test.ts.
		it('collections/drop refuses an alias name (1100 on the default 2.6.12+), else drops it, idempotently', async () => {
			emu.setAlias('default', 'books', 'books_v1');
			expect((await post(`${C}/drop`, { collectionName: 'books' })).json).toEqual({
				code: 1100,
				message: 'cannot drop the collection via alias = books: invalid parameter',
			});
			expect((await post(`${C}/drop`, { collectionName: 'books_v2' })).json).toEqual({
				code: 0,
				data: {},
			});
			expect(Object.keys(emu.getCollections())).toEqual(['books_v1']);
			expect(emu.getAliases()).toEqual({ books: 'books_v1' });
			expect((await post(`${C}/drop`, { collectionName: 'books_v2' })).json).toEqual({
				code: 0,
				data: {},
			});
		});
	});

	describe('helpers', () => {
		it('seed aliases, setAlias/addCollection guards, dropCollection removes aliases', async () => {
			const seeded = await startEmulator({
				databases: {
					default: { collections: { a_v1: {}, a_v2: { loaded: false } }, aliases: { a: 'a_v1' } },
				},
			});
			try {
				expect(seeded.getAliases()).toEqual({ a: 'a_v1' });
				expect(seeded.getCollections()).toEqual({
					a_v1: { loadState: 'LoadStateLoaded', loadProgress: 100 },
					a_v2: { loadState: 'LoadStateNotLoad' },
				});
				expect(() => seeded.setAlias('default', 'b', 'missing')).toThrow();
				expect(() => seeded.setAlias('nodb', 'b', 'a_v1')).toThrow();
				expect(() => seeded.setAlias('default', 'a_v2', 'a_v1')).toThrow();
				expect(() => seeded.addCollection('default', 'a')).toThrow();
				seeded.addCollection('db2', 'c1', { loaded: true });
				expect(seeded.getDatabases()).toEqual(['default', 'db2']);
				seeded.dropCollection('default', 'a_v1');
				expect(seeded.getAliases()).toEqual({});
				expect(Object.keys(seeded.getCollections())).toEqual(['a_v2']);
			} finally {
				await seeded.close();
			}
		});
	});
});
