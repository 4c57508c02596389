import { sleep } from 'n8n-workflow';
import { Agent } from 'undici';

import { main, parseArgs } from '../../../tooling/emulator/cli';
import { startEmulator } from '../../../tooling/emulator';
import type { EmulatorOptions, MilvusEmulator } from '../../../tooling/emulator';
import { cert, key } from '../../../tooling/emulator/tls';

import { A, C, JSON_CT, call, closeAgent } from './http';

afterAll(closeAgent);

const seed: EmulatorOptions['databases'] = {
	default: { collections: { books_v1: { loaded: true }, books_v2: { loaded: false } } },
	other: { collections: { books_v1: { loaded: true } } },
};

let emu: MilvusEmulator;
const post = async (path: string, body?: unknown, headers?: Record<string, string>) =>
	await call(emu.url, path, { body, headers });

describe('Milvus emulator', () => {
	beforeEach(async () => {
		emu = await startEmulator({ databases: seed });
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

	// gin's router (RedirectTrailingSlash, plain-text 404) and the CORS middleware in
	// internal/distributed/proxy/service.go (v2.5.27).
	describe('routing', () => {
		it('answers gin 404 plain text for unknown paths and non-POST methods', async () => {
			for (const [method, path] of [
				['POST', `${A}/swap`],
				['POST', '/v1/vector/collections'],
				['GET', `${A}/list`],
				['PUT', `${A}/create`],
				['POST', `/${A}/list`],
			]) {
				const r = await call(emu.url, path, { method, body: method === 'GET' ? undefined : '{}' });
				expect(r.status).toBe(404);
				expect(r.headers['content-type']).toBe('text/plain');
				expect(r.text).toBe('404 page not found');
			}
		});

		it('answers OPTIONS with 204 and CORS headers; a trailing slash with a 307 redirect', async () => {
			const options = await call(emu.url, `${A}/create`, { method: 'OPTIONS' });
			expect(options.status).toBe(204);
			expect(options.headers['access-control-allow-origin']).toBe('*');
			const redirect = await call(emu.url, `${A}/list/`, { body: {} });
			expect(redirect.status).toBe(307);
			expect(redirect.headers.location).toBe(`${A}/list`);
		});

		it('records every request with method, path, lower-case headers, raw and parsed body', async () => {
			const before = Date.now();
			await post(`${A}/list?x=1`, { dbName: 'default' }, { 'X-Custom': 'Yes' });
			await post(`${A}/create`, 'not json');
			await call(emu.url, '/nowhere', { method: 'GET' });
			expect(emu.requests).toHaveLength(3);
			const [first, second, third] = emu.requests;
			expect(first.method).toBe('POST');
			expect(first.path).toBe(`${A}/list`);
			expect(first.url).toBe(`${A}/list?x=1`);
			expect(first.headers['x-custom']).toBe('Yes');
			expect(first.headers['content-type']).toBe('application/json');
			expect(first.rawBody).toBe('{"dbName":"default"}');
			expect(first.body).toEqual({ dbName: 'default' });
			expect(first.at).toBeGreaterThanOrEqual(before);
			expect(second.rawBody).toBe('not json');
			expect(second.body).toBeUndefined();
			expect(third.method).toBe('GET');
			emu.clearRequests();
			expect(emu.requests).toHaveLength(0);
		});
	});

	describe('faults', () => {
		it('status: answers the HTTP status and body once, then the real answer', async () => {
			emu.injectFault({ kind: 'status', status: 503 });
			const faulted = await post(`${A}/list`, {});
			expect(faulted.status).toBe(503);
			expect(faulted.text).toBe('upstream unavailable');
			expect((await post(`${A}/list`, {})).json).toEqual({ code: 0, data: [] });
			emu.injectFault({ kind: 'status', status: 502, body: 'Bad Gateway', times: 2 });
			expect((await post(`${A}/list`, {})).status).toBe(502);
			expect((await post(`${A}/list`, {})).text).toBe('Bad Gateway');
			expect((await post(`${A}/list`, {})).status).toBe(200);
			expect(emu.requests).toHaveLength(5);
		});

		it('code: answers {code, message} with the given status; matches only its path; state untouched', async () => {
			emu.injectFault({
				kind: 'code',
				code: 1807,
				message: 'request is rejected by limiter',
				path: `${A}/create`,
			});
			emu.injectFault({ kind: 'code', code: 10001, status: 408, path: 'aliases/create' });
			expect((await post(`${A}/list`, {})).json).toEqual({ code: 0, data: [] });
			const limited = await post(`${A}/create`, { aliasName: 'books', collectionName: 'books_v1' });
			expect(limited.status).toBe(200);
			expect(limited.json).toEqual({ code: 1807, message: 'request is rejected by limiter' });
			const timeout = await post(`${A}/create`, { aliasName: 'books', collectionName: 'books_v1' });
			expect(timeout.status).toBe(408);
			expect(timeout.json).toEqual({ code: 10001, message: 'request timeout' });
			expect(emu.getAliases()).toEqual({});
			expect(
				(await post(`${A}/create`, { aliasName: 'books', collectionName: 'books_v1' })).json?.code,
			).toBe(0);
		});

		it('applyFirst: the operation takes effect, then the fault answers', async () => {
			emu.injectFault({ kind: 'code', code: 10001, status: 408, applyFirst: true });
			const r = await post(`${A}/create`, { aliasName: 'books', collectionName: 'books_v1' });
			expect(r.status).toBe(408);
			expect(emu.getAliases()).toEqual({ books: 'books_v1' });
			emu.injectFault({ kind: 'status', status: 502, applyFirst: true, path: `${A}/alter` });
			expect(
				(await post(`${A}/alter`, { aliasName: 'books', collectionName: 'books_v2' })).status,
			).toBe(502);
			expect(emu.getAliases()).toEqual({ books: 'books_v2' });
			emu.injectFault({ kind: 'status', status: 502, path: `${A}/drop` });
			expect((await post(`${A}/drop`, { aliasName: 'books' })).status).toBe(502);
			expect(emu.getAliases()).toEqual({ books: 'books_v2' });
		});

		it('nonJson: answers non-JSON text', async () => {
			emu.injectFault({ kind: 'nonJson' });
			const r = await post(`${A}/list`, {});
			expect(r.status).toBe(200);
			expect(r.text).toBe('<html>oops</html>');
			expect(r.json).toBeUndefined();
			emu.injectFault({ kind: 'nonJson', status: 502, body: 'gateway says no' });
			expect(await post(`${A}/list`, {})).toMatchObject({ status: 502, text: 'gateway says no' });
		});

		it('hang: never answers (the client times out), state untouched unless applyFirst', async () => {
			emu.injectFault({ kind: 'hang', path: `${A}/create` });
			await expect(
				call(emu.url, `${A}/create`, {
					body: { aliasName: 'books', collectionName: 'books_v1' },
					headersTimeout: 200,
				}),
			).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
			expect(emu.getAliases()).toEqual({});
			emu.injectFault({ kind: 'hang', applyFirst: true });
			await expect(
				call(emu.url, `${A}/create`, {
					body: { aliasName: 'books', collectionName: 'books_v1' },
					signal: AbortSignal.timeout(150),
				}),
			).rejects.toThrow();
			expect(emu.getAliases()).toEqual({ books: 'books_v1' });
			expect(emu.requests).toHaveLength(2);
		});

		it('hang ends when the emulator closes', async () => {
			const other = await startEmulator();
			other.injectFault({ kind: 'hang' });
			const pending = call(other.url, `${A}/list`, { body: {} });
			const outcome = pending.then(
				() => 'answered',
				() => 'failed',
			);
			for (let i = 0; i < 100 && other.requests.length === 0; i++) await sleep(10);
			expect(other.requests).toHaveLength(1);
			await other.close();
			expect(await outcome).toBe('failed');
		});

		it('reset: destroys the connection without an answer', async () => {
			emu.injectFault({ kind: 'reset' });
			await expect(post(`${A}/list`, {})).rejects.toMatchObject({ code: 'ECONNRESET' });
			expect(emu.requests).toHaveLength(1);
			expect((await post(`${A}/list`, {})).json).toEqual({ code: 0, data: [] });
		});

		it('clearFaults drops queued faults; unknown kinds are rejected', async () => {
			emu.injectFault({ kind: 'status', status: 500, times: 3 });
			emu.clearFaults();
			expect((await post(`${A}/list`, {})).status).toBe(200);
			expect(() =>
				emu.injectFault({ kind: 'boom' } as unknown as Parameters<
					MilvusEmulator['injectFault']
				>[0]),
			).toThrow();
		});

		it('setLatency delays every answer', async () => {
			emu.setLatency(150);
			const start = Date.now();
			await post(`${A}/list`, {});
			expect(Date.now() - start).toBeGreaterThanOrEqual(140);
			emu.setLatency(0);
		});

		it('setChangeTime: alias changes wait in line, one at a time; reads do not wait', async () => {
			emu.setChangeTime(80);
			const start = Date.now();
			const doneAt: Record<string, number> = {};
			const timed = async (name: string, path: string, body: unknown) => {
				const answer = await post(path, body);
				doneAt[name] = Date.now() - start;
				return answer.json;
			};
			const answers = await Promise.all([
				timed('create a', `${A}/create`, { aliasName: 'a', collectionName: 'books_v1' }),
				timed('create b', `${A}/create`, { aliasName: 'b', collectionName: 'books_v1' }),
				timed('create c', `${A}/create`, { aliasName: 'c', collectionName: 'books_v1' }),
				timed('list', `${A}/list`, {}),
			]);
			emu.setChangeTime(0);
			expect(answers.slice(0, 3)).toEqual([
				{ code: 0, data: {} },
				{ code: 0, data: {} },
				{ code: 0, data: {} },
			]);
			// Three changes in line take three change times; the list did not wait for them.
			expect(
				Math.max(doneAt['create a'], doneAt['create b'], doneAt['create c']),
			).toBeGreaterThanOrEqual(230);
			expect(doneAt.list).toBeLessThan(
				Math.max(doneAt['create a'], doneAt['create b'], doneAt['create c']),
			);
			expect(() => emu.setChangeTime(-1)).toThrow(/change time/);
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

// internal/distributed/proxy/httpserver/handler_v2.go v2.4.0-v2.4.2 (success code 200).
describe('legacy success code and path prefix', () => {
	it('legacySuccessCode answers "code":200 on success, errors unchanged', async () => {
		const legacy = await startEmulator({ legacySuccessCode: true, databases: seed });
		try {
			expect(
				(
					await call(legacy.url, `${A}/create`, {
						body: { aliasName: 'b', collectionName: 'books_v1' },
					})
				).text,
			).toBe('{"code":200,"data":{}}');
			expect((await call(legacy.url, `${A}/list`, { body: {} })).json).toEqual({
				code: 200,
				data: ['b'],
			});
			expect((await call(legacy.url, `${C}/list`, { body: {} })).json?.code).toBe(200);
			expect(
				(await call(legacy.url, `${A}/describe`, { body: { aliasName: 'x' } })).json?.code,
			).toBe(1600);
		} finally {
			await legacy.close();
		}
	});

	it('pathPrefix serves the API under the prefix only; faults match the path after the prefix', async () => {
		const prefixed = await startEmulator({ pathPrefix: '/milvus/', databases: seed });
		try {
			expect(prefixed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			const ok = await call(prefixed.url, `/milvus${A}/create`, {
				body: { aliasName: 'b', collectionName: 'books_v1' },
			});
			expect(ok.json).toEqual({ code: 0, data: {} });
			const unprefixed = await call(prefixed.url, `${A}/list`, { body: {} });
			expect(unprefixed.status).toBe(404);
			expect(unprefixed.text).toBe('404 page not found');
			prefixed.injectFault({ kind: 'status', status: 503, path: `${A}/list` });
			expect((await call(prefixed.url, `/milvus${A}/list`, { body: {} })).status).toBe(503);
			expect(prefixed.requests.map((r) => r.path)).toEqual([
				`/milvus${A}/create`,
				`${A}/list`,
				`/milvus${A}/list`,
			]);
		} finally {
			await prefixed.close();
		}
	});
});

// internal/distributed/proxy/service.go authenticate and httpserver/utils.go ParseUsernamePassword (v2.5.27).
describe('authentication', () => {
	let secured: MilvusEmulator;
	const unauthenticated = { code: 1800, message: "user hasn't authenticated" };
	const basic = (user: string, password: string) =>
		'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

	beforeAll(async () => {
		secured = await startEmulator({
			auth: { users: { root: 'Milvus', colon: 'pa:ss:word' }, apiKeys: ['key123'] },
			databases: seed,
		});
	});
	afterAll(async () => {
		await secured.close();
	});

	const list = async (headers: Record<string, string>, path = `${A}/list`) =>
		await call(secured.url, path, { body: {}, headers });

	it('rejects a missing header, a wrong password, an unknown user and an unknown API key with 401/1800', async () => {
		for (const authorization of [
			undefined,
			'Bearer root:wrong',
			'Bearer nobody:Milvus',
			'Bearer wrongkey',
			'Bearer ',
			'bearer root:Milvus',
			'Bearer root:',
		]) {
			const r = await list(authorization === undefined ? {} : { authorization });
			expect(r.status).toBe(401);
			expect(r.headers['content-type']).toBe(JSON_CT);
			expect(r.json).toEqual(unauthenticated);
			expect(r.headers['www-authenticate']).toBeUndefined();
		}
	});

	it('accepts Basic, Bearer user:pass (split at the first colon) and a listed API key', async () => {
		const basicOk = await list({ authorization: basic('root', 'Milvus') });
		expect(basicOk.json).toEqual({ code: 0, data: [] });
		expect(basicOk.headers['www-authenticate']).toBe('Basic realm="restricted", charset="UTF-8"');
		expect((await list({ authorization: 'Bearer root:Milvus' })).json?.code).toBe(0);
		expect((await list({ authorization: 'Bearer colon:pa:ss:word' })).json?.code).toBe(0);
		expect((await list({ authorization: basic('colon', 'pa:ss:word') })).json?.code).toBe(0);
		expect((await list({ authorization: 'Bearer key123' })).json?.code).toBe(0);
	});

	it('sets WWW-Authenticate on a failed Basic login', async () => {
		const r = await list({ authorization: basic('root', 'nope') });
		expect(r.status).toBe(401);
		expect(r.json).toEqual(unauthenticated);
		expect(r.headers['www-authenticate']).toBe('Basic realm="restricted", charset="UTF-8"');
	});

	it('authenticates before routing: 401 on an unknown path with bad credentials, 404 with good ones; OPTIONS is free', async () => {
		expect((await list({}, '/nowhere')).status).toBe(401);
		const found = await list({ authorization: 'Bearer root:Milvus' }, '/nowhere');
		expect(found.status).toBe(404);
		expect(found.text).toBe('404 page not found');
		expect((await call(secured.url, `${A}/list`, { method: 'OPTIONS' })).status).toBe(204);
	});

	it('ignores the Authorization header entirely when auth is disabled', async () => {
		const open = await startEmulator();
		try {
			for (const authorization of ['Bearer root:wrong', 'Basic !!!', 'garbage']) {
				const r = await call(open.url, `${A}/list`, { body: {}, headers: { authorization } });
				expect(r.status).toBe(200);
				expect(r.json).toEqual({ code: 0, data: [] });
				expect(r.headers['www-authenticate']).toBeUndefined();
			}
		} finally {
			await open.close();
		}
	});
});

describe('TLS', () => {
	it('serves HTTPS with the test certificate; a default client rejects it, a trusting one accepts it', async () => {
		const secure = await startEmulator({ tls: { key, cert }, databases: seed });
		const insecureAgent = new Agent({ connect: { rejectUnauthorized: false } });
		const caAgent = new Agent({ connect: { ca: cert } });
		const strictAgent = new Agent();
		try {
			expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
			const r = await call(secure.url, `${A}/list`, { body: {}, dispatcher: insecureAgent });
			expect(r.json).toEqual({ code: 0, data: [] });
			const trusted = await call(secure.url, `${C}/list`, { body: {}, dispatcher: caAgent });
			expect(trusted.json).toEqual({ code: 0, data: ['books_v1', 'books_v2'] });
			await expect(
				call(secure.url, `${A}/list`, { body: {}, dispatcher: strictAgent }),
			).rejects.toMatchObject({
				code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
			});
			secure.injectFault({ kind: 'reset' });
			await expect(
				call(secure.url, `${A}/list`, { body: {}, dispatcher: insecureAgent }),
			).rejects.toMatchObject({
				code: 'ECONNRESET',
			});
		} finally {
			await Promise.all([insecureAgent.destroy(), caAgent.destroy(), strictAgent.destroy()]);
			await secure.close();
		}
	});
});

describe('CLI', () => {
	it('parses arguments', () => {
		expect(
			parseArgs([
				'--port',
				'19530',
				'--auth',
				'root:Mil:vus',
				'--api-key',
				'k1',
				'--prefix',
				'/milvus',
			]),
		).toEqual({
			options: {
				port: 19530,
				pathPrefix: '/milvus',
				auth: { users: { root: 'Mil:vus' }, apiKeys: ['k1'] },
			},
			log: false,
		});
		expect(() => parseArgs(['--bogus'])).toThrow(/unknown argument/);
		expect(() => parseArgs(['--seed', 'nope'])).toThrow(/unknown --seed/);
		expect(() => parseArgs(['--auth', 'rootonly'])).toThrow();
		expect(parseArgs(['--profile', '2.4.0']).options.profile).toBe('2.4.0');
		expect(() => parseArgs(['--profile', '2.3'])).toThrow(
			'unknown --profile 2.3 (known: 2.4.0, 2.4, 2.5, 2.6, 2.6.12+, 3.0, zilliz-serverless)',
		);
		expect(() => parseArgs(['--help'])).toThrow(/\n {2}zilliz-serverless: Zilliz Cloud Serverless/);
	});

	it('starts a seeded emulator and prints MILVUS_EMULATOR_URL', async () => {
		const lines: string[] = [];
		const started = await main(['--seed', 'demo', '--auth', 'root:Milvus'], {
			write: (text) => lines.push(text),
		});
		try {
			expect(lines).toEqual([`MILVUS_EMULATOR_URL=${started.url}\n`]);
			expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			expect(started.getAliases()).toEqual({ products: 'products_v1' });
			const r = await call(started.url, `${A}/describe`, {
				body: { aliasName: 'products' },
				headers: { authorization: 'Bearer root:Milvus' },
			});
			expect(r.json?.data).toEqual({
				aliasName: 'products',
				collectionName: 'products_v1',
				dbName: 'default',
			});
			expect(
				(
					await call(started.url, `${C}/get_load_state`, {
						body: { collectionName: 'products_v2' },
						headers: { authorization: 'Bearer root:Milvus' },
					})
				).json?.data,
			).toEqual({
				loadProgress: 100,
				loadState: 'LoadStateLoaded',
			});
		} finally {
			await started.close();
		}
	});
});
