// Routing (gin 404, redirect, CORS, the request log) and the fault, latency and change-time hooks.
import { sleep } from 'n8n-workflow';

import { startEmulator } from '../../../tooling/emulator';
import type { MilvusEmulator } from '../../../tooling/emulator';

import { A, call, closeAgent } from './http';
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
});
