/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- end-to-end tests, never part of the package: they run n8n and use test tokens */
/**
 * The token never leaves its origin, in a real n8n (`n8n execute`, custom extension dir): a
 * redirect is not followed (the other server receives nothing) and a server echoing the token
 * gets it redacted everywhere n8n prints or stores the run. The credential Test's side of both
 * (REST, as the editor does it) is in credential-test.e2e.test.ts.
 */
import type { MilvusEmulator } from '../../tooling/emulator';
import { startEmulator } from '../../tooling/emulator';
import type { N8nInstance } from '../../tooling/n8n';
import { createN8n } from '../../tooling/n8n';
import { loadWorkflow, milvusCredential, outputTail } from './helpers';

const PASSWORD = 'S3cr3t-T0ken-xyz';
const TOKEN = `root:${PASSWORD}`;
const FORMS = [TOKEN, PASSWORD, Buffer.from(TOKEN).toString('base64')];

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
});
