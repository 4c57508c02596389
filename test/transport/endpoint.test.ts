/** Reading the credential's Endpoint: pure, no server. The engine side is endpointReading.test.ts. */
import { parseEndpoint } from '../../nodes/MilvusAlias/transport/endpoint';
import { explainCredentialProblem } from '../../nodes/MilvusAlias/messages/explain';

describe('parseEndpoint', () => {
	test.each([
		['http://localhost:19530', 'http://localhost:19530', 'localhost:19530'],
		['  https://gw.example.com/milvus/ ', 'https://gw.example.com/milvus', 'gw.example.com:443'],
		['https://gw.example.com/milvus//', 'https://gw.example.com/milvus', 'gw.example.com:443'],
		['localhost:19530', 'http://localhost:19530', 'localhost:19530'],
		['localhost:19530/milvus', 'http://localhost:19530/milvus', 'localhost:19530'],
		['milvus', 'http://milvus', 'milvus:80'],
		['HTTP://Milvus:19530', 'http://milvus:19530', 'milvus:19530'],
		['[::1]:19530', 'http://[::1]:19530', '[::1]:19530'],
		['http://host/path@v2', 'http://host/path@v2', 'host:80'],
	])('%s is %s', (raw, baseUrl, hostPort) => {
		expect(parseEndpoint(raw)).toEqual({ baseUrl, display: baseUrl, hostPort });
	});

	test.each([
		['', 'endpoint-empty'],
		['grpc://localhost:19530', 'endpoint-scheme'],
		['javascript:alert(1)', 'endpoint-invalid'],
		['http://[::1', 'endpoint-invalid'],
		['http://local host:19530', 'endpoint-invalid'],
		['http://localhost:19530\\milvus', 'endpoint-invalid'],
		['http://localhost:99999', 'endpoint-invalid'],
		['http://root:Milvus@localhost:19530', 'endpoint-user-info'],
		['root:Milvus@localhost:19530', 'endpoint-user-info'],
		['http:/localhost:19530', 'endpoint-scheme-slashes'],
		['http:localhost:19530', 'endpoint-scheme-slashes'],
		['https:/gw.example.com', 'endpoint-scheme-slashes'],
		['http:///localhost:19530', 'endpoint-scheme-slashes'],
		['http:\\\\localhost:19530', 'endpoint-scheme-slashes'],
		['http://host/milvus?tenant=a', 'endpoint-query'],
		['http://host/milvus/?', 'endpoint-query'],
		['http://host:19530#top', 'endpoint-query'],
		['host:19530?x=1', 'endpoint-query'],
	])('%j is refused as %s', (raw, id) => {
		expect(parseEndpoint(raw)).toEqual({ problem: { id, value: raw.trim() } });
	});
});

describe('a refused Endpoint in a message', () => {
	test.each([
		'http://admin:Hunter2@host:bad',
		'http:/admin:Hunter2@host',
		'admin:Hunter2@host',
		'http://admin:Hun/ter2@host',
	])('%s: the password never shows, and any suggested address is accepted', (value) => {
		const endpoint = parseEndpoint(value);
		if (!('problem' in endpoint)) throw new Error(`${value} was accepted`);
		const { message, description } = explainCredentialProblem(endpoint.problem);
		expect(`${message} ${description}`).not.toMatch(/Hunter2|ter2/);
		const suggested = /e\.g\. (\S+)$/.exec(message)?.[1];
		if (suggested !== undefined) expect('problem' in parseEndpoint(suggested)).toBe(false);
	});
});
