/**
 * What every conformance scenario works with: the context a target gives it, and the helpers that
 * read the node's outputs and set up collections, shared by scenarios.ts and retireScenarios.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MilvusAdmin } from './admin';

export interface NodeRun {
	/** Success output items' json. */
	outputs: IDataObject[];
	/** The run's error as n8n recorded it (stop on error), if any. */
	error?: IDataObject;
}

export interface ScenarioContext {
	admin: MilvusAdmin;
	/** Database Name given to the node ('' = the server's default). */
	dbName: string;
	/** The database the server uses, as outputs report it. */
	resolvedDb: string;
	/** A unique collection or alias name for this scenario: `<prefix><label>`. */
	name: (label: string) => string;
	/** Runs the Milvus Alias node once with "On Error: Continue" over `items`. */
	run: (operation: string, parameters: IDataObject, items?: IDataObject[]) => Promise<NodeRun>;
}

export interface Scenario {
	name: string;
	run: (ctx: ScenarioContext) => Promise<string | void>;
}

export const byName = (value: string) => ({ __rl: true, mode: 'name', value });

/** The Milvus code of an error item (Continue on error), or undefined for a success item. */
export function milvusCodeOf(output: IDataObject | undefined): number | undefined {
	const details = output?.details as IDataObject | undefined;
	return typeof details?.milvusCode === 'number' ? details.milvusCode : undefined;
}

export function isError(output: IDataObject | undefined): boolean {
	return output !== undefined && 'error' in output;
}

export async function twoCollections(ctx: ScenarioContext) {
	const one = ctx.name('blue');
	const two = ctx.name('green');
	await ctx.admin.createCollection(one);
	await ctx.admin.createCollection(two);
	await ctx.admin.waitLoaded(one);
	await ctx.admin.waitLoaded(two);
	return { one, two };
}

export async function aliasTarget(
	ctx: ScenarioContext,
	aliasName: string,
): Promise<string | undefined> {
	const { outputs } = await ctx.run('get', { aliasName });
	return isError(outputs[0]) ? undefined : String(outputs[0]?.collectionName);
}
