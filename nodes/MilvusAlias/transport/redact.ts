/**
 * Removes the credential's token from text a server sent back (error messages, pages, redirect
 * targets), in every form a server could echo it: as given, `Bearer <token>`, the password part
 * of `user:password`, base64 (HTTP Basic) and URL encoding. Only server-derived text goes
 * through here, never the node's own wording: the default token `root:Milvus` has the password
 * "Milvus", and "Milvus error 1602" must stay readable.
 */
export const REDACTED = '[redacted]';

/**
 * Forms shorter than this are not searched for on their own (a one-letter password would
 * blank out every occurrence of that letter); the whole token always is.
 */
const MIN_PART_LENGTH = 4;

function base64(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64');
}

/** Every form of the token a server could echo, longest first so longer forms win. */
export function secretForms(rawToken: string): string[] {
	const token = rawToken.trim();
	if (token === '') return [];
	const colon = token.indexOf(':');
	const password = colon >= 0 ? token.slice(colon + 1) : '';
	const forms = new Set<string>([token, base64(token), encodeURIComponent(token)]);
	if (password.length >= MIN_PART_LENGTH) {
		for (const form of [password, base64(password), encodeURIComponent(password)]) forms.add(form);
	}
	return [...forms].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
}

export type Redactor = (serverText: string) => string;

/** A function that replaces every form of `token` in a server-derived text. */
export function redactorFor(token: unknown): Redactor {
	const forms = typeof token === 'string' ? secretForms(token) : [];
	if (forms.length === 0) return (text) => text;
	return (text) => forms.reduce((result, form) => result.split(form).join(REDACTED), text);
}
