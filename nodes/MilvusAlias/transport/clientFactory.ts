import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import type { CredentialProblem, MilvusEndpoint } from './endpoint';
import { parseEndpoint } from './endpoint';
import type { ClientSettings } from './milvusClient';
import { CREDENTIAL_TYPE, MilvusClient } from './milvusClient';
import { tokenOf, tokenProblem } from './token';

/** What the caller decides; the endpoint, credential and TLS setting come from the credential. */
export type ClientOptions = Omit<ClientSettings, 'endpoint' | 'credentials' | 'ignoreSslIssues'>;

export type ClientFromContext =
	| { client: MilvusClient; endpoint: MilvusEndpoint }
	/** The credential's Endpoint or Token cannot be used; nothing may be sent. */
	| { problem: CredentialProblem };

/**
 * Builds the Milvus client for a node context (an execution or the Collection picker): the
 * credential read once, its Endpoint and Token checked (nothing is sent when either cannot be
 * used as it is), and the client that applies it to every call.
 */
export async function clientFromContext(
	host: IExecuteFunctions | ILoadOptionsFunctions,
	options: ClientOptions,
): Promise<ClientFromContext> {
	const credentials = await host.getCredentials(CREDENTIAL_TYPE);
	const endpoint = parseEndpoint(credentials.endpoint);
	if ('problem' in endpoint) return { problem: endpoint.problem };
	const tokenIssue = tokenProblem(tokenOf(credentials));
	if (tokenIssue) return { problem: tokenIssue };
	const reference = host.getNode().credentials?.[CREDENTIAL_TYPE];
	const client = new MilvusClient(host, {
		endpoint,
		credentials: {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: credentials,
		},
		ignoreSslIssues: credentials.ignoreSslIssues === true,
		...options,
	});
	return { client, endpoint };
}
