/**
 * Every form a server could echo a token in, built here independently of the redactor (a test
 * built from the redactor's own list could not find what the redactor misses).
 */

const percentAll = (text: string, hex: (h: string) => string) =>
	[...Buffer.from(text, 'utf8')]
		.map((byte) => `%${hex(byte.toString(16).padStart(2, '0'))}`)
		.join('');

const HTML_NAMED: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

/** Go's encoding/json escapes <, > and & as \u003c, \u003e, \u0026 (Milvus is written in Go). */
const goJsonString = (text: string) =>
	JSON.stringify(text)
		.slice(1, -1)
		.replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The forms of one secret, by name: what a server, a proxy page or a log line may contain. */
export function formsOf(secret: string): Record<string, string> {
	const b64 = Buffer.from(secret, 'utf8').toString('base64');
	const jsonOnce = JSON.stringify(secret).slice(1, -1);
	return {
		raw: secret,
		'JSON-escaped once': jsonOnce,
		'JSON-escaped twice': JSON.stringify(jsonOnce).slice(1, -1),
		'JSON-escaped by Go': goJsonString(secret),
		'HTML-escaped': secret.replace(/[&<>"']/g, (c) => HTML_NAMED[c]),
		'HTML decimal references': [...secret].map((c) => `&#${c.codePointAt(0)};`).join(''),
		'HTML hex references': [...secret].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join(''),
		'percent-encoded, upper-case hex': encodeURIComponent(secret),
		'percent-encoded, lower-case hex': encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) =>
			m.toLowerCase(),
		),
		'percent-encoded byte by byte': percentAll(secret, (h) => h.toUpperCase()),
		'form-encoded (space as +)': new URLSearchParams({ t: secret }).toString().slice(2),
		base64: b64,
		'base64 without padding': b64.replace(/=+$/, ''),
		base64url: b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
	};
}

/**
 * Every form of a token and of its password part, as [label, text] pairs, plus texts that carry
 * it inside something larger (a Bearer header, whole or in base64).
 */
export function tokenForms(token: string): Array<[string, string]> {
	const colon = token.indexOf(':');
	const password = colon >= 0 ? token.slice(colon + 1) : '';
	const pairs: Array<[string, string]> = Object.entries(formsOf(token)).map(([label, text]) => [
		`token ${label}`,
		text,
	]);
	if (password !== '')
		for (const [label, text] of Object.entries(formsOf(password)))
			pairs.push([`password ${label}`, text]);
	pairs.push(['Bearer <token>', `Bearer ${token}`]);
	for (const prefix of ['Bearer ', 'Authorization: Bearer ', 'x'])
		pairs.push([
			`base64 of "${prefix}<token>"`,
			Buffer.from(`${prefix}${token}`, 'utf8').toString('base64'),
		]);
	return pairs;
}

/** Tokens with the characters every encoding treats specially. */
export const HARD_TOKENS = [
	'root:Ct7Q"m\\W2p&L<r8>X\'vK4/%+ z',
	'db_admin:pa$$w0rd-with-"quotes"-and-\\backslash',
	'zk-0123456789abcdefXYZ',
];
