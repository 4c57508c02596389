// The alias endpoints (create, alter, drop, describe, list) and database resolution, on the default profile.
import { startEmulator } from '../../../tooling/emulator';
import type { MilvusEmulator } from '../../../tooling/emulator';

import { A, C, JSON_CT, call, closeAgent } from './http';
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

	// internal/proxy/task_alias.go and internal/rootcoord/meta_table.go (v2.5.27, v2.6.19); texts from
	// pkg/util/merr/errors.go; binding from internal/distributed/proxy/httpserver/handler_v2.go wrapperPost.
	describe('aliases/create', () => {
		it('creates an alias, answers {"code":0,"data":{}} with the JSON content type', async () => {
			const r = await post(`${A}/create`, { aliasName: 'books', collectionName: 'books_v1' });
			expect(r.status).toBe(200);
			expect(r.headers['content-type']).toBe(JSON_CT);
			expect(r.text).toBe('{"code":0,"data":{}}');
			expect(emu.getAliases('default')).toEqual({ books: 'books_v1' });
			expect(emu.getAliases('other')).toEqual({});
		});

		it('is idempotent for the same target and answers 1602 for another target', async () => {
			await post(`${A}/create`, { aliasName: 'books', collectionName: 'books_v1' });
			const same = await post(`${A}/create`, { aliasName: 'books', collectionName: 'books_v1' });
			expect(same.json).toEqual({ code: 0, data: {} });
			const other = await post(`${A}/create`, { aliasName: 'books', collectionName: 'books_v2' });
			expect(other.status).toBe(200);
			expect(other.json).toEqual({
				code: 1602,
				message:
					'books is alias to another collection: books_v1: alias already exist[database=default][alias=books]',
			});
			expect(emu.getAliases('default')).toEqual({ books: 'books_v1' });
		});

		it('answers 1601 when the alias is a collection name', async () => {
			const r = await post(`${A}/create`, { aliasName: 'books_v2', collectionName: 'books_v1' });
			expect(r.json).toEqual({
				code: 1601,
				message: 'alias and collection name conflict[database=default][alias=books_v2]',
			});
		});

		// An alias as the target differs by version: profiles.test.ts.
		it('answers 100 with the database for a missing collection', async () => {
			const r = await post(`${A}/create`, { aliasName: 'books', collectionName: 'nope' });
			expect(r.json).toEqual({
				code: 100,
				message: 'collection not found[database=default][collection=nope]',
			});
			expect(emu.getAliases()).toEqual({});
		});

		it('validates the alias ("collection alias") and then the collection ("collection name") with 1100', async () => {
			const cases: Array<[Record<string, string>, string]> = [
				[
					{ aliasName: '1books', collectionName: 'books_v1' },
					'Invalid collection alias: 1books.  the first character of a collection alias must be an underscore or letter: invalid parameter',
				],
				[
					{ aliasName: 'bo-oks', collectionName: 'books_v1' },
					'Invalid collection alias: bo-oks.  collection alias can only contain numbers, letters and underscores: invalid parameter',
				],
				[
					{ aliasName: ' books', collectionName: 'books_v1' },
					'Invalid collection alias:  books.  the first character of a collection alias must be an underscore or letter: invalid parameter',
				],
				[
					{ aliasName: 'x'.repeat(256), collectionName: 'books_v1' },
					`Invalid collection alias: ${'x'.repeat(256)}.  the length of a collection alias must be less than 255 characters: invalid parameter`,
				],
				[
					{ aliasName: '1bad', collectionName: 'bad name' },
					'Invalid collection alias: 1bad.  the first character of a collection alias must be an underscore or letter: invalid parameter',
				],
				[
					{ aliasName: 'books', collectionName: 'bad name' },
					'Invalid collection name: bad name.  collection name can only contain numbers, letters and underscores: invalid parameter',
				],
				[
					{ aliasName: 'books', collectionName: 'é' },
					'Invalid collection name: é.  the first character of a collection name must be an underscore or letter: invalid parameter',
				],
			];
			for (const [body, message] of cases) {
				const r = await post(`${A}/create`, body);
				expect(r.status).toBe(200);
				expect(r.json).toEqual({ code: 1100, message });
			}
			expect(emu.getAliases()).toEqual({});
			// 255 bytes and a leading underscore are fine (then the collection check runs).
			const longest = await post(`${A}/create`, {
				aliasName: '_' + 'x'.repeat(254),
				collectionName: 'books_v1',
			});
			expect(longest.json).toEqual({ code: 0, data: {} });
		});

		it('answers 1802 naming AliasCollectionReq fields for missing or empty required fields', async () => {
			const both = await post(`${A}/create`, {});
			expect(both.json).toEqual({
				code: 1802,
				message:
					"missing required parameters, error: Key: 'AliasCollectionReq.CollectionName' Error:Field validation for 'CollectionName' failed on the 'required' tag\n" +
					"Key: 'AliasCollectionReq.AliasName' Error:Field validation for 'AliasName' failed on the 'required' tag",
			});
			const emptyAlias = await post(`${A}/create`, { aliasName: '', collectionName: 'books_v1' });
			expect(emptyAlias.json).toEqual({
				code: 1802,
				message:
					"missing required parameters, error: Key: 'AliasCollectionReq.AliasName' Error:Field validation for 'AliasName' failed on the 'required' tag",
			});
			const nullBody = await post(`${A}/alter`, 'null');
			expect(nullBody.json?.code).toBe(1802);
		});

		it('answers 1801 for malformed JSON, wrong types and non-object bodies', async () => {
			const prefix = 'can only accept json format request, error: ';
			const cases: Array<[string, string]> = [
				[
					'{"aliasName": 123, "collectionName": "books_v1"}',
					'json: cannot unmarshal number into Go struct field AliasCollectionReq.aliasName of type string',
				],
				[
					'{"aliasName": "a", "dbName": true, "collectionName": "books_v1"}',
					'json: cannot unmarshal bool into Go struct field AliasCollectionReq.dbName of type string',
				],
				[
					'[{"aliasName": "a"}]',
					'json: cannot unmarshal array into Go value of type httpserver.AliasCollectionReq',
				],
				[
					'"books"',
					'json: cannot unmarshal string into Go value of type httpserver.AliasCollectionReq',
				],
				['{"aliasName": "a"', 'unexpected EOF'],
				['aliasName=a', "invalid character 'a' looking for beginning of value"],
			];
			for (const [body, detail] of cases) {
				const r = await post(`${A}/create`, body);
				expect(r.status).toBe(200);
				expect(r.json).toEqual({ code: 1801, message: prefix + detail });
			}
			expect(emu.getAliases()).toEqual({});
		});

		it('answers the special 1801 message for an empty or whitespace-only body', async () => {
			for (const body of [undefined, '', '  \n']) {
				const r = await post(`${A}/create`, body);
				expect(r.json).toEqual({
					code: 1801,
					message:
						'can only accept json format request, the request body should be nil, however {} is valid',
				});
			}
		});

		it('decodes like Go: unknown fields ignored, keys case-insensitive, trailing data after the object ignored', async () => {
			const r = await post(
				`${A}/create`,
				'{"AliasName":"books","collectionName":"books_v1","extra":[1,2]} trailing',
			);
			expect(r.json).toEqual({ code: 0, data: {} });
			expect(emu.getAliases()).toEqual({ books: 'books_v1' });
		});
	});

	// internal/proxy/task_alias.go AlterAliasTask, internal/rootcoord/meta_table.go AlterAlias (v2.5.27).
	describe('aliases/alter', () => {
		it('repoints an existing alias and is a no-op for the same target', async () => {
			emu.setAlias('default', 'books', 'books_v1');
			const r = await post(`${A}/alter`, { aliasName: 'books', collectionName: 'books_v2' });
			expect(r.text).toBe('{"code":0,"data":{}}');
			expect(emu.getAliases()).toEqual({ books: 'books_v2' });
			const again = await post(`${A}/alter`, { aliasName: 'books', collectionName: 'books_v2' });
			expect(again.json).toEqual({ code: 0, data: {} });
		});

		it('answers 1600 for a missing alias and never creates it', async () => {
			const r = await post(`${A}/alter`, { aliasName: 'books', collectionName: 'books_v2' });
			expect(r.json).toEqual({
				code: 1600,
				message: 'alias not found[database=default][alias=books]',
			});
			expect(emu.getAliases()).toEqual({});
		});

		it('answers 100 without the database field for a missing collection, 1601 for a collection name', async () => {
			emu.setAlias('default', 'books', 'books_v1');
			const missing = await post(`${A}/alter`, { aliasName: 'books', collectionName: 'books_v9' });
			expect(missing.json).toEqual({
				code: 100,
				message: 'collection not found[collection=books_v9]',
			});
			const conflict = await post(`${A}/alter`, {
				aliasName: 'books_v2',
				collectionName: 'books_v1',
			});
			expect(conflict.json).toEqual({
				code: 1601,
				message: 'alias and collection name conflict[database=default][alias=books_v2]',
			});
			expect(emu.getAliases()).toEqual({ books: 'books_v1' });
		});
	});

	// internal/rootcoord/meta_table.go DropAlias/DescribeAlias/ListAliases, request_v2.go AliasReq and
	// OptionalCollectionNameReq (v2.5.27).
	describe('aliases/drop, describe, list', () => {
		it('drop removes the alias, is idempotent, and leaves a collection of that name alone', async () => {
			emu.setAlias('default', 'books', 'books_v1');
			expect((await post(`${A}/drop`, { aliasName: 'books' })).text).toBe('{"code":0,"data":{}}');
			expect(emu.getAliases()).toEqual({});
			expect((await post(`${A}/drop`, { aliasName: 'books' })).json).toEqual({ code: 0, data: {} });
			expect((await post(`${A}/drop`, { aliasName: 'books_v1' })).json).toEqual({
				code: 0,
				data: {},
			});
			expect(Object.keys(emu.getCollections())).toEqual(['books_v1', 'books_v2']);
		});

		it('drop and describe use the AliasReq struct for 1802 and validate the alias with 1100', async () => {
			const message =
				"missing required parameters, error: Key: 'AliasReq.AliasName' Error:Field validation for 'AliasName' failed on the 'required' tag";
			expect((await post(`${A}/drop`, { collectionName: 'books_v1' })).json).toEqual({
				code: 1802,
				message,
			});
			expect((await post(`${A}/describe`, { aliasName: '' })).json).toEqual({
				code: 1802,
				message,
			});
			expect((await post(`${A}/describe`, { aliasName: 'a b' })).json).toEqual({
				code: 1100,
				message:
					'Invalid collection alias: a b.  collection alias can only contain numbers, letters and underscores: invalid parameter',
			});
		});

		it('describe returns dbName, collectionName, aliasName with the resolved database; 1600 when missing', async () => {
			emu.setAlias('default', 'books', 'books_v2');
			const r = await post(`${A}/describe`, { aliasName: 'books' });
			expect(r.text).toBe(
				'{"code":0,"data":{"aliasName":"books","collectionName":"books_v2","dbName":"default"}}',
			);
			const missing = await post(`${A}/describe`, { aliasName: 'films' });
			expect(missing.json).toEqual({
				code: 1600,
				message: 'alias not found[database=default][alias=films]',
			});
		});

		it('list returns names only ([] when empty), filters by collection, 100 for a missing filter', async () => {
			expect((await post(`${A}/list`, {})).text).toBe('{"code":0,"data":[]}');
			emu.setAlias('default', 'books', 'books_v1');
			emu.setAlias('default', 'latest', 'books_v2');
			emu.setAlias('default', 'stable', 'books_v1');
			expect((await post(`${A}/list`, {})).json).toEqual({
				code: 0,
				data: ['books', 'latest', 'stable'],
			});
			expect((await post(`${A}/list`, { collectionName: '' })).json?.data).toEqual([
				'books',
				'latest',
				'stable',
			]);
			expect((await post(`${A}/list`, { collectionName: 'books_v1' })).json).toEqual({
				code: 0,
				data: ['books', 'stable'],
			});
			expect((await post(`${A}/list`, { collectionName: 'nope' })).json).toEqual({
				code: 100,
				message: 'collection not found[collection=nope]',
			});
			expect((await post(`${A}/list`, { collectionName: '9x' })).json?.code).toBe(1100);
		});
	});

	// internal/distributed/proxy/httpserver/handler_v2.go wrapperPost: body dbName → DB-Name → default (v2.5.27).
	describe('database resolution', () => {
		it('uses body dbName, then the DB-Name header, then default; aliases are per database', async () => {
			await post(`${A}/create`, {
				dbName: 'other',
				aliasName: 'books',
				collectionName: 'books_v1',
			});
			expect(emu.getAliases('other')).toEqual({ books: 'books_v1' });
			expect(emu.getAliases('default')).toEqual({});

			const viaHeader = await post(`${A}/describe`, { aliasName: 'books' }, { 'DB-Name': 'other' });
			expect(viaHeader.json?.data).toEqual({
				aliasName: 'books',
				collectionName: 'books_v1',
				dbName: 'other',
			});
			const emptyDbName = await post(
				`${A}/describe`,
				{ aliasName: 'books', dbName: '' },
				{ 'DB-Name': 'other' },
			);
			expect(emptyDbName.json?.data).toEqual({
				aliasName: 'books',
				collectionName: 'books_v1',
				dbName: 'other',
			});
			const bodyWins = await post(
				`${A}/describe`,
				{ aliasName: 'books', dbName: 'default' },
				{ 'DB-Name': 'other' },
			);
			expect(bodyWins.json).toEqual({
				code: 1600,
				message: 'alias not found[database=default][alias=books]',
			});

			await post(`${A}/create`, { aliasName: 'books', collectionName: 'books_v2' });
			expect(emu.getAliases('default')).toEqual({ books: 'books_v2' });
		});

		it('answers 800 for an unknown database on every alias endpoint and collections/list', async () => {
			const expected = { code: 800, message: 'database not found[database=nodb]' };
			const bodies: Array<[string, Record<string, string>]> = [
				[`${A}/create`, { aliasName: 'a', collectionName: 'books_v1' }],
				[`${A}/alter`, { aliasName: 'a', collectionName: 'books_v1' }],
				[`${A}/drop`, { aliasName: 'a' }],
				[`${A}/describe`, { aliasName: 'a' }],
				[`${A}/list`, {}],
				[`${C}/list`, {}],
			];
			for (const [path, body] of bodies) {
				expect((await post(path, { ...body, dbName: 'nodb' })).json).toEqual(expected);
			}
			expect((await post(`${A}/list`, {}, { 'DB-Name': 'nodb' })).json).toEqual(expected);
		});
	});
});
