/**
 * The node and the credential's Test read the Endpoint the same way (one parser): what the node
 * accepts, the Test reaches at the same address; what the node refuses, the Test refuses with
 * the same words, and neither sends anything. Through n8n's engine (the node) and n8n's
 * RoutingNode with the tester's rules (the Test), against an emulator behind a path prefix.
 */
import { startEmulator } from '../../tooling/emulator';
import type { MilvusEmulator } from '../fixtures';
import { runOperation, SEEDS } from '../fixtures';
import { testCredential } from '../harness/n8n-harness';

let milvus: MilvusEmulator;
beforeAll(async () => {
	milvus = await startEmulator({ ...SEEDS.products(), pathPrefix: '/milvus' });
});
afterAll(async () => await milvus.close());
beforeEach(() => milvus.clearRequests());

/** host:port of the emulator. */
const hostPort = () => milvus.url.replace('http://', '');

const ACCEPTED: Array<[string, () => string]> = [
	['the prefix URL', () => `${milvus.url}/milvus`],
	['a trailing slash', () => `${milvus.url}/milvus/`],
	['several trailing slashes, upper-case scheme', () => `HTTP://${hostPort()}/milvus//`],
	['no scheme (read as http://)', () => `${hostPort()}/milvus`],
	['spaces around it', () => `  ${milvus.url}/milvus  `],
];

const REFUSED: Array<[string, () => string, RegExp]> = [
	['a query string', () => `${milvus.url}/milvus?tenant=a`, /has a query string or fragment/],
	['a fragment', () => `${milvus.url}/milvus#top`, /has a query string or fragment/],
	['one slash after http:', () => `http:/${hostPort()}/milvus`, /written in full/],
	['no slash after http:', () => `http:${hostPort()}/milvus`, /written in full/],
	['three slashes after http:', () => `http:///${hostPort()}/milvus`, /written in full/],
	['a backslash', () => `${milvus.url}\\milvus`, /is not a valid URL/],
	['a space inside', () => `${milvus.url}/mil vus`, /is not a valid URL/],
	['another scheme', () => `ftp://${hostPort()}/milvus`, /does not use http:\/\/ or https:\/\//],
	['user:password@', () => `root:Milvus@${hostPort()}/milvus`, /contains a user name or password/],
];

describe('Endpoints the node accepts: the Test reaches the same address', () => {
	test.each(ACCEPTED)('%s', async (_, endpoint) => {
		const run = await runOperation({ endpoint: endpoint() }, 'get', { aliasName: 'products' });
		expect(run.error).toBeUndefined();
		const nodePaths = milvus.requests.map((request) => request.path);
		milvus.clearRequests();
		expect(await testCredential({ endpoint: endpoint() })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const testPaths = milvus.requests.map((request) => request.path);
		expect(nodePaths[0]).toBe('/milvus/v2/vectordb/aliases/describe');
		expect(testPaths).toEqual(['/milvus/v2/vectordb/collections/list']);
	});
});

describe('Endpoints the node refuses: the Test fails with the same advice; nothing is sent', () => {
	test.each(REFUSED)('%s', async (_, endpoint, rule) => {
		const run = await runOperation({ endpoint: endpoint() }, 'get', { aliasName: 'products' });
		const message = String(run.error?.message ?? '');
		const description = String(run.error?.description ?? '');
		expect(message).toMatch(rule);
		expect(message).toMatch(/\. (Enter|Remove) /);
		expect(await testCredential({ endpoint: endpoint() })).toEqual({
			status: 'Error',
			message: `${message}. ${description}`,
		});
		expect(milvus.requests).toHaveLength(0);
	});
});
