/**
 * The largeList fault: a success answer listing `count` names, streamed as the client reads it
 * (so a test can send hundreds of MB without the emulator holding them), with or without a
 * Content-Length.
 */
import { startEmulator } from '../../../tooling/emulator';
import type { MilvusEmulator } from '../../../tooling/emulator';
import { A, call, closeAgent } from './http';

let emu: MilvusEmulator;
beforeEach(async () => {
	emu = await startEmulator();
});
afterEach(async () => await emu.close());
afterAll(async () => await closeAgent());

test('a whole list: valid JSON, names of the given length, chunked by default', async () => {
	emu.injectFault({ kind: 'largeList', count: 600, nameLength: 12, path: 'aliases/list' });
	const reply = await call(emu.url, `${A}/list`, { body: {} });
	expect(reply.status).toBe(200);
	expect(reply.headers['content-length']).toBeUndefined();
	const data = reply.json?.data as string[];
	expect(reply.json?.code).toBe(0);
	expect(data).toHaveLength(600);
	expect(data[0]).toBe('a00000000000');
	expect(data[599]).toBe('a00000000599');
	expect(new Set(data).size).toBe(600);
});

test('declareLength sends the exact Content-Length', async () => {
	emu.injectFault({ kind: 'largeList', count: 3, nameLength: 8, declareLength: true });
	const reply = await call(emu.url, `${A}/list`, { body: {} });
	expect(Number(reply.headers['content-length'])).toBe(Buffer.byteLength(reply.text));
	expect(reply.json).toEqual({ code: 0, data: ['a0000000', 'a0000001', 'a0000002'] });
});

test('an empty list, and a count that is not a whole number is refused', async () => {
	emu.injectFault({ kind: 'largeList', count: 0 });
	expect((await call(emu.url, `${A}/list`, { body: {} })).json).toEqual({ code: 0, data: [] });
	expect(() => emu.injectFault({ kind: 'largeList', count: 1.5 })).toThrow(
		'emulator: largeList.count must be an integer >= 0',
	);
});
