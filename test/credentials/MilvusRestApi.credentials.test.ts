/**
 * The credential: Bearer only with a token, and the Test button as n8n runs it (RoutingNode and
 * the tester's rules, test/harness): the Endpoint read as the node reads it, no redirects, a
 * literal {} body, and a failure for every Milvus error code.
 */
import { startEmulator } from '../../tooling/emulator';
import type { MilvusEmulator } from '../fixtures';
import { CANARY_TOKEN, DEFAULT_TOKEN, SEEDS, useEmulator } from '../fixtures';
import { testCredential } from '../harness/n8n-harness';

describe('the credential Test', () => {
	const milvus = useEmulator(SEEDS.library);

	test('right token: passes, sending {} with the Bearer token', async () => {
		const result = await testCredential({ endpoint: milvus.current().url, token: DEFAULT_TOKEN });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [request] = milvus.current().requests;
		expect(request.rawBody).toBe('{}');
		expect(request.headers.authorization).toBe(`Bearer ${DEFAULT_TOKEN}`);
	});

	test('an Endpoint without http:// is read as http://, as in executions', async () => {
		const endpoint = milvus.current().url.replace('http://', '');
		const result = await testCredential({ endpoint, token: DEFAULT_TOKEN });
		expect(result.status).toBe('OK');
	});

	test('user:password@ in the Endpoint fails the Test, and nothing is sent', async () => {
		const endpoint = milvus.current().url.replace('http://', 'http://root:Milvus@');
		const result = await testCredential({ endpoint, token: CANARY_TOKEN });
		expect(result.status).toBe('Error');
		expect(milvus.current().requests).toHaveLength(0);
	});

	test('wrong token: fails with the token advice', async () => {
		const result = await testCredential({ endpoint: milvus.current().url, token: CANARY_TOKEN });
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(
				/^Milvus did not accept the credential's token\. Check the Token in the "Milvus REST API" credential \(HTTP 401\)\. The Token is "user:password"/,
			),
		});
	});

	test.each([
		[1802, /^Milvus could not read the request\. .* \(Milvus error 1802\)/],
		[1100, /^Milvus rejected a name or parameter as invalid\. .* \(Milvus error 1100\)/],
		[65535, /^Milvus refused the request for database "default"\. .* \(Milvus error 65535\)/],
		[
			2500,
			/^The answer is not Milvus's collection list: either Milvus answered with an error code/,
		],
	])('Milvus code %i in an HTTP 200 answer fails the Test', async (code, message) => {
		milvus.current().injectFault({ kind: 'code', code, path: 'collections/list' });
		const result = await testCredential({ endpoint: milvus.current().url, token: DEFAULT_TOKEN });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
	});

	describe('a redirect', () => {
		let elsewhere: MilvusEmulator;
		beforeEach(async () => {
			elsewhere = await startEmulator(SEEDS.library());
		});
		afterEach(async () => await elsewhere.close());

		test('is not followed: the Test fails and the target receives nothing', async () => {
			milvus.current().injectFault({
				kind: 'status',
				status: 307,
				body: '',
				headers: { Location: `${elsewhere.url}/v2/vectordb/collections/list` },
			});
			const result = await testCredential({ endpoint: milvus.current().url, token: DEFAULT_TOKEN });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(
				/^The server at this Endpoint redirected the request elsewhere\./,
			);
			expect(elsewhere.requests).toHaveLength(0);
		});
	});
});
