/**
 * Zilliz Cloud's endpoint forms as docs.zilliz.com gives them today ("Connection Endpoints",
 * "Connect to Serving Clusters", "Connect for On-Demand Search"), read as the node reads the
 * credential's Endpoint. Every request goes to `<baseUrl>/v2/vectordb/<route>` (transport/milvusClient.ts).
 */
import { parseEndpoint } from '../../nodes/MilvusAlias/transport/endpoint';

describe('Zilliz Cloud endpoints', () => {
	test.each([
		[
			'Dedicated: real-time serving endpoint, port 19530',
			'https://in01-0123456789abcdef.aws-us-west-2.vectordb.zillizcloud.com:19530',
			'https://in01-0123456789abcdef.aws-us-west-2.vectordb.zillizcloud.com:19530',
			'in01-0123456789abcdef.aws-us-west-2.vectordb.zillizcloud.com:19530',
		],
		[
			'Free and Serverless: real-time serving endpoint without a port',
			'https://in03-0123456789abcdef.serverless.gcp-us-west1.vectordb.zillizcloud.com',
			'https://in03-0123456789abcdef.serverless.gcp-us-west1.vectordb.zillizcloud.com',
			'in03-0123456789abcdef.serverless.gcp-us-west1.vectordb.zillizcloud.com:443',
		],
		[
			'copied from the Connect card with a trailing slash and spaces',
			'  https://in03-0123456789abcdef.serverless.gcp-us-west1.vectordb.zillizcloud.com/ ',
			'https://in03-0123456789abcdef.serverless.gcp-us-west1.vectordb.zillizcloud.com',
			'in03-0123456789abcdef.serverless.gcp-us-west1.vectordb.zillizcloud.com:443',
		],
		[
			'the older Serverless form (…cloud.zilliz.com), still read the same way',
			'https://in03-0123456789abcdef.serverless.gcp-us-west1.cloud.zilliz.com',
			'https://in03-0123456789abcdef.serverless.gcp-us-west1.cloud.zilliz.com',
			'in03-0123456789abcdef.serverless.gcp-us-west1.cloud.zilliz.com:443',
		],
		[
			'Project Endpoint (on-demand): parsed like any URL, though it is not for alias calls',
			'https://proj-0123456789abcdef.aws-us-west-2.api.zillizcloud.com',
			'https://proj-0123456789abcdef.aws-us-west-2.api.zillizcloud.com',
			'proj-0123456789abcdef.aws-us-west-2.api.zillizcloud.com:443',
		],
	])('%s', (_form, raw, baseUrl, hostPort) => {
		expect(parseEndpoint(raw)).toEqual({ baseUrl, display: baseUrl, hostPort });
	});

	test('a cluster endpoint without its scheme is read as http:// (copy the https:// URL from the Connect card)', () => {
		// The credential's description says so, for every endpoint.
		expect(
			parseEndpoint('in01-0123456789abcdef.aws-us-west-2.vectordb.zillizcloud.com:19530'),
		).toEqual({
			baseUrl: 'http://in01-0123456789abcdef.aws-us-west-2.vectordb.zillizcloud.com:19530',
			display: 'http://in01-0123456789abcdef.aws-us-west-2.vectordb.zillizcloud.com:19530',
			hostPort: 'in01-0123456789abcdef.aws-us-west-2.vectordb.zillizcloud.com:19530',
		});
	});

	test('a cluster credential pasted into the URL is refused, pointing to Token', () => {
		expect(
			parseEndpoint(
				'https://db_admin:secret@in01-0123456789abcdef.aws-us-west-2.vectordb.zillizcloud.com:19530',
			),
		).toEqual({
			problem: {
				id: 'endpoint-user-info',
				value:
					'https://db_admin:secret@in01-0123456789abcdef.aws-us-west-2.vectordb.zillizcloud.com:19530',
			},
		});
	});
});
