import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemMapping } from '../helpers/itemMapping';
import { compileItemMapping } from '../helpers/itemMapping';
import { readBooleanOption, readNumberOption } from './options';
import { readBoolean, readName, readOptionalName, readWholeNumber } from '../helpers/validation';
import type { WholeNumberRule } from '../helpers/validation';

/** Marks a parameter the node's saved parameters do not hold (n8n throws for `undefined`). */
const NOT_SET = '\u0000not set';

/** A Collection locator mode whose value n8n uses as it is (no extraction rule). */
const PLAIN_LOCATOR_MODES = new Set(['list', 'name']);

/**
 * The execution's text fields that are plain mappings of the item (helpers/itemMapping), read
 * from the node's saved parameters once per execution, so items skip n8n's expression engine
 * for them.
 */
export class ItemMappings {
	private readonly byPath = new Map<string, ItemMapping | undefined>();
	/** The node's saved parameters; `getNode()` copies the whole node, so it is asked once. */
	private saved: IDataObject | undefined;

	constructor(private readonly fns: IExecuteFunctions) {}

	/** The mapping of a top-level text field or a plain Collection locator, if it is one. */
	of(path: string, locator: boolean): ItemMapping | undefined {
		if (!this.byPath.has(path)) this.byPath.set(path, this.compile(path, locator));
		return this.byPath.get(path);
	}

	private compile(path: string, locator: boolean): ItemMapping | undefined {
		this.saved ??= this.fns.getNode().parameters as IDataObject;
		const saved = this.saved[path];
		if (!locator) return compileItemMapping(saved);
		if (saved === null || typeof saved !== 'object' || Array.isArray(saved)) return undefined;
		const { __rl, mode, value } = saved as IDataObject;
		if (__rl !== true || !PLAIN_LOCATOR_MODES.has(String(mode))) return undefined;
		return compileItemMapping(value);
	}
}

/**
 * Reads one item's parameters (expressions differ per item) through the rules of
 * helpers/validation, so an operation's `read` states only which fields it needs and how.
 * Every reader throws InvalidInputError with a message naming the field.
 */
export class ParameterReader {
	constructor(
		private readonly fns: IExecuteFunctions,
		readonly itemIndex: number,
		private readonly mappings: ItemMappings,
	) {}

	private options: unknown;
	/** n8n's own `$json` of this item (what its expressions read), made once for all fields. */
	private json: { value: unknown } | undefined;

	private value(path: string, extractValue = false): unknown {
		return this.fns.getNodeParameter(path, this.itemIndex, NOT_SET, { extractValue });
	}

	/** A text field's value; a field the workflow does not hold reads as empty. */
	private text(path: string, extractValue = false): unknown {
		const mapped = this.mapped(path, extractValue);
		if (mapped !== undefined) return mapped;
		const value = this.value(path, extractValue);
		return value === NOT_SET ? '' : value;
	}

	/** The field's value when it is a plain mapping of the item that gives a string. */
	private mapped(path: string, locator: boolean): string | undefined {
		const mapping = this.mappings.of(path, locator);
		if (!mapping) return undefined;
		this.json ??= { value: this.itemJson() };
		return mapping.resolve(this.json.value);
	}

	private itemJson(): unknown {
		try {
			return this.fns.getWorkflowDataProxy(this.itemIndex).$json;
		} catch {
			// No item data here: the mapping is left to n8n, whose evaluation says what is wrong.
			return undefined;
		}
	}

	/** Database Name: undefined when empty, so no dbName is sent (Zilliz Serverless has none). */
	database(): string | undefined {
		const dbName = readOptionalName('Database Name', this.text('dbName'));
		return dbName === '' ? undefined : dbName;
	}

	name(path: string, label: string): string {
		return readName(label, this.text(path));
	}

	/** A resource locator holding a name; '' when optional and left empty. */
	collection(path: string, label: string, required: boolean): string {
		const value = this.text(path, true);
		return required ? readName(label, value) : readOptionalName(label, value);
	}

	/** A switch field; `fallback` only when the workflow does not hold the field at all. */
	boolean(path: string, label: string, fallback: boolean): boolean {
		const value = this.value(path);
		return value === NOT_SET ? fallback : readBoolean(label, value);
	}

	/** A whole-number field; `fallback` only when the workflow does not hold the field at all. */
	wholeNumber(path: string, label: string, fallback: number, rule: WholeNumberRule): number {
		const value = this.value(path);
		return value === NOT_SET ? fallback : readWholeNumber(label, value, rule);
	}

	/** A switch of this item's Options collection. */
	booleanOption(option: INodeProperties): boolean {
		return readBooleanOption(this.optionsCollection(), option);
	}

	/** A number of this item's Options collection, within its field's range. */
	numberOption(option: INodeProperties): number {
		return readNumberOption(this.optionsCollection(), option);
	}

	/** Read once per item: each read of the collection resolves every expression in it. */
	private optionsCollection(): IDataObject {
		this.options ??= this.value('options');
		return this.options === NOT_SET ? {} : (this.options as IDataObject);
	}
}
