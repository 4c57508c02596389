import { MILVUS_CODE } from '../transport/failures';
import type { MilvusFailure } from '../transport/failures';
import { explainFailure } from './explain';

/** A rule of n8n's credential tester: fails the Test when the status or a body value matches. */
type TestRule =
	| { type: 'responseCode'; properties: { value: number; message: string } }
	| {
			type: 'responseSuccessBody';
			properties: { key: string; value: number | undefined; message: string };
	  };

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
const ERROR_STATUSES = [401, 403, 404, 408, 429, 502, 503, 504];

/** The Test's wording for a failure: the node's message and description, as one text. */
function testMessage(failure: Omit<MilvusFailure, 'transient' | 'ambiguous'>): string {
	const { message, description } = explainFailure(
		{ ...failure, transient: false, ambiguous: false },
		{
			operation: 'test',
			changesAliases: false,
			endpoint: 'this Endpoint',
			hostPort: 'this Endpoint',
			attempts: 1,
			timeoutMs: 0,
		},
	);
	return `${message}. ${description}`;
}

/**
 * The credential Test's rules, worded like the node's own errors (one catalog): every redirect
 * and error status, every Milvus code the node knows, and any other answer without the `data`
 * a collection list has (another Milvus code, or something that is not Milvus).
 */
export function credentialTestRules(): TestRule[] {
	const statusRules: TestRule[] = [
		...REDIRECT_STATUSES.map((status) => ({ status, kind: 'redirect' as const })),
		...ERROR_STATUSES.map((status) => ({ status, kind: 'http' as const })),
	].map(({ status, kind }) => ({
		type: 'responseCode',
		properties: { value: status, message: testMessage({ kind, httpStatus: status, detail: '' }) },
	}));
	const codeRules: TestRule[] = Object.values(MILVUS_CODE).map((code) => ({
		type: 'responseSuccessBody',
		properties: {
			key: 'code',
			value: code,
			message: testMessage({ kind: 'milvus', milvusCode: code, detail: '' }),
		},
	}));
	const anyOtherAnswer: TestRule = {
		type: 'responseSuccessBody',
		properties: {
			key: 'data',
			value: undefined,
			message:
				"The answer is not Milvus's collection list: either Milvus answered with an error code, or the Endpoint does not point at Milvus's REST API v2. Run the Milvus Alias node's Get Many with this credential to see the server's code and message.",
		},
	};
	return [...statusRules, ...codeRules, anyOtherAnswer];
}
