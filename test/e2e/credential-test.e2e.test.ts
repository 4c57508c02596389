/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- end-to-end tests, never part of the package: they run n8n and use test tokens */
/**
 * The credential's "Test" the way the editor runs it, in a real `n8n start`: owner set up and
 * logged in over REST (cookie + browser-id), the credential saved (POST /rest/credentials),
 * opened again (GET /rest/credentials/:id?includeData=true: the token comes back redacted),
 * then POST /rest/credentials/test { credentials: { id, name, type, data } } with the form's
 * data, as CredentialEdit does (n8n 2.41.1 credentials.controller.js → CredentialsService
 * .testWithCredentials, which un-redacts the saved token → CredentialsTester.runRequestTest).
 * The Test reads the Endpoint with the node's own parser (the credential's `authenticate`), so
 * what the node refuses fails the Test with the node's words, before anything is sent.
 */
import type { MilvusEmulator } from '../../tooling/emulator';
import { startEmulator } from '../../tooling/emulator';
import type { N8nInstance, N8nServer } from '../../tooling/n8n';
import { createN8n, freePort, selectedN8nVersion } from '../../tooling/n8n';

const OWNER = {
	email: 'e2e-owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Passw0rd-123',
};
const BROWSER_ID = 'milvus-alias-e2e-browser';
const TOKEN = 'root:Milvus';
/**
 * n8n 1.x's tester answers HTTP errors with n8n's own texts before reading the credential's
 * status rules (its body rules still apply); 2.x uses the rules' messages.
 */
const ON_N8N_1 = selectedN8nVersion().startsWith('1.');
const byVersion = (onN8n2: RegExp, onN8n1: string): RegExp =>
	ON_N8N_1 ? new RegExp(`^${onN8n1.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : onN8n2;

let milvus: MilvusEmulator;
let open: MilvusEmulator;
let n8n: N8nInstance;
let server: N8nServer;
let cookie = '';

/* eslint-disable @typescript-eslint/no-explicit-any -- n8n's REST answers, read loosely */
async function rest(method: string, path: string, body?: unknown): Promise<any> {
	const response = await fetch(`${server.baseUrl}/rest${path}`, {
		method,
		headers: {
			'content-type': 'application/json',
			'browser-id': BROWSER_ID,
			...(cookie ? { cookie } : {}),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(60000),
	});
	const text = await response.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	if (!response.ok)
		throw new Error(`${method} /rest${path} → HTTP ${response.status}: ${text.slice(0, 500)}`);
	const setCookie = response.headers.getSetCookie().find((entry) => entry.startsWith('n8n-auth='));
	if (setCookie) cookie = setCookie.split(';')[0];
	return json;
}

/** The editor's Test button on a saved credential, with the form's (possibly edited) data. */
async function testCredential(saved: { id: string; name: string }, data: unknown) {
	const answer = await rest('POST', '/credentials/test', {
		credentials: { id: saved.id, name: saved.name, type: 'milvusRestApi', data },
	});
	return answer.data;
}

beforeAll(async () => {
	milvus = await startEmulator({
		auth: { users: { root: 'Milvus' } },
		databases: { default: { collections: { products_v1: { loaded: true } } } },
	});
	open = await startEmulator({});
	n8n = await createN8n({ mode: 'custom' });
	server = await n8n.startServer();
	await rest('POST', '/owner/setup', OWNER);
	cookie = '';
	await rest('POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	expect(cookie).toMatch(/^n8n-auth=/);
}, 240000);

afterAll(async () => {
	if (n8n) await n8n.dispose(); // stops the server (process group), bounded
	if (milvus) await milvus.close();
	if (open) await open.close();
}, 60000);

describe('credential Test in n8n start (REST, as the editor does it)', () => {
	let saved: { id: string; name: string };
	let form: any;

	beforeAll(async () => {
		const created = await rest('POST', '/credentials', {
			name: 'Milvus (credential test)',
			type: 'milvusRestApi',
			data: { endpoint: milvus.url, token: TOKEN, ignoreSslIssues: false },
		});
		saved = created.data;
		const reopened = await rest('GET', `/credentials/${saved.id}?includeData=true`);
		form = reopened.data.data;
	});

	test('the saved token comes back redacted, like every password field', () => {
		expect(form.endpoint).toBe(milvus.url);
		expect(form.token).not.toBe(TOKEN);
		expect(form.token).toMatch(/^__n8n_BLANK_VALUE_/);
	});

	test('right token: "Connection successful!", the token was sent as a Bearer header', async () => {
		milvus.clearRequests();
		expect(await testCredential(saved, form)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(milvus.requests.length).toBeGreaterThan(0);
		for (const request of milvus.requests) {
			expect(request.path).toBe('/v2/vectordb/collections/list');
			expect(request.method).toBe('POST');
			expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
		}
	});

	test('wrong token: HTTP 401 → the rule message about the token', async () => {
		milvus.clearRequests();
		const result = await testCredential(saved, { ...form, token: 'root:wrong-password' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			byVersion(
				/^Milvus did not accept the credential's token\. Check the Token in the "Milvus REST API" credential \(HTTP 401\)\./,
				'Authorization failed - please check your credentials',
			),
		);
		expect(result.message).not.toContain('wrong-password');
		expect(milvus.requests.map((request) => request.headers.authorization)).toContain(
			'Bearer root:wrong-password',
		);
	});

	test('wrong URL (gin\'s plain 404): the rule message "No Milvus REST API v2 at this Endpoint..."', async () => {
		const result = await testCredential(saved, { ...form, endpoint: `${milvus.url}/not-milvus/` });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			byVersion(
				/^No Milvus REST API v2 at this Endpoint\. .* \(HTTP 404\)\./,
				'The resource you are requesting could not be found',
			),
		);
	});

	test('an Endpoint without http:// is read as http://, as executions read it', async () => {
		const result = await testCredential(saved, {
			...form,
			endpoint: milvus.url.replace('http://', ''),
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	test('user:password@ in the Endpoint: the Test fails and sends nothing', async () => {
		milvus.clearRequests();
		const result = await testCredential(saved, {
			...form,
			endpoint: milvus.url.replace('http://', 'http://root:Milvus@'),
		});
		expect(result.status).toBe('Error');
		expect(milvus.requests).toHaveLength(0);
	});

	test.each([
		['a query string', (url: string) => `${url}?tenant=a`, 'has a query string or fragment'],
		['one slash after http:', (url: string) => url.replace('http://', 'http:/'), 'written in full'],
	])(
		"an Endpoint the node refuses (%s): the Test fails with the node's words, nothing is sent",
		async (_, endpointOf, words) => {
			milvus.clearRequests();
			const endpoint = endpointOf(milvus.url);
			const result = await testCredential(saved, { ...form, endpoint });
			expect(result.status).toBe('Error');
			expect(result.message).toContain(`The credential's Endpoint "${endpoint}"`);
			expect(result.message).toContain(words);
			expect(milvus.requests).toHaveLength(0);
		},
	);

	test('a token the HTTP client would change: the Test names the problem, nothing is sent', async () => {
		milvus.clearRequests();
		const result = await testCredential(saved, { ...form, token: 'root:пароль123' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^The credential's Token contains a character outside ASCII \(such as é or п\), which an HTTP header cannot carry as it is\./,
		);
		expect(result.message).not.toContain('пароль');
		expect(milvus.requests).toHaveLength(0);
	});

	test('an Endpoint written loosely (upper-case scheme, trailing slashes) reaches what the node reaches', async () => {
		milvus.clearRequests();
		const endpoint = `${milvus.url.replace('http://', 'HTTP://')}//`;
		expect(await testCredential(saved, { ...form, endpoint })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(milvus.requests.map((request) => request.path)).toContain(
			'/v2/vectordb/collections/list',
		);
	});

	test('a redirect is not followed: the Test fails and the other server receives nothing', async () => {
		open.clearRequests();
		milvus.injectFault({
			kind: 'status',
			status: 302,
			body: '',
			headers: { Location: `${open.url}/v2/vectordb/collections/list` },
		});
		const result = await testCredential(saved, form);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			byVersion(
				/^The server at this Endpoint redirected the request elsewhere\./,
				'Request failed with status code 302',
			),
		);
		expect(open.requests).toHaveLength(0);
	});

	test.each([
		[1802, /\(Milvus error 1802\)/],
		[65535, /\(Milvus error 65535\)/],
		[2500, /^The answer is not Milvus's collection list/],
	])('Milvus code %i in an HTTP 200 answer fails the Test', async (code, message) => {
		milvus.injectFault({ kind: 'code', code, path: 'collections/list' });
		const result = await testCredential(saved, form);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
	});

	test('refused port: n8n reports the connection error', async () => {
		const result = await testCredential(saved, {
			...form,
			endpoint: `http://127.0.0.1:${await freePort()}`,
		});
		expect(result).toEqual({
			status: 'Error',
			message: ON_N8N_1
				? 'The service refused the connection - perhaps it is offline'
				: 'ECONNREFUSED',
		});
	});

	test('empty token against Milvus without authentication: successful, no Authorization header', async () => {
		open.clearRequests();
		const result = await testCredential(saved, { ...form, endpoint: open.url, token: '' });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(open.requests.length).toBeGreaterThan(0);
		for (const request of open.requests) expect(request.headers.authorization).toBeUndefined();
	});
});
