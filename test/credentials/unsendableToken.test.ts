/**
 * A token the HTTP client cannot send as it is (characters outside ASCII, which it changes or
 * drops: `root:пароль123` went out as `root:123`; line breaks and other control characters) is
 * refused before any request, by the node (through n8n's engine) and by the credential's Test
 * (n8n's RoutingNode and the tester's rules), with a message that names the problem and what
 * to do, and never shows the token.
 */
import { jsonStringify } from 'n8n-workflow';

import { runOperation, searchCollections, SEEDS, useEmulator } from '../fixtures';
import { testCredential } from '../harness/n8n-harness';

const NOT_ASCII =
	"The credential's Token contains a character outside ASCII (such as é or п), which an HTTP header cannot carry as it is. Give the Milvus user a password of ASCII letters, digits and symbols (or use a Zilliz Cloud API key) and enter it in the Token field";
const CONTROL =
	"The credential's Token contains a line break, tab or other control character, which an HTTP header cannot carry. Enter the Token again without it (a copied token sometimes brings a line break along)";

const CASES: Array<[string, string, string]> = [
	['Cyrillic password', 'root:пароль123', NOT_ASCII],
	['Latin-1 letter', 'root:pässword', NOT_ASCII],
	['emoji', 'root:pw🔑word', NOT_ASCII],
	['line break inside', 'root:pass\nword', CONTROL],
	['CR LF inside', 'root:pass\r\nX-Other: 1', CONTROL],
	['tab inside', 'root:pass\tword', CONTROL],
	['NUL inside', 'root:pass\u0000word', CONTROL],
];

describe.each(CASES)('a token with a %s', (_, token, message) => {
	const milvus = useEmulator(SEEDS.library);
	const secretPart = token.slice(5);

	test('the node refuses it before any request, naming the problem and the fix', async () => {
		const result = await runOperation({ endpoint: milvus.current().url, token }, 'getAll', {
			returnAll: true,
		});
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(/nothing was sent to Milvus\.$/);
		expect(milvus.current().requests).toHaveLength(0);
		expect(jsonStringify(result.run, { replaceCircularRefs: true })).not.toContain(secretPart);
	});

	test('the Collection picker refuses it too', async () => {
		await expect(
			searchCollections({ endpoint: milvus.current().url, token }, { dbName: '' }),
		).rejects.toThrow(message);
		expect(milvus.current().requests).toHaveLength(0);
	});

	test('the credential Test fails with the same words and sends nothing', async () => {
		const result = await testCredential({ endpoint: milvus.current().url, token });
		expect(result.status).toBe('Error');
		expect(result.message.startsWith(`${message}. `)).toBe(true);
		expect(result.message).not.toContain(secretPart);
		expect(milvus.current().requests).toHaveLength(0);
	});
});

describe('tokens that can be sent as they are', () => {
	const milvus = useEmulator(SEEDS.library);

	test('printable ASCII with spaces and symbols passes, sent unchanged', async () => {
		const token = 'root:p a$$ "w0rd" \\ ~';
		const result = await testCredential({ endpoint: milvus.current().url, token });
		// The emulator knows only root:Milvus: the point is that the token arrived as given.
		expect(result.status).toBe('Error');
		// n8n's helper may send a 401 once more after refreshing the credential: each time as given.
		const sent = milvus.current().requests.map((request) => request.headers.authorization);
		expect(sent.length).toBeGreaterThan(0);
		for (const header of sent) expect(header).toBe(`Bearer ${token}`);
	});

	test('spaces and line breaks around the token are trimmed, not refused', async () => {
		const result = await testCredential({
			endpoint: milvus.current().url,
			token: ' root:Milvus\n',
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	});
});
