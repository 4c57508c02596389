'use strict';
/**
 * Spawned by bench/run.js in a fresh process per sample: how long `require` of the built node
 * and credential modules takes. n8n-workflow is required first and timed on its own (inside n8n
 * it is already loaded), then the node module, then the credential module. Prints one JSON line.
 */
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const now = () => Number(process.hrtime.bigint()) / 1e6;

let t = now();
require(require.resolve('n8n-workflow', { paths: [root] }));
const workflowMs = now() - t;
t = now();
const nodeModule = require(path.join(root, 'dist/nodes/MilvusAlias/MilvusAlias.node.js'));
const nodeMs = now() - t;
t = now();
const credentialModule = require(path.join(root, 'dist/credentials/MilvusRestApi.credentials.js'));
const credentialMs = now() - t;
t = now();
new nodeModule.MilvusAlias();
new credentialModule.MilvusRestApi();
const instantiateMs = now() - t;
process.stdout.write(JSON.stringify({ workflowMs, nodeMs, credentialMs, instantiateMs }) + '\n');
