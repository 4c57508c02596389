/**
 * Redaction of server-derived text: every form of the token (built by the test, tokenForms.ts),
 * anywhere in a text; short secrets only where they stand as a whole, so messages stay readable.
 */
import { REDACTED, redactorFor } from '../../nodes/MilvusAlias/transport/redact';
import { formsOf, HARD_TOKENS, tokenForms } from './tokenForms';

describe.each(HARD_TOKENS)('every form of %j', (token) => {
	const redact = redactorFor(token);

	test.each(tokenForms(token))('%s is redacted, the words around it kept', (_, form) => {
		const text = `before ${form} after`;
		const redacted = redact(text);
		expect(redacted).not.toContain(form);
		expect(redacted).toMatch(/^before .*\[redacted\].* after$/);
		expect(redacted).not.toContain(token);
	});

	test('forms glued to other text are redacted too (long secrets)', () => {
		for (const [, form] of tokenForms(token)) expect(redact(`x${form}y`)).not.toContain(form);
	});

	test('a token that appears twice is redacted twice', () => {
		expect(redact(`${token} and ${token}`)).toBe(`${REDACTED} and ${REDACTED}`);
	});
});

describe('short secrets are redacted where they stand as a whole', () => {
	test('token "a": a Milvus message stays readable, the token itself does not show', () => {
		const redact = redactorFor('a');
		expect(redact('alias not found[database=default][alias=books]')).toBe(
			'alias not found[database=default][alias=books]',
		);
		expect(redact("user hasn't authenticated: got Bearer a")).toBe(
			`user hasn't authenticated: got Bearer ${REDACTED}`,
		);
		expect(redact('token "a" rejected')).toBe(`token "${REDACTED}" rejected`);
		for (const [, form] of Object.entries(formsOf('a')))
			expect(redact(`got ${form}.`)).toBe(`got ${REDACTED}.`);
	});

	test('a password shorter than 8 characters: as a whole word only', () => {
		const redact = redactorFor('root:ab1');
		expect(redact('a tab1, a lab1 and ab12')).toBe('a tab1, a lab1 and ab12');
		expect(redact('password ab1 rejected; root:ab1')).toBe(
			`password ${REDACTED} rejected; ${REDACTED}`,
		);
		expect(redact('pw=%61%62%31&')).toBe(`pw=${REDACTED}&`);
	});

	test('the default root:Milvus: Milvus error texts stay readable, the password does not show', () => {
		const redact = redactorFor('root:Milvus');
		expect(redact('alias not found[database=default][alias=books]')).toBe(
			'alias not found[database=default][alias=books]',
		);
		expect(redact('collection not found[collection=MilvusDocs]')).toBe(
			'collection not found[collection=MilvusDocs]',
		);
		expect(redact('got Bearer root:Milvus, password Milvus')).toBe(
			`got Bearer ${REDACTED}, password ${REDACTED}`,
		);
		expect(redact('Basic cm9vdDpNaWx2dXM=')).toBe(`Basic ${REDACTED}`);
	});

	test('a long secret is redacted inside other words too', () => {
		const redact = redactorFor('root:S3cr3t-xyz');
		expect(redact('xxS3cr3t-xyzyy')).toBe(`xx${REDACTED}yy`);
	});
});

test('no token, no change', () => {
	expect(redactorFor('')('Bearer x')).toBe('Bearer x');
	expect(redactorFor('   ')('Bearer x')).toBe('Bearer x');
	expect(redactorFor(undefined)('Bearer x')).toBe('Bearer x');
});

test('5 MB of server text is redacted to its end', () => {
	const redact = redactorFor(HARD_TOKENS[0]);
	const text = `${'y'.repeat(5_000_000)} ${HARD_TOKENS[0]}`;
	expect(redact(text).endsWith(` ${REDACTED}`)).toBe(true);
});
