/**
 * The token never leaves its origin, in a real n8n (`n8n execute`, custom extension dir): a
 * redirect is not followed (the other server receives nothing); a server echoing the token, in
 * any form and across the length bound, gets it redacted everywhere n8n prints or stores the
 * run; a success answer carrying it is refused; a token the HTTP client would change is refused
 * with nothing sent; an answer larger than the bound is refused while reading (the node reads
 * answers as streams, which n8n's helper must hand over on both n8n versions). The credential
 * Test's side (REST, as the editor does it) is in credential-test.e2e.test.ts.
 */
import type { MilvusEmulator } from '../../tooling/emulator';
import { startEmulator } from '../../tooling/emulator';
import type { N8nInstance } from '../../tooling/n8n';
import { createN8n } from '../../tooling/n8n';
import { loadWorkflow, milvusCredential, outputTail } from './helpers';

/** A password with the characters JSON, HTML and URLs escape, so each escaped form is exercised. */
const PASSWORD = 'S3cr3t"T0k\\en&<xyz>';
const TOKEN = `root:${PASSWORD}`;
const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);
/** Every form checked in n8n's output; n8n prints strings JSON-encoded, so those forms too. */
const FORMS = [
	TOKEN,
	PASSWORD,
	Buffer.from(TOKEN).toString('base64'),
	jsonEscaped(TOKEN),
	jsonEscaped(PASSWORD),
	jsonEscaped(jsonEscaped(PASSWORD)),
	encodeURIComponent(PASSWORD),
	encodeURIComponent(PASSWORD).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
	PASSWORD.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;'),
];

let milvus: MilvusEmulator;
let elsewhere: MilvusEmulator;
let n8n: N8nInstance;

beforeAll(async () => {
	const seed = {
		auth: { users: { root: PASSWORD } },
		databases: {
			default: {
				collections: { products_v1: { loaded: true } },
				aliases: { other_alias: 'products_v1' },
			},
		},
	};
	milvus = await startEmulator(seed);
	elsewhere = await startEmulator(seed);
	n8n = await createN8n({ mode: 'custom' });
	await n8n.importCredentials([milvusCredential('main', { endpoint: milvus.url, token: TOKEN })]);
	await n8n.importWorkflow([loadWorkflow('get.json')]);
}, 240000);

afterAll(async () => {
	if (n8n) await n8n.dispose();
	if (milvus) await milvus.close();
	if (elsewhere) await elsewhere.close();
});

async function runGet() {
	const result = await n8n.execute('maE2eGet01', { timeoutMs: 150000 });
	const error = n8n.nodeError(result.run);
	if (!error) throw new Error(`expected the Get to fail\n${outputTail(result)}`);
	return { result, error };
}

describe('a hostile or misconfigured server, in real n8n', () => {
	test('a redirect to another origin is not followed, and the item fails saying where it led', async () => {
		milvus.clearRequests();
		elsewhere.clearRequests();
		const target = `${elsewhere.url}/v2/vectordb/aliases/describe`;
		milvus.injectFault({ kind: 'status', status: 307, body: '', headers: { Location: target } });
		const { result, error } = await runGet();
		expect(error.message).toBe(
			`The server at ${milvus.url} redirected the request elsewhere. Enter the address Milvus really serves in the credential's Endpoint (HTTP 307 to ${target})`,
		);
		expect(milvus.requests).toHaveLength(1);
		expect(elsewhere.requests).toHaveLength(0);
		for (const form of FORMS) expect(result.output).not.toContain(form);
	});

	test('a 401 echoing the Authorization header: redacted in everything n8n prints', async () => {
		milvus.injectFault({
			kind: 'code',
			code: 1800,
			status: 401,
			message: `user hasn't authenticated (got Bearer ${TOKEN}, Basic ${FORMS[2]})`,
		});
		const { result, error } = await runGet();
		expect(error.message).toBe(
			`Milvus did not accept the credential's token. Check the Token in the "Milvus REST API" credential (Milvus error 1800: user hasn't authenticated (got Bearer [redacted], Basic [redacted]))`,
		);
		for (const form of FORMS) expect(result.output).not.toContain(form);
	});

	test('the token across the 300-character bound of a Milvus message: no part of it shows', async () => {
		milvus.injectFault({
			kind: 'code',
			code: 65535,
			message: `${'~'.repeat(300 - 8)}${TOKEN} tail`,
			path: 'aliases/describe',
		});
		const { result, error } = await runGet();
		expect(error.message).toMatch(/\(Milvus error 65535: ~+\[redac/);
		for (const form of FORMS) expect(result.output).not.toContain(form);
		expect(result.output).not.toContain('root:S3c');
	});

	test('an HTTP 500 JSON body with the password JSON-escaped, HTML-escaped and percent-encoded', async () => {
		milvus.injectFault({
			kind: 'status',
			status: 500,
			contentType: 'application/json',
			body: JSON.stringify({ a: PASSWORD, b: FORMS[8], c: FORMS[7] }),
			path: 'aliases/describe',
		});
		const { result, error } = await runGet();
		expect(error.message).toContain(
			'(HTTP 500: {"a":"[redacted]","b":"[redacted]","c":"[redacted]"})',
		);
		for (const form of FORMS) expect(result.output).not.toContain(form);
	});

	test('a success answer carrying the password is refused, never an output', async () => {
		milvus.injectFault({
			kind: 'status',
			status: 200,
			contentType: 'application/json',
			body: JSON.stringify({ code: 0, data: { collectionName: PASSWORD } }),
			path: 'aliases/describe',
		});
		const { result, error } = await runGet();
		expect(error.message).toMatch(
			/\(aliases\/describe: data carries the credential's token: \{"collectionName":"\[redacted\]"\}\)$/,
		);
		for (const form of FORMS) expect(result.output).not.toContain(form);
	});

	test('an answer over 32 MiB is refused while reading', async () => {
		milvus.injectFault({ kind: 'largeList', count: 200_000, path: 'aliases/describe' });
		const { error } = await runGet();
		expect(error.message).toBe(
			`The answer from ${milvus.url} is larger than 32 MiB, so the node stopped reading it. Check that the credential's Endpoint points at Milvus itself (HTTP 200: over 32 MiB)`,
		);
	});

	test('a token the HTTP client would change is refused, and nothing is sent', async () => {
		await n8n.importCredentials([
			milvusCredential('main', { endpoint: milvus.url, token: 'root:пароль123' }),
		]);
		try {
			milvus.clearRequests();
			const { result, error } = await runGet();
			expect(error.message).toMatch(
				/^The credential's Token contains a character outside ASCII \(such as é or п\)/,
			);
			expect(milvus.requests).toHaveLength(0);
			expect(result.output).not.toContain('пароль');
		} finally {
			await n8n.importCredentials([
				milvusCredential('main', { endpoint: milvus.url, token: TOKEN }),
			]);
		}
	});
});
