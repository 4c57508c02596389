// Proxy-side name checks (internal/proxy/util.go validateCollectionNameOrAlias, 2.4-2.6).
import type { MilvusError } from './binding';

const MAX_NAME_LENGTH = 255; // proxy.maxNameLength default

/** A handler's failure: the Milvus error and the HTTP status (200 for every business error). */
export interface Failure {
	error: MilvusError;
	status: number;
}

export function fail(code: number, message: string, status = 200): Failure {
	return { error: { code, message }, status };
}

const isAlpha = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/** No trimming, byte-wise ASCII checks, as the proxy does. Null when the name is valid. */
export function validateName(entity: string, entityType: 'alias' | 'name'): Failure | null {
	if (entity === '') {
		return fail(1100, `collection ${entityType} should not be empty: invalid parameter`);
	}
	const invalidMsg = `Invalid collection ${entityType}: ${entity}. `;
	const bytes = Buffer.from(entity, 'utf8');
	if (bytes.length > MAX_NAME_LENGTH) {
		return fail(
			1100,
			`${invalidMsg} the length of a collection ${entityType} must be less than ${MAX_NAME_LENGTH} characters: invalid parameter`,
		);
	}
	if (bytes[0] !== 0x5f && !isAlpha(bytes[0])) {
		return fail(
			1100,
			`${invalidMsg} the first character of a collection ${entityType} must be an underscore or letter: invalid parameter`,
		);
	}
	for (let i = 1; i < bytes.length; i++) {
		const b = bytes[i];
		if (b !== 0x5f && !isAlpha(b) && !isDigit(b)) {
			return fail(
				1100,
				`${invalidMsg} collection ${entityType} can only contain numbers, letters and underscores: invalid parameter`,
			);
		}
	}
	return null;
}
