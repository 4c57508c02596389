/**
 * Milvus name rules, checked before any request so a bad item never reaches the server
 * (Milvus 2.4 and 2.6 differ in whether they trim, so we trim and validate on our side).
 */
export const MILVUS_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

const RULE =
	'must start with a letter or an underscore, contain only letters, digits and underscores, and be at most 255 characters long';

/**
 * Returns why `value` is not a valid Milvus name, or undefined when it is.
 * `label` is the parameter's display name, so the message points at the field to fix.
 */
export function describeInvalidName(label: string, value: string): string | undefined {
	if (value === '') return `${label} is empty: it ${RULE}`;
	if (MILVUS_NAME_PATTERN.test(value)) return undefined;
	const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
	return `${label} "${shown}" is not a valid Milvus name: it ${RULE}`;
}
