import type { Operation } from '../operation';
import { optionsCollection, requireLoadedOption, waitForLoadOption } from '../options';
import type { ParameterReader } from '../parameterReader';
import type { AliasPointing, InDatabase } from './aliasCalls';
import { resolvedDatabase } from './aliasCalls';
import { aliasNameField, databaseNameField, pointingFields } from './fields';

/** The input of an operation on one alias (Delete, Get). */
export interface AliasInput extends InDatabase {
	aliasName: string;
}

/** The input of an operation that points an alias at a collection (Create, Create or Update, Update). */
export interface PointingInput extends AliasInput, AliasPointing {
	requireLoaded: boolean;
	/** Wait until the target collection is loaded before pointing the alias (Wait for Load). */
	waitForLoad: boolean;
}

/** Database Name (undefined when empty, so no dbName is sent) and Alias Name. */
export function readAliasInput(reader: ParameterReader): AliasInput {
	return { aliasName: reader.name('aliasName', 'Alias Name'), dbName: reader.database() };
}

export function readPointingInput(reader: ParameterReader): PointingInput {
	return {
		...readAliasInput(reader),
		collectionName: reader.collection('collectionName', 'Collection', true),
		requireLoaded: reader.booleanOption(requireLoadedOption),
		waitForLoad: reader.booleanOption(waitForLoadOption),
	};
}

/**
 * Items on the same alias run one after another in input order. The key is the database the
 * server will use, so an empty Database Name and `default` are the same alias.
 */
export function aliasOrderKey(input: AliasInput): string {
	return `${resolvedDatabase(input)}\u0000${input.aliasName}`;
}

type InputPart<Input> = Pick<Operation<Input>, 'fields' | 'read' | 'subject' | 'orderKey'>;

/** What the operations on one alias (Delete, Get) show, read and name. */
export const aliasInput: InputPart<AliasInput> = {
	fields: [aliasNameField, databaseNameField, optionsCollection()],
	read: readAliasInput,
	subject: ({ aliasName, dbName }) => ({ aliasName, dbName }),
	orderKey: aliasOrderKey,
};

/** What the operations that point an alias at a collection show, read and name. */
export const pointingInput: InputPart<PointingInput> = {
	fields: pointingFields,
	read: readPointingInput,
	subject: ({ aliasName, collectionName, dbName }) => ({ aliasName, collectionName, dbName }),
	orderKey: aliasOrderKey,
};
