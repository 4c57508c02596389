import type { MilvusFailure } from './failures';
import { shown } from './failures';
import type { Redactor } from './redact';

/**
 * The documented shape of each call's `data` on success. A server that answers otherwise
 * (a proxy, a fake, a future version) must not become an output: a describe without a string
 * collectionName would make Get invent one, and a list of non-strings would invent aliases.
 */
interface Shape {
	expected: string;
	/** The part of `data` that does not fit, or undefined when it fits. */
	misfit: (data: unknown) => { at: string; value: unknown } | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmptyString = (value: unknown) => typeof value === 'string' && value !== '';

const NAME_LIST: Shape = {
	expected: 'data as a list of names (strings)',
	misfit: (data) => {
		if (!Array.isArray(data)) return { at: 'data', value: data };
		const index = data.findIndex((entry) => !nonEmptyString(entry));
		return index < 0 ? undefined : { at: `data[${index}]`, value: data[index] };
	},
};

const SHAPES: Partial<Record<string, Shape>> = {
	'aliases/describe': {
		expected: 'data.collectionName as a non-empty string',
		misfit: (data) => {
			if (!isRecord(data)) return { at: 'data', value: data };
			if (!nonEmptyString(data.collectionName))
				return { at: 'data.collectionName', value: data.collectionName };
			if (data.dbName !== undefined && typeof data.dbName !== 'string')
				return { at: 'data.dbName', value: data.dbName };
			return undefined;
		},
	},
	'aliases/list': NAME_LIST,
	'collections/list': NAME_LIST,
	'collections/get_load_state': {
		expected: 'data.loadState as a string',
		misfit: (data) =>
			isRecord(data) && typeof data.loadState === 'string'
				? undefined
				: { at: 'data.loadState', value: isRecord(data) ? data.loadState : data },
	},
};

function describeAnswerPart(value: unknown, redact: Redactor): string {
	if (value === undefined) return 'nothing';
	return shown(JSON.stringify(value) ?? String(value), redact, 80);
}

const malformed = (detail: string): MilvusFailure => ({
	kind: 'malformed',
	detail,
	transient: false,
	ambiguous: false,
});

/**
 * A 'malformed' failure when a success answer's data does not fit its path's shape, or when it
 * carries a form of the credential's token: no Milvus answer does, and outputs must never hold it.
 */
export function checkAnswerShape(
	path: string,
	data: unknown,
	redact: Redactor,
): MilvusFailure | undefined {
	const shape = SHAPES[path];
	const misfit = shape?.misfit(data);
	if (shape && misfit) {
		const got = describeAnswerPart(misfit.value, redact);
		return malformed(`${path}: expected ${shape.expected}, got ${misfit.at} = ${got}`);
	}
	const text = JSON.stringify(data) ?? '';
	if (redact(text) !== text)
		return malformed(
			`${path}: data carries the credential's token: ${describeAnswerPart(data, redact)}`,
		);
	return undefined;
}
