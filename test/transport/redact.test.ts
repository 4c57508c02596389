/** Redaction of server-derived text: every form of the token, and nothing of our own words. */
import { REDACTED, redactorFor, secretForms } from '../../nodes/MilvusAlias/transport/redact';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('redactorFor', () => {
	test.each([
		['the whole token', 'root:S3cr3t-xyz', 'echo root:S3cr3t-xyz'],
		['Bearer <token>', 'root:S3cr3t-xyz', 'Authorization: Bearer root:S3cr3t-xyz'],
		['the password part', 'root:S3cr3t-xyz', 'password S3cr3t-xyz rejected'],
		['base64 of user:password', 'root:S3cr3t-xyz', `Basic ${b64('root:S3cr3t-xyz')}`],
		['URL encoding', 'root:S3cr3t/xyz', `token=${encodeURIComponent('root:S3cr3t/xyz')}`],
		['an API key', 'zk-0123456789abcdef', 'bad key zk-0123456789abcdef'],
	])('removes %s', (_, token, text) => {
		const redacted = redactorFor(token)(text);
		for (const form of secretForms(token)) expect(redacted).not.toContain(form);
		expect(redacted).toContain(REDACTED);
	});

	test('the default token root:Milvus leaves a message without it readable', () => {
		const redact = redactorFor('root:Milvus');
		expect(redact('alias not found[database=default][alias=books]')).toBe(
			'alias not found[database=default][alias=books]',
		);
		expect(redact('got Bearer root:Milvus')).toBe(`got Bearer ${REDACTED}`);
	});

	test('a short password is only redacted as part of the whole token', () => {
		const redact = redactorFor('u:ab');
		expect(redact('a tab, u:ab')).toBe(`a tab, ${REDACTED}`);
	});

	test('no token, no change', () => {
		expect(redactorFor('')('Bearer x')).toBe('Bearer x');
		expect(redactorFor(undefined)('Bearer x')).toBe('Bearer x');
	});
});
