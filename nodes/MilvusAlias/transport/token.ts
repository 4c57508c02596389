/** Why a Token cannot be sent as it is (messages/failureCatalog words each). */
export type TokenProblemId = 'token-not-ascii' | 'token-control-character';

/** A Token the HTTP client would change. */
export interface TokenProblem {
	id: TokenProblemId;
	/** Always '': the Token never appears in a message. */
	value: string;
}

/** The credential's Token as it is sent: trimmed; '' when none is set. */
export function tokenOf(credentials: { token?: unknown }): string {
	return typeof credentials.token === 'string' ? credentials.token.trim() : '';
}

const isControl = (code: number) => code < 0x20 || code === 0x7f;

/**
 * Why a token cannot be sent as it is, or undefined when it can. An HTTP header carries
 * printable ASCII (and spaces); n8n's HTTP client silently drops or changes anything else
 * (`root:пароль123` went out as `root:123`), so Milvus would receive a token no one gave it.
 */
export function tokenProblem(token: string): TokenProblem | undefined {
	const codes = [...token].map((character) => character.codePointAt(0) ?? 0);
	// Control characters first: a line break is the likelier slip, and its advice differs.
	if (codes.some(isControl)) return { id: 'token-control-character', value: '' };
	if (codes.some((code) => code > 0x7e)) return { id: 'token-not-ascii', value: '' };
	return undefined;
}
