'use strict';
/**
 * The shipped example examples/blue-green.json, prepared for a given server (used by
 * scripts/demo.js and the package e2e test), and a readable summary of its run.
 */
const fs = require('node:fs');
const path = require('node:path');

const EXAMPLE_FILE = path.resolve(__dirname, '..', '..', 'examples', 'blue-green.json');

const BLUE_GREEN = {
	workflowId: 'milvusBlueGreen01',
	credentialId: 'milvusDemoCred01',
	credentialName: 'Milvus (demo)',
	nodes: {
		ready: 'New Collection Ready',
		switchAlias: 'Switch Alias',
		guard: 'Previous Collection To Drop?',
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
function loadBlueGreen({
	endpoint,
	alias = 'products',
	collection = 'products_v2',
	dbName = '',
	allowUnauthorizedCerts = false,
	nodeType,
} = {}) {
	const workflow = JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8'));
	const fields = { alias, newCollection: collection, dbName, milvusEndpoint: endpoint };
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
function blueGreenCredential({ endpoint, token = '', ignoreSslIssues = false }) {
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
function summarizeBlueGreen(run) {
	const runData = (run && run.data && run.data.resultData && run.data.resultData.runData) || {};
	const names = Object.keys(runData).sort(
		(a, b) => (runData[a][0].executionIndex ?? 0) - (runData[b][0].executionIndex ?? 0),
	);
	const lines = [];
	for (const name of names) {
		const task = runData[name][0];
		const outputs = (task.data && task.data.main) || [];
		const items = outputs.flatMap((output, index) =>
			(output || []).map((item) => ({ ...item.json, __output: index })),
		);
		let text;
		if (task.error) {
			text = `ERROR: ${task.error.message}`;
		} else if (name === BLUE_GREEN.nodes.ready) {
			text = items
				.map(
					(j) =>
						`alias "${j.alias}" should point at "${j.newCollection}"${j.dbName ? ` (database ${j.dbName})` : ''}`,
				)
				.join('; ');
		} else if (name === BLUE_GREEN.nodes.switchAlias) {
			text = items
				.map(
					(j) =>
						`action ${j.action}: alias "${j.aliasName}" ${j.previousCollectionName ?? '(none)'} → ${j.collectionName} (database ${j.dbName})`,
				)
				.join('; ');
		} else if (name === BLUE_GREEN.nodes.guard) {
			text = items
				.map((j) =>
					j.__output === 0 ? `true: drop "${j.previousCollectionName}"` : 'false: nothing to drop',
				)
				.join('; ');
		} else if (name === BLUE_GREEN.nodes.drop) {
			text = items
				.map((j) => `Milvus answered code ${j.code}${j.message ? ` (${j.message})` : ''}`)
				.join('; ');
		} else if (name === BLUE_GREEN.nodes.report) {
			text = items
				.map(
					(j) =>
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

module.exports = {
	BLUE_GREEN,
	EXAMPLE_FILE,
	loadBlueGreen,
	blueGreenCredential,
	summarizeBlueGreen,
};
