// gin's JSON binding as Milvus's REST handlers use it (internal/distributed/proxy/httpserver/handler_v2.go
// wrapperPost: ShouldBindBodyWith(req, binding.JSON) + validator `binding:"required"`), reproducing the
// texts of codes 1801 and 1802.

interface FieldSpec {
	json: string;
	go: string;
	type: 'string' | '[]string' | 'int64';
	required?: boolean;
}

// Request structs (internal/distributed/proxy/httpserver/request_v2.go), fields in Go declaration order
// (the order of 1802 messages when several required fields are missing).
const STRUCTS = {
	AliasCollectionReq: [
		{ json: 'dbName', go: 'DbName', type: 'string' },
		{ json: 'collectionName', go: 'CollectionName', type: 'string', required: true },
		{ json: 'aliasName', go: 'AliasName', type: 'string', required: true },
	],
	AliasReq: [
		{ json: 'dbName', go: 'DbName', type: 'string' },
		{ json: 'aliasName', go: 'AliasName', type: 'string', required: true },
	],
	OptionalCollectionNameReq: [
		{ json: 'dbName', go: 'DbName', type: 'string' },
		{ json: 'collectionName', go: 'CollectionName', type: 'string' },
	],
	DatabaseReq: [{ json: 'dbName', go: 'DbName', type: 'string' }],
	CollectionNameReq: [
		{ json: 'dbName', go: 'DbName', type: 'string' },
		{ json: 'collectionName', go: 'CollectionName', type: 'string', required: true },
		{ json: 'partitionNames', go: 'PartitionNames', type: '[]string' },
	],
	// The quick-setup form of collections/create (request_v2.go CollectionReq; only the fields that
	// form uses, the schema form is not emulated).
	CollectionReq: [
		{ json: 'dbName', go: 'DbName', type: 'string' },
		{ json: 'collectionName', go: 'CollectionName', type: 'string', required: true },
		{ json: 'dimension', go: 'Dimension', type: 'int64' },
	],
} satisfies Record<string, FieldSpec[]>;

export type StructName = keyof typeof STRUCTS;

/** A bound request: string fields ('' when absent), partitionNames (null when absent), dimension (0). */
export interface BoundRequest {
	dbName: string;
	collectionName: string;
	aliasName: string;
	partitionNames: string[] | null;
	dimension: number;
}

function emptyRequest(): BoundRequest {
	return { dbName: '', collectionName: '', aliasName: '', partitionNames: null, dimension: 0 };
}

type StringField = 'dbName' | 'collectionName' | 'aliasName';

export interface MilvusError {
	code: number;
	message: string;
}

const GO_WHITESPACE = new Set([' ', '\t', '\r', '\n']);

/**
 * gin decodes with json.Decoder.Decode, which reads only the FIRST JSON value (trailing bytes are
 * ignored) and returns io.EOF for an empty or whitespace-only body. Returns null for "EOF", else the
 * text of the first value (possibly malformed, JSON.parse then reports the syntax error).
 */
function firstJsonValue(raw: string): string | null {
	let i = 0;
	while (i < raw.length && GO_WHITESPACE.has(raw[i])) i++;
	if (i === raw.length) return null;
	const start = i;
	const c = raw[i];
	if (c === '{' || c === '[') {
		let depth = 0;
		let inString = false;
		for (; i < raw.length; i++) {
			const ch = raw[i];
			if (inString) {
				if (ch === '\\') i++;
				else if (ch === '"') inString = false;
				continue;
			}
			if (ch === '"') inString = true;
			else if (ch === '{' || ch === '[') depth++;
			else if (ch === '}' || ch === ']') {
				depth--;
				if (depth === 0) return raw.slice(start, i + 1);
			}
		}
		return raw.slice(start);
	}
	if (c === '"') {
		for (i = start + 1; i < raw.length; i++) {
			if (raw[i] === '\\') i++;
			else if (raw[i] === '"') return raw.slice(start, i + 1);
		}
		return raw.slice(start);
	}
	let j = start;
	while (j < raw.length && !GO_WHITESPACE.has(raw[j]) && !',:[]{}"'.includes(raw[j])) j++;
	return j === start ? raw.slice(start, start + 1) : raw.slice(start, j);
}

function goQuoteChar(ch: string): string {
	if (ch === "'") return "'\\''";
	if (ch === '"') return "'\"'";
	return "'" + JSON.stringify(ch).slice(1, -1) + "'";
}

/** Approximates Go's json syntax error text from V8's JSON.parse error. */
function goSyntaxError(error: unknown, text: string): string {
	const m = String(error instanceof Error ? error.message : error);
	if (/Unexpected end of JSON input|Unterminated string/.test(m)) return 'unexpected EOF';
	let ch: string | undefined;
	const position = /at position (\d+)/.exec(m);
	if (position) ch = text[Number(position[1])];
	else {
		const token = /Unexpected token '?(.)/.exec(m);
		ch = token ? token[1] : undefined;
	}
	if (ch === undefined) return 'unexpected EOF';
	let context = 'looking for beginning of value';
	if (/Expected property name/.test(m)) context = 'looking for beginning of object key string';
	else if (/after property value/.test(m)) context = 'after object key:value pair';
	else if (/after array element/.test(m)) context = 'after array element';
	else if (/Expected ':'/.test(m)) context = 'after object key';
	else if (/control character/.test(m)) context = 'in string literal';
	else if (/escaped character/.test(m)) context = 'in string escape code';
	return `invalid character ${goQuoteChar(ch)} ${context}`;
}

function goKind(value: unknown): string {
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'boolean') return 'bool';
	return typeof value; // string, number, object
}

/** Decodes one field's JSON value as encoding/json would; returns the Go type error, if any. */
function decodeField(
	req: BoundRequest,
	field: FieldSpec,
	v: unknown,
	structName: StructName,
): string | undefined {
	const where = `Go struct field ${structName}.${field.json}`;
	if (field.type === 'string') {
		if (v === null) return undefined;
		if (typeof v === 'string') {
			req[field.json as StringField] = v;
			return undefined;
		}
		return `json: cannot unmarshal ${goKind(v)} into ${where} of type string`;
	}
	if (field.type === 'int64') {
		if (v === null) return undefined;
		if (typeof v === 'number' && Number.isInteger(v)) {
			req.dimension = v;
			return undefined;
		}
		const kind = typeof v === 'number' ? 'number ' + String(v) : goKind(v);
		return `json: cannot unmarshal ${kind} into ${where} of type int64`;
	}
	if (v === null) {
		req.partitionNames = null;
		return undefined;
	}
	if (!Array.isArray(v))
		return `json: cannot unmarshal ${goKind(v)} into ${where} of type []string`;
	const bad = v.find((item) => item !== null && typeof item !== 'string');
	if (bad !== undefined)
		return `json: cannot unmarshal ${goKind(bad)} into ${where} of type string`;
	req.partitionNames = v.map((item) => (item === null ? '' : (item as string)));
	return undefined;
}

/** Binds a raw body to a request struct: `{ req }` or `{ error }` (code 1801 or 1802). */
export function bindBody(
	raw: string,
	structName: StructName,
): { req: BoundRequest; error?: undefined } | { error: MilvusError; req?: undefined } {
	const fields: FieldSpec[] = STRUCTS[structName];
	const text = firstJsonValue(raw);
	if (text === null) {
		return {
			error: {
				code: 1801,
				message:
					'can only accept json format request, the request body should be nil, however {} is valid',
			},
		};
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return {
			error: {
				code: 1801,
				message: 'can only accept json format request, error: ' + goSyntaxError(error, text),
			},
		};
	}
	const req = emptyRequest();
	let typeError: string | undefined;
	if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
		typeError = `json: cannot unmarshal ${goKind(value)} into Go value of type httpserver.${structName}`;
	} else if (value !== null) {
		for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
			// encoding/json: exact key match first, then case-insensitive.
			const field =
				fields.find((f) => f.json === key) ||
				fields.find((f) => f.json.toLowerCase() === key.toLowerCase());
			if (!field) continue; // unknown fields are ignored
			typeError = typeError || decodeField(req, field, v, structName);
		}
	}
	if (typeError) {
		return {
			error: { code: 1801, message: 'can only accept json format request, error: ' + typeError },
		};
	}
	const missing = fields.filter((f) => f.required && req[f.json as StringField] === '');
	if (missing.length > 0) {
		const details = missing
			.map(
				(f) =>
					`Key: '${structName}.${f.go}' Error:Field validation for '${f.go}' failed on the 'required' tag`,
			)
			.join('\n');
		return { error: { code: 1802, message: 'missing required parameters, error: ' + details } };
	}
	return { req };
}
