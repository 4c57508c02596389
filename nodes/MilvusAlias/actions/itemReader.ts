import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readBooleanOption } from '../helpers/options';
import { readBoolean, readName, readOptionalName, readWholeNumber } from '../helpers/validation';
import type { WholeNumberRule } from '../helpers/validation';

/** Marks a parameter the node's saved parameters do not hold (n8n throws for `undefined`). */
const NOT_SET = '\u0000not set';

/**
 * Reads one item's parameters (expressions differ per item) through the rules of
 * helpers/validation, so an operation's `read` states only which fields it needs and how.
 * Every reader throws InvalidInputError with a message naming the field.
 */
export class ItemReader {
	constructor(
		private readonly fns: IExecuteFunctions,
		readonly itemIndex: number,
	) {}

	private options: unknown;

	private value(path: string, extractValue = false): unknown {
		return this.fns.getNodeParameter(path, this.itemIndex, NOT_SET, { extractValue });
	}

	/** A text field's value; a field the workflow does not hold reads as empty. */
	private text(path: string, extractValue = false): unknown {
		const value = this.value(path, extractValue);
		return value === NOT_SET ? '' : value;
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
		// Read once per item: each read of the collection resolves every expression in it.
		this.options ??= this.value('options');
		const options = this.options;
		return readBooleanOption(options === NOT_SET ? {} : (options as IDataObject), option);
	}
}
