import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { authenticatedRequest } from '../nodes/MilvusAlias/credentialAuthentication';
import { credentialTestRules } from '../nodes/MilvusAlias/messages/credentialTestRules';

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
			placeholder: 'e.g. https://in03-xxxx.serverless.gcp-us-west1.vectordb.zillizcloud.com',
			description:
				'URL of the Milvus REST API: the Milvus host and port (19530 by default), a Zilliz Cloud cluster endpoint, or a reverse-proxy URL with its path prefix. Without http:// or https:// it is read as http://. Put no user:password@ in it (that goes in Token), and no ?query or #fragment.',
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

	/**
	 * Bearer header only when a token is set: Milvus without authentication needs none. A Token
	 * the HTTP client would change is refused, and the Test's URL is the one the node uses.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return authenticatedRequest(credentials, requestOptions);
	}

	// Listing collections is cheap and needs the same access as the node. Milvus reports most
	// failures in an HTTP-200 body; n8n's tester only compares a body value with a fixed one, so
	// each known code gets a rule, and a body without `data` (any other Milvus error, or an
	// answer that is not Milvus's) fails the last rule. The request follows the node's: no
	// redirects, a literal `{}` body, and the Endpoint read by the node's own parser.
	test: ICredentialTestRequest = {
		request: {
			// Replaced in `authenticate` by the node's reading of the Endpoint (parseEndpoint), or the
			// Test fails there with the node's message when the node would refuse the Endpoint.
			baseURL: '={{ String($credentials.endpoint) }}',
			url: '/v2/vectordb/collections/list',
			method: 'POST',
			body: '{}',
			headers: { 'Content-Type': 'application/json' },
			json: true,
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
			skipSslCertificateValidation: '={{ $credentials.ignoreSslIssues }}',
		},
		rules: credentialTestRules() as unknown as ICredentialTestRequest['rules'],
	};
}
