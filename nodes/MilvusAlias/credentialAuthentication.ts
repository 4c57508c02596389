import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { explainCredentialProblem } from './messages/explain';
import { parseEndpoint } from './transport/endpoint';
import { tokenOf, tokenProblem } from './transport/token';

/**
 * The credential applied to a request (the credential's `authenticate`): the Bearer header when
 * a Token is set, and for the credential's Test, the one request that comes with a `baseURL`,
 * the URL the node itself would use (`parseEndpoint`), so the Test checks exactly what
 * executions reach. An Endpoint or Token the node refuses fails the Test with the node's own
 * words, before anything is sent. The node's own requests carry the URL it already checked.
 */
export function authenticatedRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const token = tokenOf(credentials);
	const endpoint =
		requestOptions.baseURL === undefined ? undefined : parseEndpoint(credentials.endpoint);
	const problem = endpoint && 'problem' in endpoint ? endpoint.problem : tokenProblem(token);
	if (problem) {
		const { message, description } = explainCredentialProblem(problem);
		throw new Error(`${message}. ${description}`);
	}
	return {
		...requestOptions,
		...(endpoint && 'baseUrl' in endpoint ? { baseURL: endpoint.baseUrl } : {}),
		...(token === ''
			? {}
			: { headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` } }),
	};
}
