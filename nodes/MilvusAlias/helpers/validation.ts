/**
 * Input rules, checked before any request so a bad item never reaches the server. Values come
 * from expressions as often as from the editor, so each reader accepts the real type and its
 * unambiguous string form, and rejects anything else with a message naming the field, what
 * came and what is expected: a silent fallback to a default could switch an alias wrongly.
 */

/**
 * Milvus's rule for alias, collection and database names, written once: the editor's field
 * validation, the item checks and the advice for Milvus's 1100 all use these two.
 * Milvus 2.4 and 2.6 differ in whether they trim names, so we trim and validate on our side.
 */
export const MILVUS_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

/** The rule in words, after "must". */
export const NAME_RULE =
	'start with a letter or an underscore, contain only letters, digits and underscores, and be at most 255 characters long';

/** A value rejected for one item; the message names the field and the rule. */
export class InvalidInputError extends Error {}

/** "string "abc"", "number 2.5", "array", ...: what came, shortened so a huge value stays readable. */
export function describeInput(value: unknown): string {
	if (value === null || value === undefined || value === '') return 'nothing (empty)';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'string') {
		const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
		return `the text "${shown}"`;
	}
	if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
	return typeof value === 'object' ? 'an object' : typeof value;
}

/**
 * Returns why `value` is not a valid Milvus name, or undefined when it is.
 * `label` is the parameter's display name, so the message points at the field to fix.
 */
export function describeInvalidName(label: string, value: string): string | undefined {
	if (value === '') return `${label} is empty: it must ${NAME_RULE}`;
	if (MILVUS_NAME_PATTERN.test(value)) return undefined;
	const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
	return `${label} "${shown}" is not a valid Milvus name: it must ${NAME_RULE}`;
}

/**
 * A text field: a string (trimmed). A field the workflow does not hold is read as '' before
 * this (ParameterReader), so undefined or null here is an expression that gave nothing, e.g. a
 * misspelt `$json.databse`. It is refused, never read as empty: an empty Database Name means
 * the default database and an empty collection filter means every alias, so a typo would act
 * on the wrong aliases.
 */
export function readText(label: string, value: unknown): string {
	if (value === undefined || value === null) {
		throw new InvalidInputError(
			`${label} is an expression that gave nothing (${String(value)}) for this item: check the field it reads (a misspelt name gives nothing), or, as an AI agent's tool, give this argument`,
		);
	}
	if (typeof value === 'string') return value.trim();
	throw new InvalidInputError(`${label} must be text, but got ${describeInput(value)}`);
}

/** A Milvus name: text that follows Milvus's naming rule. */
export function readName(label: string, value: unknown): string {
	const name = readText(label, value);
	const problem = describeInvalidName(label, name);
	if (problem) throw new InvalidInputError(problem);
	return name;
}

/** A name that may be left empty (''). */
export function readOptionalName(label: string, value: unknown): string {
	const name = readText(label, value);
	return name === '' ? '' : readName(label, name);
}

/**
 * A switch: true/false, or the text "true"/"false" (any case, trimmed). An expression that
 * gives nothing is rejected too: for a safety switch, "off" by accident is the dangerous way.
 */
export function readBoolean(label: string, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (text === 'true') return true;
		if (text === 'false') return false;
	}
	throw new InvalidInputError(`${label} must be true or false, but got ${describeInput(value)}`);
}

export interface WholeNumberRule {
	min: number;
	max?: number;
}

/** A whole number within the rule's range: a number, or its decimal text ("5", " 12 "). */
export function readWholeNumber(label: string, value: unknown, rule: WholeNumberRule): number {
	let number: number | undefined;
	if (typeof value === 'number') number = value;
	else if (typeof value === 'string' && /^[+-]?\d+(\.\d+)?$/.test(value.trim())) {
		number = Number(value.trim());
	}
	const range = rule.max === undefined ? `at least ${rule.min}` : `from ${rule.min} to ${rule.max}`;
	const expected = `${label} must be a whole number ${range}`;
	if (number === undefined || !Number.isInteger(number)) {
		throw new InvalidInputError(`${expected}, but got ${describeInput(value)}`);
	}
	if (number < rule.min || (rule.max !== undefined && number > rule.max)) {
		throw new InvalidInputError(`${expected}, but got ${number}`);
	}
	return number;
}
