/** Reading the credential's Endpoint: pure, no server. */
import { parseEndpoint } from '../../nodes/MilvusAlias/transport/endpoint';
import { explainEndpointProblem } from '../../nodes/MilvusAlias/transport/explain';

describe('parseEndpoint', () => {
	test.each([
		['http://localhost:19530', 'http://localhost:19530', 'localhost:19530'],
		['  https://gw.example.com/milvus/ ', 'https://gw.example.com/milvus', 'gw.example.com:443'],
		['localhost:19530', 'http://localhost:19530', 'localhost:19530'],
		['milvus', 'http://milvus', 'milvus:80'],
		['HTTP://Milvus:19530', 'http://milvus:19530', 'milvus:19530'],
	])('%s is %s', (raw, baseUrl, hostPort) => {
		expect(parseEndpoint(raw)).toEqual({ baseUrl, display: baseUrl, hostPort });
	});

	test.each([
		['', 'endpoint-empty'],
		['grpc://localhost:19530', 'endpoint-scheme'],
		['javascript:alert(1)', 'endpoint-invalid'],
		['http://[::1', 'endpoint-invalid'],
		['http://root:Milvus@localhost:19530', 'endpoint-user-info'],
		['root:Milvus@localhost:19530', 'endpoint-user-info'],
	])('%j is refused as %s', (raw, id) => {
		expect(parseEndpoint(raw)).toEqual({ problem: { id, value: raw.trim() } });
	});

	test('a refused value never shows a password, and the suggested fix is valid', () => {
		const { message } = explainEndpointProblem({
			id: 'endpoint-invalid',
			value: 'http://admin:Hunter2@host:bad',
		});
		expect(message).not.toContain('Hunter2');
		expect(message).toContain('e.g. http://localhost:19530');
	});
});
