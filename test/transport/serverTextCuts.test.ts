/**
 * Server text is redacted BEFORE it is cut: a token standing just before, across or just after
 * each length bound never shows, not even in part. The sweep covers every position around
 * every bound, through the code that reads answers and words errors (readAnswer, explainFailure);
 * the engine suite repeats the telling positions through n8n's engine against the emulator.
 */
import { jsonStringify } from 'n8n-workflow';

import { explainFailure } from '../../nodes/MilvusAlias/messages/explain';
import type { ReadAnswer } from '../../nodes/MilvusAlias/transport/failures';
import { redactorFor } from '../../nodes/MilvusAlias/transport/redact';
import { readAnswer } from '../../nodes/MilvusAlias/transport/request';
import type { EmulatorFault } from '../../tooling/emulator';
import type { MilvusEmulator } from '../fixtures';
import { runOperation, SEEDS, useEmulator } from '../fixtures';
import { formsOf, HARD_TOKENS } from './tokenForms';

/** Filler that no form of the test tokens contains. */
const FILL = '~';

/** Every 4-character piece of a form: none may show, so no cut can leave part of it. */
function piecesOf(form: string): string[] {
	const pieces = new Set<string>();
	for (let i = 0; i + 4 <= form.length; i++) pieces.add(form.slice(i, i + 4));
	return [...pieces];
}

/**
 * No piece of `form` in `visible`, beyond the pieces the same text shows without the form
 * (`baseline`: our own words, such as "with" in "answered with an HTTP error").
 */
function expectNoPiece(visible: string, form: string, where: string, baseline: string): void {
	const leaked = piecesOf(form).filter(
		(piece) => visible.includes(piece) && !baseline.includes(piece),
	);
	expect({ where, leaked }).toEqual({ where, leaked: [] });
}

/** Where server text is cut, and how a text reaches it in an answer. */
interface CutSite {
	name: string;
	path: string;
	/** Characters of server text kept, counted from the text's start. */
	bound: number;
	answer: (text: string) => ReadAnswer;
}

const SITES: CutSite[] = [
	{
		name: "a Milvus error's message",
		path: 'aliases/describe',
		bound: 300,
		answer: (text) => ({ statusCode: 200, body: { code: 65535, message: text } }),
	},
	{
		name: 'a plain-text HTTP error page',
		path: 'aliases/describe',
		bound: 120,
		answer: (text) => ({ statusCode: 500, body: text }),
	},
	{
		name: 'a JSON HTTP error body (shown JSON-encoded)',
		path: 'aliases/describe',
		bound: 120 - '{"message":"'.length,
		answer: (text) => ({ statusCode: 500, body: { message: text } }),
	},
	{
		name: 'a 200 answer that is not JSON',
		path: 'aliases/describe',
		bound: 120,
		answer: (text) => ({ statusCode: 200, body: text }),
	},
	{
		name: "a redirect's Location",
		path: 'aliases/describe',
		bound: 120,
		answer: (text) => ({ statusCode: 302, body: '', location: text }),
	},
	{
		name: 'a value of the wrong shape',
		path: 'aliases/describe',
		bound: 80 - '{"note":"'.length,
		answer: (text) => ({
			statusCode: 200,
			body: { code: 0, data: { collectionName: { note: text } } },
		}),
	},
];

const CONTEXT = {
	operation: 'get',
	changesAliases: false,
	aliasName: 'books',
	endpoint: 'http://milvus:19530',
	hostPort: 'milvus:19530',
	attempts: 1,
	timeoutMs: 1000,
};

/** Everything the user would see of an answer: the error's message and description. */
function visibleOf(site: CutSite, text: string, token: string): string {
	const result = readAnswer(site.path, site.answer(text), redactorFor(token));
	if (result.ok) throw new Error(`${site.name}: read as a success`);
	const { message, description } = explainFailure(result.failure, CONTEXT);
	return `${message}\n${description}`;
}

/** The forms a whole secret is shown in (base64 inside longer base64 is redact.test.ts's). */
function exactForms(token: string): Array<[string, string]> {
	const password = token.includes(':') ? token.slice(token.indexOf(':') + 1) : '';
	return [
		...Object.entries(formsOf(token)).map(([label, form]): [string, string] => [
			`token ${label}`,
			form,
		]),
		...(password
			? Object.entries(formsOf(password)).map(([label, form]): [string, string] => [
					`password ${label}`,
					form,
				])
			: []),
	];
}

describe.each(SITES)('$name: the token at every position around the bound', (site) => {
	test.each(HARD_TOKENS)('%j', (token) => {
		for (const [label, form] of exactForms(token)) {
			for (let at = site.bound - form.length - 2; at <= site.bound + 2; at++) {
				const around = (middle: string) =>
					`${FILL.repeat(Math.max(0, at))}${middle} and more text after it`;
				const baseline = visibleOf(site, around(FILL.repeat(form.length)), token);
				expectNoPiece(visibleOf(site, around(form), token), form, `${label} at ${at}`, baseline);
			}
		}
	});
});

describe('through the engine: just before, across and just after each bound', () => {
	const milvus = useEmulator(SEEDS.products);
	const token = HARD_TOKENS[0];
	const password = token.slice(token.indexOf(':') + 1);
	const forms = [
		['the token', token],
		['the password JSON-escaped', JSON.stringify(password).slice(1, -1)],
		[
			'the token percent-encoded, lower-case hex',
			encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
		],
	];

	/** A fault that puts `text` where each site reads it. */
	const FAULTS: Array<{ name: string; bound: number; fault: (text: string) => EmulatorFault }> = [
		{
			name: "a Milvus error's message",
			bound: 300,
			fault: (text) => ({ kind: 'code', code: 65535, message: text }),
		},
		{
			name: 'a plain-text HTTP 500 page',
			bound: 120,
			fault: (text) => ({ kind: 'status', status: 500, body: text }),
		},
		{
			name: 'a 200 answer that is not JSON',
			bound: 120,
			fault: (text) => ({ kind: 'nonJson', body: text }),
		},
		{
			name: "a redirect's Location",
			bound: 120,
			fault: (text) => ({ kind: 'status', status: 302, body: '', headers: { Location: text } }),
		},
	];

	async function runWith(emulator: MilvusEmulator, fault: EmulatorFault) {
		emulator.injectFault({ ...fault, path: 'aliases/describe' });
		const result = await runOperation({ endpoint: emulator.url, token }, 'get', {
			aliasName: 'products',
			options: { maxRetries: 0 },
		});
		expect(result.error).toBeDefined();
		return jsonStringify(
			{ run: result.run, outputs: result.outputs },
			{ replaceCircularRefs: true },
		);
	}

	test.each(FAULTS)('$name', async ({ bound, fault }) => {
		const around = (at: number, middle: string) => `${FILL.repeat(at)}${middle} end`;
		for (const [label, form] of forms) {
			const baseline = await runWith(
				milvus.current(),
				fault(around(bound, FILL.repeat(form.length))),
			);
			const positions = {
				'just before': bound - form.length,
				across: bound - Math.floor(form.length / 2),
				'just after': bound,
			};
			for (const [where, at] of Object.entries(positions)) {
				const recorded = await runWith(milvus.current(), fault(around(at, form)));
				// n8n's record JSON-encodes strings once: look for that form of the form too.
				for (const shown of [form, JSON.stringify(form).slice(1, -1)])
					expectNoPiece(recorded, shown, `${label} ${where} (${at})`, baseline);
			}
		}
	});
});
