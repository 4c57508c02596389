import type { Operation } from '../operation';
import { collectionPointedAt, prefetchAliasNames } from './aliasAsCollection';
import { describeAlias, pointAlias } from './aliasCalls';
import type { PointingInput } from './inputs';
import { pointingInput } from './inputs';
import { checkLoadBeforePointing, nothingWaited } from './loadCheck';
import { undoRunChanges } from './undo';

/**
 * Update: repoint an existing alias (Milvus alter never creates). The describe before it
 * reports where the alias pointed, so the next node can drop or archive that collection.
 */
export const update: Operation<PointingInput> = {
	value: 'update',
	name: 'Update',
	action: 'Update an existing alias to point elsewhere',
	description:
		'Repoint an existing alias at another collection and return the collection it pointed at before. Fails if the alias does not exist (Create or Update creates it).',
	...pointingInput,
	changesAliases: true,
	undoRun: undoRunChanges,
	execute: async (ctx, item) => {
		prefetchAliasNames(ctx, item);
		const current = await describeAlias(ctx, item, item.aliasName);
		if (!current.found) throw current.error;
		const previousCollectionName = current.target.collectionName;
		let collectionName = item.collectionName;
		let waited = nothingWaited(item);
		if (previousCollectionName !== item.collectionName) {
			waited = await checkLoadBeforePointing(ctx, item);
			await pointAlias(ctx, item, 'aliases/alter', previousCollectionName);
			collectionName = await collectionPointedAt(ctx, item);
		}
		return [
			{
				aliasName: item.aliasName,
				collectionName,
				dbName: current.target.dbName,
				previousCollectionName,
				...waited,
			},
		];
	},
	changeOf: (output) =>
		output.previousCollectionName === output.collectionName
			? undefined
			: {
					aliasName: String(output.aliasName),
					dbName: String(output.dbName),
					from: String(output.previousCollectionName),
					to: String(output.collectionName),
				},
};
