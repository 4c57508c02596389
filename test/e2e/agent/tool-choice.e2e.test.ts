/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a test, never part of the package: it reads the pinned tool schema */
/**
 * The scripted model's tool choice on its own (no n8n): the rules pick exactly one tool from the
 * descriptions n8n offered (as pinned in tool-schema.snapshot.json), and none from descriptions
 * that do not say what a tool does, so the agent suite's choice can fail.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { OfferedTool } from './fake-openai';
import type { RuledOperation } from './tool-choice';
import { TOOL_CHOICE_RULES, chooseTool } from './tool-choice';

const SNAPSHOT: Record<string, OfferedTool[]> = JSON.parse(
	fs.readFileSync(path.join(__dirname, 'tool-schema.snapshot.json'), 'utf8'),
);

/** The tool node the agent suite gives each operation (its name as the model sees it). */
const TOOL_OF: Record<RuledOperation, string> = {
	getAll: 'List_Aliases',
	get: 'Get_Alias',
	upsert: 'Switch_Alias',
	update: 'Repoint_Alias',
	create: 'Create_Alias',
	delete: 'Delete_Alias',
};
const OPERATIONS = Object.keys(TOOL_OF) as RuledOperation[];

describe.each(Object.keys(SNAPSHOT))('the tools n8n %s offered', (version) => {
	test.each(OPERATIONS)('a request for %s picks its tool from the descriptions', (operation) => {
		const anonymous = SNAPSHOT[version].map((tool, index) => ({ ...tool, name: `tool_${index}` }));
		const chosen = chooseTool(anonymous, TOOL_CHOICE_RULES[operation]);
		const index = anonymous.indexOf(chosen);
		expect(SNAPSHOT[version][index].name).toBe(TOOL_OF[operation]);
	});
});

test('generic descriptions give no choice: each request fits none or several', () => {
	// What n8n says of an operation without an action text: "<operation> <resource> in <node>".
	const generic = OPERATIONS.map((operation, index) => ({
		name: `tool_${index}`,
		description: `${operation} alias in Milvus Alias`,
		parameters: {},
	}));
	for (const operation of OPERATIONS) {
		expect(() => chooseTool(generic, TOOL_CHOICE_RULES[operation])).toThrow(
			/tool descriptions fit/,
		);
	}
});

test('action texts that do not name the switch leave "switch products" ambiguous', () => {
	const withoutSwitch = [
		'Create an alias pointing at a collection in Milvus Alias',
		'Create or update an alias to point at a collection in Milvus Alias',
		'Update an existing alias to point elsewhere in Milvus Alias',
	].map((description, index) => ({ name: `tool_${index}`, description, parameters: {} }));
	expect(() => chooseTool(withoutSwitch, TOOL_CHOICE_RULES.upsert)).toThrow(
		/0 tool descriptions fit/,
	);
});
