/**
 * Removes the credential's token from text a server sent back (error messages, pages, redirect
 * targets, answers), in every form a server could echo it. Only server-derived text goes
 * through here, never the node's own wording: the default token `root:Milvus` has the password
 * "Milvus", and "Milvus error 1602" must stay readable.
 *
 * The secrets are the whole token and, for `user:password`, the password part. Each is matched
 * character by character, every character in any of the forms a server produces for it (as
 * is, JSON-escaped at any depth, HTML-escaped, percent-encoded in either case), so mixed and
 * nested encodings are caught too; their base64 and base64url (HTTP Basic, tokens in URLs) are
 * matched as whole strings and, for longer secrets, inside any larger base64 text.
 */
export const REDACTED = '[redacted]';

/**
 * Secrets shorter than this are redacted only where they stand as a whole (not inside a longer
 * word): a one-letter token must not turn every "a" of Milvus's messages into the mark.
 */
const MIN_ANYWHERE_LENGTH = 8;

/** Letters, digits and `_`: a short secret next to one of these is part of another word. */
const WORD_BEFORE = '(?<![\\p{L}\\p{N}_])';
const WORD_AFTER = '(?![\\p{L}\\p{N}_])';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A hexadecimal number in either case, as regex source (`%2f` and `%2F`). */
const anyCaseHex = (value: number, width: number) =>
	[...value.toString(16).padStart(width, '0')]
		.map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit))
		.join('');

const HTML_NAMED: Readonly<Record<string, string[]>> = {
	'&': ['&amp;'],
	'<': ['&lt;'],
	'>': ['&gt;'],
	'"': ['&quot;'],
	"'": ['&#39;', '&apos;'],
};

/**
 * JSON's escapes, at any depth (JSON inside a JSON string, and so on): `"` as `\"`, `\\\"`, ...,
 * `\` as `\\`, `\\\\`, ..., `/` as `\/`; any character as `\uXXXX`, `\\uXXXX`, ...
 */
const JSON_ESCAPED: Readonly<Record<string, string>> = {
	'"': '\\\\*"',
	'\\': '\\\\+',
	'/': '\\\\*\\/',
};

/** Regex source matching one character in every form it may take in server text. */
function characterPattern(character: string): string {
	const codePoint = character.codePointAt(0) ?? 0;
	const units = [...Array(character.length).keys()].map((i) => character.charCodeAt(i));
	const forms = [
		JSON_ESCAPED[character] ?? escapeRegex(character),
		units.map((unit) => `\\\\+u${anyCaseHex(unit, 4)}`).join(''),
		// HTML numeric references, decimal and hexadecimal, with optional leading zeros.
		`&#0*${codePoint};`,
		`&#[xX]0*${anyCaseHex(codePoint, 1)};`,
		// Percent-encoding of each UTF-8 byte, upper or lower case hex.
		[...Buffer.from(character, 'utf8')].map((byte) => `%${anyCaseHex(byte, 2)}`).join(''),
		...(character === ' ' ? ['\\+'] : []),
		...(HTML_NAMED[character] ?? []).map(escapeRegex),
	];
	return `(?:${forms.join('|')})`;
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const toUrlAlphabet = (encoded: string) => encoded.replace(/\+/g, '-').replace(/\//g, '_');

/**
 * The secret's base64 as it appears inside a longer base64 text (`Bearer <token>` encoded
 * whole): for each of the three byte alignments, the characters that depend on the secret alone.
 */
function base64Cores(secret: string): string[] {
	const bytes = Buffer.from(secret, 'utf8');
	return [0, 1, 2].map((shift) => {
		const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
		const start = shift === 0 ? 0 : Math.ceil((shift * 4) / 3);
		const end = Math.floor(((shift + bytes.length) * 4) / 3);
		return encoded.slice(start, end);
	});
}

/** Regex sources for every form of one secret, longest literal forms first. */
function secretPatterns(secret: string): string[] {
	const full = base64(secret);
	const literal = new Set([full, full.replace(/=+$/, ''), toUrlAlphabet(full)]);
	literal.add(toUrlAlphabet(full).replace(/=+$/, ''));
	const short = [...secret].length < MIN_ANYWHERE_LENGTH;
	if (!short)
		for (const core of base64Cores(secret))
			for (const form of [core, toUrlAlphabet(core)]) literal.add(form);
	const sources = [
		[...secret].map(characterPattern).join(''),
		...[...literal].sort((a, b) => b.length - a.length).map(escapeRegex),
	];
	return short ? sources.map((source) => `${WORD_BEFORE}(?:${source})${WORD_AFTER}`) : sources;
}

/** The secrets in a token: the whole token and, for `user:password`, the password. */
function secretsOf(token: string): string[] {
	const colon = token.indexOf(':');
	const password = colon >= 0 ? token.slice(colon + 1) : '';
	return password === '' ? [token] : [token, password];
}

export type Redactor = (serverText: string) => string;

/** A function that replaces every form of `token` in a server-derived text. */
export function redactorFor(token: unknown): Redactor {
	const trimmed = typeof token === 'string' ? token.trim() : '';
	if (trimmed === '') return (text) => text;
	// The whole token's forms come first: where both match, the longer match wins.
	const pattern = new RegExp(secretsOf(trimmed).flatMap(secretPatterns).join('|'), 'gu');
	return (text) => text.replace(pattern, REDACTED);
}
