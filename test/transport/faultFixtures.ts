/**
 * Shared by the fault suites of test/transport: the books emulator (authentication on, plain or
 * TLS), short timeouts and delays, and a scan for every form of the token in everything a run
 * left behind.
 */
import { jsonStringify } from 'n8n-workflow';

import { startEmulator } from '../../tooling/emulator';
import type { MilvusEmulator, RecordedRequest } from '../../tooling/emulator';
import { cert, key } from '../../tooling/emulator/tls';
import type { RunResult } from '../fixtures';
import { secretForms, SEEDS } from '../fixtures';

export { byName as collection, CANARY_TOKEN as TOKEN, deadAddress } from '../fixtures';
export const WRONG_TOKEN = 'root:Wr0ng-S3cr3t-qrs';

/** The books seed (books -> books_v1, books_v2 ready), over TLS when asked. */
export async function milvus(tls = false): Promise<MilvusEmulator> {
	return await startEmulator({ ...SEEDS.books(), ...(tls ? { tls: { key, cert } } : {}) });
}

/** Small timeouts and delays keep the suites fast; every case states what it needs on top. */
export const FAST = { timeout: 250, maxRetries: 2, retryDelay: 10 };
/** Retries allowed: a failure that must not be retried shows in the request count and message. */
export const NO_RETRY_EXPECTED = { timeout: 2000, maxRetries: 2, retryDelay: 4000 };
export const TRIES = FAST.maxRetries + 1;

const tail = (request: RecordedRequest) => request.path.replace(/^.*\/v2\/vectordb\//, '');
/**
 * The API paths the emulator received, in order, without the alias-as-collection lookup that
 * runs alongside (aliases/list, pinned by the operations' own tests).
 */
export const sequence = (emulator: MilvusEmulator) =>
	emulator.requests.map(tail).filter((path) => path !== 'aliases/list');

export function reachableText(
	value: unknown,
	seen = new Set<object>(),
	depth = 0,
	out: string[] = [],
): string[] {
	if (typeof value === 'string') out.push(value);
	else if (typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
	else if (value !== null && typeof value === 'object' && depth < 40 && !seen.has(value)) {
		seen.add(value);
		for (const name of Object.getOwnPropertyNames(value)) {
			out.push(name);
			let child: unknown;
			try {
				child = (value as Record<string, unknown>)[name];
			} catch {
				continue;
			}
			reachableText(child, seen, depth + 1, out);
		}
	}
	return out;
}

export function expectNoSecret(result: RunResult, token: string): void {
	const serialized = [
		jsonStringify(result.run, { replaceCircularRefs: true }),
		jsonStringify(result.outputs, { replaceCircularRefs: true }),
		jsonStringify(result.error ?? null, { replaceCircularRefs: true }),
		...reachableText(result),
	].join('\n');
	for (const form of secretForms(token)) expect(serialized).not.toContain(form);
	// Positive control: the scan did reach the error's texts.
	if (result.error)
		expect(serialized).toContain(String(result.error.description ?? result.error.message));
}
