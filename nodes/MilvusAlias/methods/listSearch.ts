import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readOptionalName } from '../helpers/validation';
import { clientFromContext } from '../transport/clientFactory';
import { credentialError, failureToNodeError } from '../messages/nodeErrors';

const PICKER_TIMEOUT_MS = 15000;

/**
 * The database to list. n8n's editor resolves the node's parameters from its sample data
 * before asking, and sends null for an expression it cannot resolve; another caller may pass
 * the expression itself (`={{ … }}`). Neither names a database, so the default one is listed,
 * as the Collection field's hint says.
 */
export function pickerDatabase(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim().startsWith('=')) return undefined;
	const dbName = readOptionalName('Database Name', typeof value === 'string' ? value : '');
	return dbName === '' ? undefined : dbName;
}

/**
 * The Collection picker: the server's collections in the chosen database, filtered by the
 * search text (Milvus has no server-side filter for collection names).
 */
export async function searchCollections(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	let dbName: string | undefined;
	try {
		dbName = pickerDatabase(this.getCurrentNodeParameter('dbName'));
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message);
	}

	const connection = await clientFromContext(this, {
		timeoutMs: PICKER_TIMEOUT_MS,
		retry: { maxRetries: 0, baseDelayMs: 0 },
	});
	if ('problem' in connection) throw credentialError(this, connection.problem);
	const { client: milvus, endpoint } = connection;
	const outcome = await milvus.attempt('collections/list', dbName ? { dbName } : {});
	if (!outcome.ok) {
		throw failureToNodeError(this.getNode(), outcome, {
			operation: 'list collections',
			changesAliases: false,
			dbName,
			endpoint,
			timeoutMs: PICKER_TIMEOUT_MS,
		});
	}
	const needle = (filter ?? '').trim().toLowerCase();
	const names = (Array.isArray(outcome.data) ? outcome.data.map(String) : [])
		.filter((name) => name.toLowerCase().includes(needle))
		.sort((a, b) => a.localeCompare(b));
	return { results: names.map((name) => ({ name, value: name })) };
}
