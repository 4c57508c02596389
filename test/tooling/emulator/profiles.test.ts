// Each version profile pinned to the Milvus release it stands for. Every test names the Milvus source
// (file and tagged version) whose behaviour it pins.
import { sleep } from 'n8n-workflow';

import {
	DEFAULT_PROFILE,
	PROFILE_DESCRIPTIONS,
	PROFILES,
	isProfileName,
	startEmulator,
} from '../../../tooling/emulator';
import { resolveBehaviour } from '../../../tooling/emulator/profiles';
import type { EmulatorOptions, MilvusEmulator, ProfileName } from '../../../tooling/emulator';

import { A, C, call, closeAgent } from './http';

afterAll(closeAgent);

const seed: EmulatorOptions['databases'] = {
	default: { collections: { books_v1: {}, books_v2: {} } },
};

let emu: MilvusEmulator;
const post = async (path: string, body?: unknown, headers?: Record<string, string>) =>
	await call(emu.url, path, { body, headers });

async function start(profile: ProfileName, options: EmulatorOptions = {}): Promise<void> {
	emu = await startEmulator({ databases: seed, ...options, profile });
}

afterEach(async () => {
	await emu?.close();
});

function pick<T>(profile: ProfileName, values: Record<ProfileName, T>): T {
	return values[profile];
}

describe('profile list', () => {
	it('names seven profiles, each with a one-line description; no profile means the latest 2.6', async () => {
		expect([...PROFILES]).toEqual([
			'2.4.0',
			'2.4',
			'2.5',
			'2.6',
			'2.6.12+',
			'3.0',
			'zilliz-serverless',
		]);
		for (const profile of PROFILES) {
			expect(PROFILE_DESCRIPTIONS[profile]).toMatch(/^\S.{10,300}$/);
			expect(isProfileName(profile)).toBe(true);
		}
		expect(isProfileName('2.3')).toBe(false);
		expect(DEFAULT_PROFILE).toBe('2.6.12+');
		emu = await startEmulator();
		expect(emu.profile).toBe('2.6.12+');
		await expect(startEmulator({ profile: '2.3' as ProfileName })).rejects.toThrow(
			/unknown profile 2\.3; use one of 2\.4\.0, 2\.4, /,
		);
	});
});

describe.each(PROFILES)('profile %s', (profile) => {
	// handler_v2.go: code 200 on success in v2.4.0-v2.4.2, 0 from v2.4.3 (commit of 2024-05-27).
	it('success code (handler_v2.go v2.4.0 vs v2.4.3)', async () => {
		await start(profile);
		const r = await post(`${A}/create`, { aliasName: 'books', collectionName: 'books_v1' });
		const code = profile === '2.4.0' ? 200 : 0;
		expect(r.text).toBe(`{"code":${code},"data":{}}`);
		expect((await post(`${A}/list`, {})).json).toEqual({ code, data: ['books'] });
	});

	// handler_v2.go wrapperPost checks the database at the REST layer in all of v2.4.x; v2.5.27 leaves it
	// to rootcoord (merr format) and collections/get_load_state answers 100 there.
	it('missing database (handler_v2.go v2.4.15 vs v2.5.27)', async () => {
		if (profile === 'zilliz-serverless') return; // no databases at all: see its own test
		await start(profile);
		const aliasRoutes: Array<[string, Record<string, string>]> = [
			[`${A}/create`, { aliasName: 'books', collectionName: 'books_v1' }],
			[`${A}/alter`, { aliasName: 'books', collectionName: 'books_v1' }],
			[`${A}/describe`, { aliasName: 'books' }],
			[`${A}/drop`, { aliasName: 'books' }],
			[`${A}/list`, {}],
			[`${C}/list`, {}],
		];
		const restLayer = profile === '2.4.0' || profile === '2.4';
		for (const [path, body] of aliasRoutes) {
			expect({ path, json: (await post(path, { ...body, dbName: 'archive' })).json }).toEqual({
				path,
				json: {
					code: 800,
					message: restLayer
						? 'database not found, database: archive'
						: 'database not found[database=archive]',
				},
			});
		}
		const loadState = await post(`${C}/get_load_state`, {
			dbName: 'archive',
			collectionName: 'books_v1',
		});
		expect(loadState.json).toEqual(
			restLayer
				? { code: 800, message: 'database not found, database: archive' }
				: {
						code: 100,
						message: 'collection not found[database=archive][collection=books_v1]',
					},
		);
	});

	// 2.4.x and 2.5.0-2.5.3 (gin timeout middleware) answer 408 in plain text; timeout_middleware.go
	// from v2.5.4 answers 408 JSON 10001. `Request-Timeout: 0` expires at once.
	it('timeout answer (timeout_middleware.go v2.4.15 vs v2.5.27)', async () => {
		await start(profile);
		const text = profile === '2.4.0' || profile === '2.4';
		const expectTimeout = (r: Awaited<ReturnType<typeof post>>) => {
			expect(r.status).toBe(408);
			if (text) {
				expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
				expect(r.text).toBe('timeout');
			} else {
				expect(r.json).toEqual({ code: 10001, message: 'request timeout' });
			}
		};
		emu.injectFault({ kind: 'timeout', path: 'aliases/create' });
		expectTimeout(await post(`${A}/create`, { aliasName: 'books', collectionName: 'books_v1' }));
		expect(emu.getAliases()).toEqual({});

		// The handler goes on after the 408: the change applies.
		const zero = await post(
			`${A}/create`,
			{ aliasName: 'books', collectionName: 'books_v1' },
			{ 'request-timeout': '0' },
		);
		expectTimeout(zero);
		expect(emu.getAliases()).toEqual({ books: 'books_v1' });
	});

	// timeout_middleware.go through v2.5.9 keeps the last Request-Timeout per route for every later
	// request on it; v2.5.27 and 2.6 use each request's own header or the 30 s default.
	it('Request-Timeout per route (timeout_middleware.go v2.4.15 vs v2.5.27)', async () => {
		await start(profile);
		const sticks = profile === '2.4.0' || profile === '2.4';
		expect(emu.effectiveTimeoutSeconds('aliases/describe')).toBe(30);
		await post(`${A}/describe`, { aliasName: 'books' }, { 'request-timeout': '5' });
		await post(`${A}/describe`, { aliasName: 'books' }); // another client, no header
		await post(`${A}/list`, {});
		await post(`${A}/describe`, { aliasName: 'books' }, { 'request-timeout': 'soon' }); // ignored
		expect(emu.requests.map((r) => r.timeoutSeconds)).toEqual(
			sticks ? [5, 5, 30, 5] : [5, 30, 30, 30],
		);
		expect(emu.effectiveTimeoutSeconds('aliases/describe')).toBe(sticks ? 5 : 30);
		expect(emu.effectiveTimeoutSeconds('/v2/vectordb/aliases/describe')).toBe(sticks ? 5 : 30);
		expect(emu.effectiveTimeoutSeconds('aliases/list')).toBe(30);
	});

	// task_alias.go from v2.6.12 (and on the 3.0 branch) resolves an alias given as the collection
	// (create, alter, list); before, only real collection names are looked up (100).
	it('alias given as the collection (task_alias.go v2.6.11 vs v2.6.12, 3.0 branch)', async () => {
		await start(profile);
		emu.setAlias('default', 'current', 'books_v1');
		emu.setAlias('default', 'stable', 'books_v2');
		const resolves = profile === '2.6.12+' || profile === '3.0';
		const create = await post(`${A}/create`, { aliasName: 'books', collectionName: 'current' });
		const alter = await post(`${A}/alter`, { aliasName: 'stable', collectionName: 'current' });
		const list = await post(`${A}/list`, { collectionName: 'current' });
		if (resolves) {
			expect([create.json?.code, alter.json?.code]).toEqual([0, 0]);
			expect(emu.getAliases()).toEqual({
				current: 'books_v1',
				stable: 'books_v1',
				books: 'books_v1',
			});
			expect(list.json?.data).toEqual(['current', 'stable', 'books']);
		} else {
			expect(create.json).toEqual({
				code: 100,
				message: 'collection not found[database=default][collection=current]',
			});
			expect(alter.json).toEqual({
				code: 100,
				message: 'collection not found[collection=current]',
			});
			expect(list.json).toEqual({
				code: 100,
				message: 'collection not found[collection=current]',
			});
			expect(emu.getAliases()).toEqual({ current: 'books_v1', stable: 'books_v2' });
		}
	});

	// drop_collection_task.go: v2.4 drops the aliases with the collection; v2.5.5 refuses (65535);
	// v2.6.19 and the 3.0 branch refuse with 1100 (the 2.6.12+ profile models the latest 2.6).
	it('dropping a collection that has aliases (drop_collection_task.go v2.4.15, v2.5.27, v2.6.19, 3.0)', async () => {
		await start(profile);
		emu.setAlias('default', 'books', 'books_v1');
		emu.setAlias('default', 'stable', 'books_v1');
		const r = await post(`${C}/drop`, { collectionName: 'books_v1' });
		const refusal =
			'unable to drop the collection [books_v1] because it has associated aliases [books stable], please remove all aliases before dropping the collection';
		const expected = pick(profile, {
			'2.4.0': { code: 200, data: {} },
			'2.4': { code: 0, data: {} },
			'2.5': { code: 65535, message: refusal },
			'2.6': { code: 65535, message: refusal },
			'2.6.12+': { code: 1100, message: `${refusal}: invalid parameter` },
			'3.0': { code: 1100, message: `${refusal}: invalid parameter` },
			'zilliz-serverless': { code: 65535, message: refusal },
		});
		expect(r.json).toEqual(expected);
		const dropped = profile === '2.4.0' || profile === '2.4';
		expect(Object.keys(emu.getCollections())).toEqual(
			dropped ? ['books_v2'] : ['books_v1', 'books_v2'],
		);
		expect(emu.getAliases()).toEqual(dropped ? {} : { books: 'books_v1', stable: 'books_v1' });
	});

	// task_alias.go DropAliasTask.PreExecute validates the name before v2.5.15 / v2.6.0, not after.
	it('drop with an invalid alias name (task_alias.go v2.4.15 vs v2.5.27)', async () => {
		await start(profile);
		const r = await post(`${A}/drop`, { aliasName: '9books' });
		if (profile === '2.4.0' || profile === '2.4') {
			expect(r.json).toEqual({
				code: 1100,
				message:
					'Invalid collection alias: 9books.  the first character of a collection alias must be an underscore or letter: invalid parameter',
			});
		} else {
			expect(r.json?.code).toBe(0);
		}
	});

	// handler_v2.go wrapperPost (every release so far): "" is "not given", so {"dbName":""} is {}.
	it('empty dbName is the default database, like {} (handler_v2.go v2.4.15-v2.6.19)', async () => {
		await start(profile);
		emu.setAlias('default', 'books', 'books_v1');
		const empty = await post(`${A}/list`, { dbName: '' });
		const none = await post(`${A}/list`, {});
		expect(empty.text).toBe(none.text);
		expect(none.json?.data).toEqual(['books']);
		const described = await post(`${A}/describe`, { dbName: '', aliasName: 'books' });
		expect(described.json?.data).toEqual({
			aliasName: 'books',
			collectionName: 'books_v1',
			dbName: 'default',
		});
	});

	// simple_rate_limiter.go (v2.4.10+): alias requests are never counted, so no release answers 1807
	// on them; only the fault hook does (a proxy or Zilliz Cloud).
	it('never rate-limits alias calls; 1807 only through the fault hook (simple_rate_limiter.go v2.5.27)', async () => {
		await start(profile);
		const answers = await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				post(`${A}/create`, { aliasName: `a${i}`, collectionName: 'books_v1' }),
			),
		);
		expect(answers.map((r) => r.json?.code).filter((code) => code !== 0 && code !== 200)).toEqual(
			[],
		);
		emu.injectFault({ kind: 'code', code: 1807, path: 'aliases/drop' });
		expect((await post(`${A}/drop`, { aliasName: 'a1' })).json).toEqual({
			code: 1807,
			message: 'request is rejected by limiter, error: rate limit exceeded[rate=1]',
		});
	});
});

// Milvus 3.0, read at v3.0.0 (its version bump, commit 6298d2ff68 of 2026-07-30, 3.0 branch) against
// the 2.6 branch at v2.6.19: handler_v2.go's alias handlers, internal/proxy/task_alias.go,
// internal/proxy/util.go validateCollectionNameOrAlias, internal/rootcoord/meta_table.go
// (CheckIfAliasCreatable/Alterable, DescribeAlias, ListAliases) and pkg/util/merr/errors.go
// (100, 800, 1100, 1600, 1601, 1602) differ only in logging.
describe('3.0', () => {
	it('answers alias calls with the codes and messages of 2.6.19 (task_alias.go, meta_table.go, merr/errors.go)', async () => {
		await start('3.0');
		emu.setAlias('default', 'books', 'books_v1');
		const answers = [
			await post(`${A}/create`, { aliasName: 'books', collectionName: 'books_v2' }),
			await post(`${A}/create`, { aliasName: 'books_v1', collectionName: 'books_v2' }),
			await post(`${A}/describe`, { aliasName: 'gone' }),
			await post(`${A}/alter`, { aliasName: 'gone', collectionName: 'books_v2' }),
			await post(`${A}/create`, { aliasName: '9books', collectionName: 'books_v2' }),
			await post(`${A}/drop`, { aliasName: 'gone' }),
		];
		expect(answers.map((r) => r.json)).toEqual([
			{
				code: 1602,
				message:
					'books is alias to another collection: books_v1: alias already exist[database=default][alias=books]',
			},
			{
				code: 1601,
				message: 'alias and collection name conflict[database=default][alias=books_v1]',
			},
			{ code: 1600, message: 'alias not found[database=default][alias=gone]' },
			{ code: 1600, message: 'alias not found[database=default][alias=gone]' },
			{
				code: 1100,
				message:
					'Invalid collection alias: 9books.  the first character of a collection alias must be an underscore or letter: invalid parameter',
			},
			{ code: 0, data: {} },
		]);
		expect(emu.getAliases()).toEqual({ books: 'books_v1' });
	});

	it('is the 2.6.12+ behaviour in every modelled field, and not the default profile', () => {
		expect(resolveBehaviour('3.0', undefined)).toEqual(resolveBehaviour('2.6.12+', undefined));
		expect(DEFAULT_PROFILE).not.toBe('3.0');
		expect(PROFILE_DESCRIPTIONS['3.0']).toMatch(
			/Request-Timeout that is not a whole number is refused with 1100 \(not modelled\)/,
		);
	});
});

describe('behaviour overrides', () => {
	// 2.5.0-2.5.3 still answered timeouts in plain text and kept Request-Timeout per route until 2.5.9.
	it('give the 2.5 profile the 2.5.0-2.5.3 timeout answer and the per-route timeout', async () => {
		emu = await startEmulator({
			profile: '2.5',
			databases: seed,
			behaviour: { timeoutAnswer: 'text', requestTimeoutSticksPerRoute: true },
		});
		emu.injectFault({ kind: 'timeout' });
		const r = await post(`${A}/list`, {}, { 'request-timeout': '7' });
		expect([r.status, r.text]).toEqual([408, 'timeout']);
		expect(emu.effectiveTimeoutSeconds('aliases/list')).toBe(7);
		expect(emu.behaviour.databaseCheck).toBe('rootcoord'); // the rest stays 2.5
	});

	// The open proposal to reject dbName "" (not in any release): lets a client prove it sends {}.
	it('emptyDbName \'reject\' answers 1100 for {"dbName":""} and still accepts {}', async () => {
		emu = await startEmulator({ databases: seed, behaviour: { emptyDbName: 'reject' } });
		expect((await post(`${A}/list`, { dbName: '' })).json).toEqual({
			code: 1100,
			message: 'dbName should not be empty: invalid parameter',
		});
		expect((await post(`${A}/list`, {})).json).toEqual({ code: 0, data: [] });
	});

	it('legacySuccessCode is the 2.4.0 success code on any profile', async () => {
		emu = await startEmulator({ databases: seed, legacySuccessCode: true });
		expect(emu.behaviour.successCode).toBe(200);
		expect((await post(`${A}/list`, {})).json).toEqual({ code: 200, data: [] });
	});
});

describe('zilliz-serverless', () => {
	// No database concept (INFERRED from milvus-sdk-java issue 2010: dbName=default broke a lookup):
	// naming any database, even "default", in the body or the DB-Name header finds nothing.
	it('answers without a dbName, and finds nothing when one is named (milvus-sdk-java 2010)', async () => {
		await start('zilliz-serverless');
		emu.setAlias('default', 'books', 'books_v1');
		expect((await post(`${A}/describe`, { aliasName: 'books' })).json).toEqual({
			code: 0,
			data: { aliasName: 'books', collectionName: 'books_v1', dbName: 'default' },
		});
		expect((await post(`${A}/describe`, { aliasName: 'books', dbName: 'default' })).json).toEqual({
			code: 800,
			message: 'database not found[database=default]',
		});
		expect((await post(`${A}/list`, {}, { 'db-name': 'default' })).json).toEqual({
			code: 800,
			message: 'database not found[database=default]',
		});
		expect(
			(await post(`${C}/get_load_state`, { collectionName: 'books_v1', dbName: 'default' })).json,
		).toEqual({
			code: 100,
			message: 'collection not found[database=default][collection=books_v1]',
		});
		expect(() => emu.addDatabase('archive')).toThrow(/has no databases/);
		await expect(
			startEmulator({ profile: 'zilliz-serverless', databases: { archive: {} } }),
		).rejects.toThrow(/has no databases/);
	});
});

describe('timeouts with latency', () => {
	// timeout_middleware.go: the 408 goes out when the timeout expires; the handler still completes.
	it('answers 408 after Request-Timeout seconds and applies the change later (v2.5.27)', async () => {
		await start('2.5');
		emu.setLatency(1300);
		const r = await post(
			`${A}/create`,
			{ aliasName: 'books', collectionName: 'books_v1' },
			{ 'request-timeout': '1' },
		);
		expect(r.json).toEqual({ code: 10001, message: 'request timeout' });
		expect(emu.getAliases()).toEqual({}); // answered before the handler finished
		for (let i = 0; i < 60 && Object.keys(emu.getAliases()).length === 0; i++) await sleep(50);
		expect(emu.getAliases()).toEqual({ books: 'books_v1' });
	});
});
