import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

const TOKEN_HINT =
	'Check the token: "user:password" for self-hosted Milvus with authentication enabled, or an API key for Zilliz Cloud.';

export class MilvusRestApi implements ICredentialType {
	name = 'milvusRestApi';

	displayName = 'Milvus REST API';

	icon = { light: 'file:../icons/milvus.svg', dark: 'file:../icons/milvus.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-milvus-alias/n8n-nodes-milvus-alias#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'string',
			required: true,
			default: 'http://localhost:19530',
			placeholder: 'e.g. https://in03-xxxx.serverless.gcp-us-west1.cloud.zilliz.com',
			description:
				'URL of the Milvus REST API: the Milvus host and port (19530 by default), a Zilliz Cloud cluster endpoint, or a reverse-proxy URL with its path prefix',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'"user:password" (e.g. root:Milvus) or a Zilliz Cloud API key. Leave empty when Milvus runs without authentication.',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				"Whether to connect even if the server's TLS certificate cannot be verified (e.g. self-signed)",
		},
	];

	/** Bearer header only when a token is set: Milvus without authentication needs none. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = typeof credentials.token === 'string' ? credentials.token.trim() : '';
		if (token === '') return requestOptions;
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` },
		};
	}

	// Listing collections is cheap and needs the same access as the node. Milvus reports most
	// failures in an HTTP-200 body, so each code that can come back gets its own rule.
	// n8n's tester reads both rule kinds from one list; its type only allows one kind per list.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.endpoint).trim().replace(/\\/+$/, "") }}',
			url: '/v2/vectordb/collections/list',
			method: 'POST',
			body: { dbName: '' },
			json: true,
			skipSslCertificateValidation: '={{ $credentials.ignoreSslIssues }}',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: `Milvus did not accept the credential (HTTP 401). ${TOKEN_HINT}`,
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The token is valid but lacks the privilege to list collections.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No Milvus REST API v2 at this endpoint (HTTP 404). Check the host, the port (19530 by default) and any reverse-proxy path prefix.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 1800,
					message: `Milvus did not accept the credential. ${TOKEN_HINT}`,
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 800,
					message: 'Milvus answered that its default database does not exist.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 1801,
					message: 'Milvus could not read the test request; a proxy may be rewriting requests.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 65535,
					message: 'Milvus refused the request (code 65535): the token may lack privileges.',
				},
			},
		] as unknown as ICredentialTestRequest['rules'],
	};
}
