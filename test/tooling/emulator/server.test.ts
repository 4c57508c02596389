// Server options: the legacy success code, a path prefix, authentication, TLS, and the command line.
import { Agent } from 'undici';

import { main, parseArgs } from '../../../tooling/emulator/cli';
import { startEmulator } from '../../../tooling/emulator';
import type { MilvusEmulator } from '../../../tooling/emulator';
import { cert, key } from '../../../tooling/emulator/tls';

import { A, C, JSON_CT, call, closeAgent } from './http';
import { SEED } from './seed';

afterAll(closeAgent);

// internal/distributed/proxy/httpserver/handler_v2.go v2.4.0-v2.4.2 (success code 200).
describe('legacy success code and path prefix', () => {
	it('legacySuccessCode answers "code":200 on success, errors unchanged', async () => {
		const legacy = await startEmulator({ legacySuccessCode: true, databases: SEED });
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
		const prefixed = await startEmulator({ pathPrefix: '/milvus/', databases: SEED });
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
			databases: SEED,
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
		const secure = await startEmulator({ tls: { key, cert }, databases: SEED });
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
