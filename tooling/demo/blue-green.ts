/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling, never part of the package */
/**
 * The shipped example examples/blue-green.json, prepared for a given server (used by
 * the demo (tooling/demo/run-demo.ts) and the package e2e test), and a readable summary of its run.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { RunJson } from '../n8n';

export const EXAMPLE_FILE = path.resolve(__dirname, '..', '..', 'examples', 'blue-green.json');

export const BLUE_GREEN = {
	workflowId: 'milvusBlueGreen01',
	credentialId: 'milvusDemoCred01',
	credentialName: 'Milvus (demo)',
	nodes: {
		ready: 'New Collection Ready',
		switchAlias: 'Switch Alias',
		guard: 'Previous Collection To Drop?',
		stillUsed: 'Aliases Still On Previous',
		onlyAlias: 'No Other Alias On It?',
		keep: 'Keep Previous Collection',
		drop: 'Drop Previous Collection',
		report: 'Report',
		nothing: 'Nothing To Drop',
	},
};

/**
 * The example with its "New Collection Ready" fields set (alias, newCollection, dbName,
 * milvusEndpoint) and, when asked, the drop request accepting self-signed certificates.
 * `nodeType` retargets the Milvus Alias node (the example uses the installed-package type).
 */
export function loadBlueGreen({
	endpoint,
	alias = 'products',
	collection = 'products_v2',
	dbName = '',
	allowUnauthorizedCerts = false,
	nodeType,
}: {
	endpoint: string;
	alias?: string;
	collection?: string;
	dbName?: string;
	allowUnauthorizedCerts?: boolean;
	nodeType?: string;
}) {
	const workflow = JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8'));
	const fields: Record<string, string> = {
		alias,
		newCollection: collection,
		dbName,
		milvusEndpoint: endpoint,
	};
	for (const node of workflow.nodes) {
		if (node.name === BLUE_GREEN.nodes.ready) {
			for (const assignment of node.parameters.assignments.assignments) {
				if (assignment.name in fields && fields[assignment.name] !== undefined)
					assignment.value = fields[assignment.name];
			}
		}
		if (node.name === BLUE_GREEN.nodes.drop && allowUnauthorizedCerts) {
			node.parameters.options = { ...node.parameters.options, allowUnauthorizedCerts: true };
		}
		if (nodeType && /\.milvusAlias$/.test(node.type)) node.type = nodeType;
	}
	return workflow;
}

/** The credential the example references, for import:credentials. */
export function blueGreenCredential({
	endpoint,
	token = '',
	ignoreSslIssues = false,
}: {
	endpoint: string;
	token?: string;
	ignoreSslIssues?: boolean;
}) {
	return {
		id: BLUE_GREEN.credentialId,
		name: BLUE_GREEN.credentialName,
		type: 'milvusRestApi',
		data: { endpoint, token, ignoreSslIssues },
	};
}

/**
 * One line per node that ran, in execution order: { node, text } with the node's result in
 * words (action, alias, previous → new collection, dropped).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- n8n's run JSON, read loosely */
export function summarizeBlueGreen(run: RunJson) {
	const runData: Record<string, any[]> = run?.data?.resultData?.runData ?? {};
	const names = Object.keys(runData).sort(
		(a, b) => (runData[a][0].executionIndex ?? 0) - (runData[b][0].executionIndex ?? 0),
	);
	const lines = [];
	for (const name of names) {
		const task = runData[name][0];
		const outputs = (task.data && task.data.main) || [];
		const items = outputs.flatMap((output: any[] | null, index: number) =>
			(output || []).map((item: any) => ({ ...item.json, __output: index })),
		);
		let text;
		if (task.error) {
			text = `ERROR: ${task.error.message}`;
		} else if (name === BLUE_GREEN.nodes.ready) {
			text = items
				.map(
					(j: any) =>
						`alias "${j.alias}" should point at "${j.newCollection}"${j.dbName ? ` (database ${j.dbName})` : ''}`,
				)
				.join('; ');
		} else if (name === BLUE_GREEN.nodes.switchAlias) {
			text = items
				.map(
					(j: any) =>
						`action ${j.action}: alias "${j.aliasName}" ${j.previousCollectionName ?? '(none)'} → ${j.collectionName} (database ${j.dbName})`,
				)
				.join('; ');
		} else if (name === BLUE_GREEN.nodes.guard) {
			text = items
				.map((j: any) =>
					j.__output === 0
						? `true: the alias left "${j.previousCollectionName}"`
						: 'false: nothing to drop',
				)
				.join('; ');
		} else if (name === BLUE_GREEN.nodes.stillUsed) {
			const aliases = items.filter((j: any) => j.aliasName).map((j: any) => `"${j.aliasName}"`);
			text = aliases.length
				? `still pointing at it: ${aliases.join(', ')}`
				: 'no other alias points at it';
		} else if (name === BLUE_GREEN.nodes.onlyAlias) {
			text = items.some((j: any) => j.__output === 0) ? 'true: drop it' : 'false: keep it';
		} else if (name === BLUE_GREEN.nodes.keep) {
			text = items
				.map(
					(j: any) =>
						`kept "${j.keptCollection}": alias "${j.stillUsedByAlias}" still points at it`,
				)
				.join('; ');
		} else if (name === BLUE_GREEN.nodes.drop) {
			text = items
				.map((j: any) => `Milvus answered code ${j.code}${j.message ? ` (${j.message})` : ''}`)
				.join('; ');
		} else if (name === BLUE_GREEN.nodes.report) {
			text = items
				.map(
					(j: any) =>
						`alias "${j.alias}" → ${j.collection}; dropped "${j.droppedCollection}": ${j.dropped ? 'yes' : `NO (code ${j.milvusCode}: ${j.milvusMessage})`}`,
				)
				.join('; ');
		} else if (task.executionIndex === 0 || !task.source || task.source.length === 0) {
			text = 'started manually';
		} else if (name === BLUE_GREEN.nodes.nothing) {
			text = 'the alias did not move, so no collection was dropped';
		} else {
			text = `${items.length} item(s)`;
		}
		lines.push({ node: name, text: text || '(no items)' });
	}
	return lines;
}
