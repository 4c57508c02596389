/**
 * How the scripted model chooses a tool: from the descriptions n8n offered, never from the tool
 * names (a test names its tool nodes; a user may leave them as the editor made them). Each user
 * request comes with keyword rules that a description written for a model must satisfy; the
 * tool for the request is the one offered tool whose description matches every `needs` pattern
 * and no `rejects` pattern. No match, or more than one, is a failure: generic or overlapping
 * descriptions cannot pass.
 */
import type { OfferedTool } from './fake-openai';

export interface ToolChoiceRule {
	/** The user's request, as a person would word it. */
	request: string;
	/** What the description must say for a model to pick it for this request. */
	needs: RegExp[];
	/** What would make that tool the wrong one for this request. */
	rejects: RegExp[];
}

/**
 * Requests an ops assistant gets, one per operation, with what the right tool's description has
 * to say. Written from how users ask and what each operation refuses, not from the node's texts.
 */
export const TOOL_CHOICE_RULES = {
	getAll: {
		request: 'Which aliases exist?',
		needs: [/\b(list|many)\b/i, /\baliases\b/i],
		rejects: [],
	},
	get: {
		request: 'Where does the alias products point?',
		needs: [/\bcollection\b/i, /\bpoints? at\b/i],
		rejects: [/\b(many|list|create|switch|update|repoint|delete)\b/i],
	},
	upsert: {
		request: 'Switch products to products_v2, and create the alias if it is missing',
		needs: [/\bswitch/i, /\bcreat/i],
		rejects: [],
	},
	update: {
		request: 'Repoint products to products_v2, but only if the alias already exists',
		needs: [/\bexisting\b/i, /\b(repoint|update|point)/i],
		rejects: [/\bcreat/i],
	},
	create: {
		request: 'Add a new alias products_next for products_v3; never move an alias that exists',
		needs: [/\b(create|add)\b/i, /\b(new|never)\b/i],
		rejects: [/\b(switch|repoint|update)/i],
	},
	delete: {
		request: 'Remove the alias old_products but keep its collection',
		needs: [/\b(delete|remove|drop)\b/i, /\bkeep/i],
		rejects: [],
	},
} satisfies Record<string, ToolChoiceRule>;

export type RuledOperation = keyof typeof TOOL_CHOICE_RULES;

function fits(description: string, rule: ToolChoiceRule): boolean {
	return (
		rule.needs.every((pattern) => pattern.test(description)) &&
		!rule.rejects.some((pattern) => pattern.test(description))
	);
}

/** The one offered tool whose description fits the rule; throws, listing them, otherwise. */
export function chooseTool(tools: OfferedTool[], rule: ToolChoiceRule): OfferedTool {
	const fitting = tools.filter((tool) => fits(tool.description, rule));
	if (fitting.length === 1) return fitting[0];
	const offered = tools.map((tool) => `  - ${tool.description}`).join('\n');
	throw new Error(
		`"${rule.request}": ${fitting.length} tool descriptions fit (one must), among:\n${offered}`,
	);
}
