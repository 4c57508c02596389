/**
 * A throwaway operation with an input of its own, "Delete If Points At", and the Milvus Alias
 * node with it added to the alias list: what a newcomer writes to add an operation (its file
 * and one line in the list), built here without touching any product file, so a test can show
 * it routed, described and explained like the real ones.
 */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { aliasOperationList } from '../../nodes/MilvusAlias/actions/alias';
import {
	callMilvus,
	databaseField,
	describeAlias,
} from '../../nodes/MilvusAlias/actions/alias/aliasCalls';
import { aliasNameField, databaseNameField } from '../../nodes/MilvusAlias/actions/alias/fields';
import { aliasOrderKey } from '../../nodes/MilvusAlias/actions/alias/inputs';
import type { AnyOperation, Operation } from '../../nodes/MilvusAlias/actions/operation';
import { optionsCollection } from '../../nodes/MilvusAlias/actions/options';
import {
	operationFields,
	operationOptions,
	operationsByValue,
	operationSubtitle,
} from '../../nodes/MilvusAlias/actions/resourceProperties';
import { route } from '../../nodes/MilvusAlias/actions/router';
import { MilvusAlias } from '../../nodes/MilvusAlias/MilvusAlias.node';

/** Its own input: not the input of any real operation. */
interface DeleteIfInput {
	dbName?: string;
	aliasName: string;
	pointsAt: string;
}

const pointsAtField: INodeProperties = {
	displayName: 'Points At',
	name: 'pointsAt',
	type: 'string',
	required: true,
	default: '',
	description: 'Delete the alias only while it points at this collection',
};

export const deleteIfPointsAt: Operation<DeleteIfInput> = {
	value: 'deleteIfPointsAt',
	name: 'Delete If Points At',
	action: 'Delete an alias only while it points at a collection',
	description: 'Delete the alias if it points at the given collection; otherwise leave it',
	fields: [aliasNameField, pointsAtField, databaseNameField, optionsCollection()],
	changesAliases: true,
	read: (reader) => ({
		aliasName: reader.name('aliasName', 'Alias Name'),
		pointsAt: reader.name('pointsAt', 'Points At'),
		dbName: reader.database(),
	}),
	subject: ({ aliasName, pointsAt, dbName }) => ({ aliasName, collectionName: pointsAt, dbName }),
	orderKey: aliasOrderKey,
	execute: async (ctx, input) => {
		const current = await describeAlias(ctx, input, input.aliasName);
		const pointedAt = current.found ? current.target.collectionName : null;
		if (pointedAt !== input.pointsAt)
			return [{ aliasName: input.aliasName, deleted: false, pointedAt }];
		await callMilvus(ctx, 'aliases/drop', { ...databaseField(input), aliasName: input.aliasName });
		return [{ aliasName: input.aliasName, deleted: true, pointedAt }];
	},
};

/** The alias list with the throwaway operation as its one new line. */
export const operationsWithThrowaway: readonly AnyOperation[] = [
	...aliasOperationList,
	deleteIfPointsAt,
];

/** The Milvus Alias node built from that list, the way the real node is built from its own. */
export class MilvusAliasWithThrowaway implements INodeType {
	private readonly real = new MilvusAlias();

	description: INodeTypeDescription = {
		...this.real.description,
		usableAsTool: true,
		subtitle: operationSubtitle(operationsWithThrowaway, 'aliasName'),
		properties: [
			this.real.description.properties[0],
			{
				...this.real.description.properties[1],
				options: operationOptions(operationsWithThrowaway),
			},
			...operationFields('alias', operationsWithThrowaway),
		],
	};

	methods = this.real.methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, operationsByValue(operationsWithThrowaway));
	}
}
