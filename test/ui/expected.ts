/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling, never part of the package: it reads the README */
/**
 * What the browser suite expects a user to see, written here or read from the README, never
 * taken from the package's code: a wrong wording in the product must fail the suite, not move
 * the expectation with it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

/**
 * The node's actions in the nodes panel, by operation, as the README's table of automatic tool
 * descriptions gives them (n8n makes "<action> in Milvus Alias" of each).
 */
export function readmeActions(): Map<string, string> {
	const lines = README.split('\n').map((line) => line.trim());
	const header = lines.findIndex((line) =>
		/^\| Operation \| Automatic tool description \|$/.test(line),
	);
	if (header < 0) throw new Error('README: no table of automatic tool descriptions');
	const actions = new Map<string, string>();
	for (const line of lines.slice(header + 2)) {
		const row = line.match(/^\| (.+?) \| (.+) in Milvus Alias \|$/);
		if (!row) break;
		actions.set(row[1], row[2]);
	}
	return actions;
}

/** The project's home: its README is the node's documentation. */
export const REPOSITORY_URL = 'https://github.com/n8n-nodes-milvus-alias/n8n-nodes-milvus-alias';
/** The README section a user setting up the credential needs. */
export const CREDENTIAL_DOCS_URL = `${REPOSITORY_URL}#credentials`;

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

/** The anchors of the README's headings (what a link into the README on GitHub can point at). */
export function readmeAnchors(): string[] {
	return [...README.matchAll(/^#{1,6} (.+)$/gm)].map((match) => headingAnchor(match[1]));
}

export interface PromisedFailure {
	/** The message as a pattern: placeholders filled in, the server's own words (…) as any text. */
	message: RegExp;
	/** The description, placeholders filled in. */
	description: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The Troubleshooting table's row whose first cell is `failure`: what the node says and what the
 * description adds, with `<alias>`, `<collection>`, ... replaced by `values`.
 */
export function promisedFailure(failure: string, values: Record<string, string>): PromisedFailure {
	const row = README.split('\n').find((line) => line.startsWith(`| ${failure} |`));
	if (!row) throw new Error(`README: no Troubleshooting row "${failure}"`);
	const [, said, adds] = row.split(' | ');
	const fill = (text: string) =>
		text.replace(/<(\w+)>/g, (placeholder, name: string) => values[name] ?? placeholder);
	const template = said.replace(/^`|`$/g, '');
	const pattern = template
		.split('…')
		.map((part) => escapeRegExp(fill(part)))
		.join('.+');
	return { message: new RegExp(`^${pattern}$`, 's'), description: fill(adds) };
}
