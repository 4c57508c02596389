import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { AnyOperation } from './operation';
import { allOrNothingOption } from './options';

/** A resource's operations, keyed by the `operation` parameter's value, for the router. */
export function operationsByValue(
	operations: readonly AnyOperation[],
): ReadonlyMap<string, AnyOperation> {
	return new Map(operations.map((operation) => [operation.value, operation]));
}

/**
 * The Operation field's options: one per operation, sorted by name. (The field itself, with its
 * default, is written out where the resource is: n8n's lint reads the default as a literal.)
 */
export function operationOptions(operations: readonly AnyOperation[]): INodePropertyOptions[] {
	// Descriptions are written for people and for AI agents using the node as a tool.
	return operations
		.map(({ name, value, action, description }) => ({ name, value, action, description }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * An operation's Options collection with All or Nothing added when the operation changes
 * aliases: the option is the run's (actions/router undoes the run), so every such operation has it.
 */
function withRunWideOptions(operation: AnyOperation, field: INodeProperties): INodeProperties {
	if (!operation.changesAliases || field.name !== 'options' || field.type !== 'collection') {
		return field;
	}
	const options = [...(field.options ?? []), allOrNothingOption] as INodeProperties[];
	return { ...field, options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)) };
}

/** Each operation's fields, shown only for it (its own display conditions kept). */
export function operationFields(
	resource: string,
	operations: readonly AnyOperation[],
): INodeProperties[] {
	return operations.flatMap((operation) =>
		operation.fields
			.map((own) => withRunWideOptions(operation, own))
			.map((field) => ({
				...field,
				displayOptions: {
					...field.displayOptions,
					show: {
						...field.displayOptions?.show,
						resource: [resource],
						operation: [operation.value],
					},
				},
			})),
	);
}

/**
 * The node's subtitle, "Create or Update: products" on the canvas: the operation's name, and
 * the value of `nameField` for the operations that have it. n8n's lint needs the node's subtitle
 * written out as a literal, so the node carries this text and a test checks the two are the same.
 */
export function operationSubtitle(operations: readonly AnyOperation[], nameField: string): string {
	const names = JSON.stringify(
		Object.fromEntries(operations.map(({ value, name }) => [value, name])),
	);
	const named = JSON.stringify(
		operations
			.filter(({ fields }) => fields.some((field) => field.name === nameField))
			.map(({ value }) => value),
	);
	return `={{ ${names}[$parameter["operation"]] + (${named}.includes($parameter["operation"]) && $parameter["${nameField}"] ? ": " + $parameter["${nameField}"] : "") }}`;
}
