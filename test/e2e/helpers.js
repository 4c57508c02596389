'use strict';
/** Shared bits of the real-n8n e2e tests: fixtures, credentials and assertions with context. */
const fs = require('node:fs');
const path = require('node:path');

const { retargetNodeType } = require('./n8n-cli');

const WORKFLOWS_DIR = path.join(__dirname, 'workflows');

/** A workflow fixture from test/e2e/workflows, its Milvus Alias nodes retargeted to `nodeType`. */
function loadWorkflow(fileName, nodeType) {
	const workflow = JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, fileName), 'utf8'));
	return nodeType ? retargetNodeType(workflow, nodeType) : workflow;
}

/** The credentials the fixtures reference (ids and names must match the workflow JSON). */
const CREDENTIALS = {
	main: { id: 'maE2eCredMain', name: 'Milvus E2E (auth)' },
	noAuth: { id: 'maE2eCredNoAuth', name: 'Milvus E2E (no auth, empty token)' },
	localhost: { id: 'maE2eCredLocalhost', name: 'Milvus E2E (auth, via localhost)' },
};

function milvusCredential(which, data) {
	return {
		...CREDENTIALS[which],
		type: 'milvusRestApi',
		data: { token: '', ignoreSslIssues: false, ...data },
	};
}

/** The last lines of n8n's output, for failure messages. */
function outputTail(result, lines = 60) {
	return (result.output || '').split('\n').slice(-lines).join('\n');
}

/** Fails with n8n's own output when the execution did not succeed. */
function expectSuccess(n8n, result) {
	const error = n8n.nodeError(result.run);
	if (result.rc !== 0 || !result.run || result.run.status !== 'success' || error) {
		throw new Error(
			`expected a successful execution, got rc ${result.rc}, status ${result.run && result.run.status}` +
				`${error ? `, error: ${error.message}` : ''}\n--- n8n output (tail) ---\n${outputTail(result)}`,
		);
	}
}

/** The `json` of every item a node put on an output. */
function jsonOf(n8n, run, nodeName, outputIndex = 0) {
	return n8n.items(run, nodeName, outputIndex).map((item) => item.json);
}

/** Requests the emulator received for one Milvus path ('aliases/create'), in arrival order. */
function requestsTo(emulator, shortPath) {
	return emulator.requests.filter((request) => request.path.endsWith(`/v2/vectordb/${shortPath}`));
}

/** [path, body] pairs of the emulator's log, path shortened to e.g. 'aliases/create'. */
function requestLog(emulator, filter = () => true) {
	return emulator.requests
		.filter(filter)
		.map((request) => [request.path.replace(/^.*\/v2\/vectordb\//, ''), request.body]);
}

module.exports = {
	WORKFLOWS_DIR,
	CREDENTIALS,
	loadWorkflow,
	milvusCredential,
	outputTail,
	expectSuccess,
	jsonOf,
	requestsTo,
	requestLog,
};
