import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE, MilvusClient } from '../transport';
import { parseEndpoint } from '../transport/endpoint';
import { explainFailure } from '../transport/explain';

/**
 * The Collection picker: the server's collections in the chosen database, filtered by the
 * search text (Milvus has no server-side filter for collection names).
 */
export async function searchCollections(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const endpoint = parseEndpoint(credentials.endpoint);
	if ('invalid' in endpoint) throw new NodeOperationError(this.getNode(), endpoint.invalid);

	const dbName = String(this.getCurrentNodeParameter('dbName') ?? '').trim();
	const milvus = new MilvusClient(this, {
		endpoint,
		credentials: { id: '', name: '', type: CREDENTIAL_TYPE, data: credentials },
		ignoreSslIssues: credentials.ignoreSslIssues === true,
		timeoutMs: 15000,
		retry: { maxRetries: 0, baseDelayMs: 0 },
	});
	const outcome = await milvus.attempt('collections/list', dbName ? { dbName } : {});
	if (!outcome.ok) {
		const explanation = explainFailure(outcome.failure, {
			operation: 'list collections',
			dbName: dbName || undefined,
			endpoint: endpoint.display,
			hostPort: endpoint.hostPort,
			attempts: outcome.attempts,
			timeoutMs: 15000,
		});
		throw new NodeOperationError(this.getNode(), explanation.message, {
			description: explanation.description,
		});
	}
	const needle = (filter ?? '').trim().toLowerCase();
	const names = (Array.isArray(outcome.data) ? outcome.data.map(String) : [])
		.filter((name) => name.toLowerCase().includes(needle))
		.sort((a, b) => a.localeCompare(b));
	return { results: names.map((name) => ({ name, value: name })) };
}
