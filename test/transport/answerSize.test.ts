/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a test, never part of the package: it measures the process memory and uses Node streams */
/**
 * Answers are bounded while they are read (MAX_ANSWER_BYTES, 32 MiB): the alias list of a big
 * cluster is read whole, anything larger is refused as soon as it passes the bound, and memory
 * stays flat however large the answer. The reader itself (answerBody.ts) is checked on plain
 * streams; the bound as users meet it through n8n's engine, against an emulator that streams
 * its answer as it is read.
 */
import { Readable } from 'node:stream';

import { MAX_ANSWER_BYTES, readResponse } from '../../nodes/MilvusAlias/transport/answerBody';
import { jsonOf, runOperation, useEmulator } from '../fixtures';

const NAME_LENGTH = 255;
/** The names the emulator's largeList fault sends: `a` and the index, zero-padded. */
const listedName = (index: number) => `a${String(index).padStart(NAME_LENGTH - 1, '0')}`;

describe('the reader', () => {
	const signal = () => new AbortController().signal;
	const chunks = (...parts: string[]) => Readable.from(parts.map((part) => Buffer.from(part)));

	test('reads up to the bound, parses JSON, keeps text that is not JSON', async () => {
		const json = '{"code":0,"data":["a"]}';
		const read = await readResponse(
			{ statusCode: 200, body: chunks(json.slice(0, 5), json.slice(5)) },
			signal(),
			json.length,
		);
		expect(read).toEqual({ ok: true, answer: { statusCode: 200, body: { code: 0, data: ['a'] } } });
		const text = await readResponse({ statusCode: 408, body: chunks('timeout') }, signal(), 7);
		expect(text).toEqual({ ok: true, answer: { statusCode: 408, body: 'timeout' } });
		const empty = await readResponse(
			{ statusCode: 302, headers: { location: '/x' }, body: chunks() },
			signal(),
		);
		expect(empty).toEqual({ ok: true, answer: { statusCode: 302, body: '', location: '/x' } });
	});

	test('one byte over the bound is refused, and the rest is not read', async () => {
		let pulled = 0;
		async function* endless() {
			for (;;) {
				pulled++;
				yield Buffer.alloc(10, 0x61);
			}
		}
		const read = await readResponse(
			{ statusCode: 200, body: Readable.from(endless()) },
			signal(),
			95,
		);
		expect(read).toMatchObject({ ok: false, failure: { kind: 'tooLarge', httpStatus: 200 } });
		expect(pulled).toBeLessThan(20);
	});

	test('a declared Content-Length over the bound is refused before reading', async () => {
		const body = chunks('x');
		const read = await readResponse(
			{ statusCode: 200, headers: { 'content-length': String(MAX_ANSWER_BYTES + 1) }, body },
			signal(),
		);
		expect(read).toMatchObject({ ok: false, failure: { kind: 'tooLarge' } });
		expect(body.destroyed).toBe(true);
	});

	test('the attempt bound ends a body that is still arriving', async () => {
		const controller = new AbortController();
		async function* dripping() {
			yield Buffer.from('{"code":0,');
			controller.abort();
			await new Promise(() => undefined);
		}
		await expect(
			readResponse({ statusCode: 200, body: Readable.from(dripping()) }, controller.signal),
		).rejects.toMatchObject({ name: 'AbortError' });
	});

	test('a connection lost in the middle of the body is thrown for the caller to classify', async () => {
		const body = new Readable({ read() {} });
		body.push('{"code":0,');
		setImmediate(() => body.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
		await expect(readResponse({ statusCode: 200, body }, signal())).rejects.toMatchObject({
			code: 'ECONNRESET',
		});
	});
});

describe('through the engine', () => {
	const milvus = useEmulator(() => ({
		databases: {
			default: { collections: { big: {} }, aliases: { [listedName(0)]: 'big' } },
		},
	}));

	test('the alias list of a big cluster (100,000 names of 255 characters, 25.8 MB) is read', async () => {
		milvus.current().injectFault({ kind: 'largeList', count: 100_000, path: 'aliases/list' });
		const result = await runOperation({ endpoint: milvus.current().url }, 'getAll', {
			returnAll: false,
			limit: 1,
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			{ aliasName: listedName(0), collectionName: 'big', dbName: 'default' },
		]);
	}, 60_000);

	test('a 300 MB answer is refused while reading, with memory flat', async () => {
		// 1.16 million names: about 300 MB, streamed by the emulator only as fast as it is read.
		const count = Math.ceil(300_000_000 / (NAME_LENGTH + 3));
		milvus.current().injectFault({ kind: 'largeList', count, path: 'aliases/list' });
		const before = process.memoryUsage().rss;
		let peak = before;
		const sampler = setInterval(() => {
			peak = Math.max(peak, process.memoryUsage().rss);
		}, 10);
		const result = await runOperation({ endpoint: milvus.current().url }, 'getAll', {
			returnAll: true,
		}).finally(() => clearInterval(sampler));
		peak = Math.max(peak, process.memoryUsage().rss);
		expect(result.error?.message).toBe(
			`The answer from ${milvus.current().url} is larger than 32 MiB, so the node stopped reading it. Check that the credential's Endpoint points at Milvus itself (HTTP 200: over 32 MiB)`,
		);
		expect(jsonOf(result)).toEqual([]);
		// With the bound RSS grows by about 40 MB here; read whole (the bound lifted), by over 170 MB
		// before n8n even holds the items, and the answer succeeds.
		expect(peak - before).toBeLessThan(100 * 1024 * 1024);
	}, 120_000);

	test('an answer that declares more than 32 MiB is refused before its body is read', async () => {
		milvus.current().injectFault({
			kind: 'largeList',
			count: 200_000,
			declareLength: true,
			path: 'aliases/list',
		});
		const result = await runOperation({ endpoint: milvus.current().url }, 'getAll', {
			returnAll: true,
		});
		expect(result.error?.message).toMatch(/is larger than 32 MiB, so the node stopped reading it/);
	}, 60_000);

	test('a change whose answer is too large may have applied: the description says so', async () => {
		milvus.current().injectFault({
			kind: 'largeList',
			count: 200_000,
			path: 'aliases/drop',
			applyFirst: true,
		});
		const result = await runOperation({ endpoint: milvus.current().url }, 'delete', {
			aliasName: listedName(0),
		});
		expect(result.error?.description).toMatch(
			/^The change may still have been applied on the server/,
		);
		expect(milvus.current().getAliases()).toEqual({});
	}, 60_000);
});
