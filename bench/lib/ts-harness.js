'use strict';
/**
 * Loads test/harness/n8n-harness.ts without ts-node: a require hook transpiles the harness with
 * `typescript.transpileModule` (no type-check), and its imports of the node and the credential
 * are pointed at the BUILT modules in dist/, so the benchmark measures what ships.
 *
 * Call prepareEnv() before loading (n8n-core reads its config lazily from the environment).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');

const ROOT = path.resolve(__dirname, '..', '..');
const HARNESS = path.join(ROOT, 'test', 'harness', 'n8n-harness.ts');
const DIST_NODE = path.join(ROOT, 'dist', 'nodes', 'MilvusAlias', 'MilvusAlias.node.js');
const DIST_CREDENTIAL = path.join(ROOT, 'dist', 'credentials', 'MilvusRestApi.credentials.js');

/** Same environment as test/setup-env.js: temp user folder, silent logs, SSRF off, no proxies. */
function prepareEnv() {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'milvus-alias-bench-'));
	process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
	process.env.N8N_SSRF_PROTECTION_ENABLED = 'false';
	for (const v of [
		'HTTP_PROXY',
		'HTTPS_PROXY',
		'ALL_PROXY',
		'http_proxy',
		'https_proxy',
		'all_proxy',
	])
		delete process.env[v];
	return process.env.N8N_USER_FOLDER;
}

let installed = false;
function installHook() {
	if (installed) return;
	installed = true;
	const ts = require('typescript');
	const compilerOptions = {
		module: ts.ModuleKind.CommonJS,
		target: ts.ScriptTarget.ES2022,
		esModuleInterop: true,
		isolatedModules: true,
		useUnknownInCatchVariables: false,
	};
	require.extensions['.ts'] = (module, filename) => {
		const source = fs.readFileSync(filename, 'utf8');
		const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
		module._compile(outputText, filename);
	};
	// The harness imports the TS sources of the node and the credential: use dist/ instead.
	const originalResolve = Module._resolveFilename;
	Module._resolveFilename = function resolve(request, parent, ...rest) {
		if (parent && parent.filename === HARNESS) {
			if (/nodes\/MilvusAlias\/MilvusAlias\.node$/.test(request)) return DIST_NODE;
			if (/credentials\/MilvusRestApi\.credentials$/.test(request)) return DIST_CREDENTIAL;
		}
		return originalResolve.call(this, request, parent, ...rest);
	};
}

/** @returns the harness module ({ runMilvusAlias, NODE_NAME, ... }), node from dist/. */
function loadHarness() {
	if (!fs.existsSync(DIST_NODE) || !fs.existsSync(DIST_CREDENTIAL)) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
	installHook();
	return require(HARNESS);
}

module.exports = { prepareEnv, loadHarness, ROOT, HARNESS, DIST_NODE, DIST_CREDENTIAL };
