import { optionsCollection, requireLoadedOption, waitForLoadOption } from '../options';
import type { ItemReader } from '../parameterReader';
import type { AliasItem, AliasOperation } from '../operation';
import { aliasNameField, databaseNameField, pointingFields } from './fields';

/** The item of an operation on one alias (Delete, Get): its database and name. */
export function readAliasItem(reader: ItemReader): AliasItem {
	return {
		aliasName: reader.name('aliasName', 'Alias Name'),
		dbName: reader.database(),
		collectionName: '',
		requireLoaded: false,
		waitForLoad: false,
		returnAll: false,
		limit: 0,
	};
}

/** The item of an operation that points an alias at a collection (Create, Create or Update, Update). */
export function readPointingItem(reader: ItemReader): AliasItem {
	return {
		...readAliasItem(reader),
		collectionName: reader.collection('collectionName', 'Collection', true),
		requireLoaded: reader.booleanOption(requireLoadedOption),
		waitForLoad: reader.booleanOption(waitForLoadOption),
	};
}

type OperationInput = Pick<AliasOperation, 'fields' | 'read'>;

/** What the operations on one alias (Delete, Get) show and read. */
export const aliasInput: OperationInput = {
	fields: [aliasNameField, databaseNameField, optionsCollection()],
	read: readAliasItem,
};

/** What the operations that point an alias at a collection (Create, Create or Update, Update) show and read. */
export const pointingInput: OperationInput = { fields: pointingFields, read: readPointingItem };
