import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MilvusEndpoint } from './endpoint';
import { parseEndpoint } from './endpoint';
import { explainEndpointProblem } from './explain';
import type { ClientSettings } from './index';
import { CREDENTIAL_TYPE, MilvusClient } from './index';

/** What the caller decides; the endpoint, credential and TLS setting come from the credential. */
export type ClientOptions = Omit<ClientSettings, 'endpoint' | 'credentials' | 'ignoreSslIssues'>;

export type ClientFromContext =
	| { client: MilvusClient; endpoint: MilvusEndpoint }
	/** The credential's Endpoint cannot be used; nothing may be sent. */
	| { error: NodeOperationError };

/**
 * Builds the Milvus client for a node context (an execution or the Collection picker): the
 * credential read once, its Endpoint checked, and the client that applies it to every call.
 */
export async function clientFromContext(
	host: IExecuteFunctions | ILoadOptionsFunctions,
	options: ClientOptions,
): Promise<ClientFromContext> {
	const credentials = await host.getCredentials(CREDENTIAL_TYPE);
	const endpoint = parseEndpoint(credentials.endpoint);
	if ('problem' in endpoint) {
		const explanation = explainEndpointProblem(endpoint.problem);
		return {
			error: new NodeOperationError(host.getNode(), explanation.message, {
				description: explanation.description,
			}),
		};
	}
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
