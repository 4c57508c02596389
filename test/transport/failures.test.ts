import type { MilvusFailure } from '../../nodes/MilvusAlias/transport/failures';
import { isCongestion } from '../../nodes/MilvusAlias/transport/failures';

function failure(overrides: Partial<MilvusFailure>): MilvusFailure {
	return { kind: 'http', detail: '', transient: true, ambiguous: false, ...overrides };
}

describe('isCongestion', () => {
	test.each([
		[failure({ kind: 'timeout' }), true],
		[failure({ kind: 'milvus', milvusCode: 1807 }), true],
		[failure({ httpStatus: 429 }), true],
		[failure({ httpStatus: 503 }), true],
		[failure({ httpStatus: 502 }), false],
		[failure({ kind: 'milvus', milvusCode: 1602, transient: false }), false],
		[failure({ kind: 'network', networkCode: 'ECONNREFUSED' }), false],
	])('%p → %p', (f, expected) => {
		expect(isCongestion(f)).toBe(expected);
	});
});
