/**
 * Field mappings n8n would evaluate to a plain string, read without n8n's expression engine.
 *
 * Most workflows fill Alias Name and Collection with a mapping of the incoming item, like
 * `{{ $json.collection }}` or `products_{{ $json.version }}`. In n8n 2.x every expression runs in
 * an isolated sandbox, about two thirds of a millisecond each, the largest cost of an item (see
 * tooling/bench/README.md). A mapping that only joins quoted text and `$json` fields has one
 * possible result when every field it reads is a string: the texts joined. This module
 * recognises exactly that shape and computes that result from n8n's own `$json` of the item;
 * anything else (another shape, a field that is missing or not a string) returns undefined, and
 * the caller lets n8n evaluate the expression as usual, so an outcome never differs from n8n's.
 */

import { isSafeObjectProperty } from 'n8n-workflow';

/** A piece of a mapping: a fixed text, or the value at a path under `$json`. */
type Part = { text: string } | { path: string[] };

export interface ItemMapping {
	/** The mapping's result for this item's `$json`, or undefined when n8n must evaluate it. */
	resolve(json: unknown): string | undefined;
}

const IDENTIFIER = '[A-Za-z_$][A-Za-z0-9_$]*';
// A quoted text without escapes (an escape would need JavaScript's rules to read) or control
// characters (n8n's parser rejects some, e.g. U+2028, which the template may not hold at all).
const QUOTED = `"[^"\\\\\\u0000-\\u001f]*"|'[^'\\\\\\u0000-\\u001f]*'`;
const TERM = `\\$json(?:\\.${IDENTIFIER})+|${QUOTED}`;
const TERM_PATTERN = new RegExp(`^(?:${TERM})$`);
const TERMS_PATTERN = new RegExp(`^\\s*(?:${TERM})(?:\\s*\\+\\s*(?:${TERM}))*\\s*$`);
const TERM_SPLIT = new RegExp(`(${TERM})`, 'g');
// What n8n refuses to evaluate must fail with n8n's own message, so such mappings are left to
// it: a `.constructor` anywhere in the template (n8n's own test), line or paragraph separators.
const REFUSED_BY_N8N = /\.\s*constructor|[\u2028\u2029]/;

/**
 * A field name n8n reads like any other: not one of its unsafe properties (`constructor`,
 * `caller`, ...: n8n-workflow's own list, so each n8n version applies its own), and not starting
 * with `$` (n8n gives `$` itself a meaning of its own).
 */
function isPlainFieldName(name: string): boolean {
	return isSafeObjectProperty(name) && !name.startsWith('$');
}

/** The parts of one `{{ … }}` block, or undefined when it is not quoted texts and fields joined by `+`. */
function blockParts(code: string): Part[] | undefined {
	if (!TERMS_PATTERN.test(code)) return undefined;
	const parts: Part[] = [];
	for (const term of code.match(TERM_SPLIT) ?? []) {
		if (!TERM_PATTERN.test(term)) return undefined;
		if (term.startsWith('$json')) {
			const path = term.split('.').slice(1);
			if (!path.every(isPlainFieldName)) return undefined;
			parts.push({ path });
		} else {
			parts.push({ text: term.slice(1, -1) });
		}
	}
	// With no field, `"a" + "b"` is still JavaScript's to read (n8n's, not ours).
	return parts.some((part) => 'path' in part) ? parts : undefined;
}

/**
 * Reads a parameter's saved value (`=` + template) into parts, or undefined when it is not a
 * mapping this module may compute: text outside the blocks may not hold braces or backslashes
 * (n8n's template escapes), and every block must be quoted texts and `$json` fields joined by `+`.
 */
export function compileItemMapping(saved: unknown): ItemMapping | undefined {
	if (typeof saved !== 'string' || !saved.startsWith('=') || REFUSED_BY_N8N.test(saved)) {
		return undefined;
	}
	const template = saved.slice(1);
	const parts: Part[] = [];
	let rest = template;
	while (rest !== '') {
		const open = rest.indexOf('{{');
		const text = open === -1 ? rest : rest.slice(0, open);
		if (/[{}\\]/.test(text)) return undefined;
		if (text !== '') parts.push({ text });
		if (open === -1) break;
		const close = rest.indexOf('}}', open + 2);
		if (close === -1) return undefined;
		const code = rest.slice(open + 2, close);
		if (/[{}]/.test(code)) return undefined;
		const block = blockParts(code);
		if (!block) return undefined;
		parts.push(...block);
		rest = rest.slice(close + 2);
	}
	if (!parts.some((part) => 'path' in part)) return undefined;
	return { resolve: (json) => joinParts(parts, json) };
}

/** The value at `path` when every step is an own property; undefined otherwise. */
function valueAt(json: unknown, path: string[]): unknown {
	let current = json;
	for (const name of path) {
		if (current === null || typeof current !== 'object') return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, name)) return undefined;
		current = (current as Record<string, unknown>)[name];
	}
	return current;
}

function joinParts(parts: Part[], json: unknown): string | undefined {
	let result = '';
	for (const part of parts) {
		if ('text' in part) {
			result += part.text;
			continue;
		}
		const value = valueAt(json, part.path);
		// A number, an object, a missing field...: n8n's conversion rules apply, so n8n evaluates.
		if (typeof value !== 'string') return undefined;
		result += value;
	}
	return result;
}
