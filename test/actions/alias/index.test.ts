/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a test, never part of the package: it reads README.md */
/**
 * The README's Operations section against the operation list (as test/messages/failureCatalog
 * checks Troubleshooting against the catalog): a new operation without its section, or a section
 * left behind, fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { aliasOperationList } from '../../../nodes/MilvusAlias/actions/alias';

const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');

/** The `### ` sections of `## Operations`, each with its text. */
function operationSections(): Map<string, string> {
	const start = readme.indexOf('\n## Operations\n');
	const end = readme.indexOf('\n## ', start + 1);
	const sections = readme.slice(start, end).split('\n### ').slice(1);
	return new Map(
		sections.map((section) => {
			const newline = section.indexOf('\n');
			return [section.slice(0, newline).trim(), section.slice(newline)];
		}),
	);
}

test('every operation has its section, in the order of the list, each with an example output', () => {
	const sections = operationSections();
	const names = aliasOperationList.map(({ name }) => name);
	expect([...sections.keys()].filter((heading) => names.includes(heading))).toEqual(names);
	for (const name of names)
		expect({ name, example: sections.get(name)?.includes('```json') }).toEqual({
			name,
			example: true,
		});
});

test('a section that is no operation is a topic, never a removed operation', () => {
	const names = new Set(aliasOperationList.map(({ name }) => name));
	const topics = [...operationSections().keys()].filter((heading) => !names.has(heading));
	expect(topics).toEqual(['An alias given as the Collection']);
});
