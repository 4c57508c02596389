'use strict';
/**
 * Drives a real n8n 2.41.1 (installed by `bash scripts/setup-n8n.sh` into
 * $MILVUS_ALIAS_CACHE, default ~/.cache/n8n-nodes-milvus-alias) headless, through its CLI,
 * with this repository's built node (`npm run build` first: dist/ must exist).
 * Used by the e2e suite (test/e2e), the demo (scripts/demo.js) and the benchmark.
 *
 *   const { createN8n } = require('./n8n-cli');
 *   const n8n = await createN8n({ mode: 'custom' | 'package', env: { ...extra env } });
 *     mode 'custom' (default): copies package.json + dist/ into a fresh extension dir (no
 *       node_modules) named by N8N_CUSTOM_EXTENSIONS → node type 'CUSTOM.milvusAlias'.
 *     mode 'package': `npm pack` of the repo, installed as a user's community package into
 *       <userFolder>/.n8n/nodes (`npm install <tgz> --ignore-scripts --legacy-peer-deps --offline`)
 *       → node type 'n8n-nodes-milvus-alias.milvusAlias'.
 *     Each instance gets its own temp N8N_USER_FOLDER, a fixed N8N_ENCRYPTION_KEY, diagnostics,
 *     version notifications and templates off, N8N_SSRF_PROTECTION_ENABLED=false (unless `env`
 *     overrides it), no proxy variables and no inherited N8N_*, DB_*, NODE_ENV or NODE_OPTIONS.
 *     Every n8n call runs on Node 24 from the cache (its bin dir first on PATH), in its own
 *     process group, under coreutils `timeout`, with its task-runner broker on a free port.
 *
 *   n8n.nodeType                // type string for workflows ('CUSTOM.milvusAlias' or
 *                               // 'n8n-nodes-milvus-alias.milvusAlias')
 *   n8n.userFolder              // N8N_USER_FOLDER of this instance
 *   n8n.packageDir, n8n.tarball // (package mode) the installed package dir and the packed .tgz
 *   await n8n.importCredentials([{ id, name, type: 'milvusRestApi',
 *                                  data: { endpoint, token, ignoreSslIssues } }])
 *   await n8n.importWorkflow(workflowJson)   // one workflow object or an array; writes a temp
 *                                            // file, runs import:workflow (upserts by id)
 *   const result = await n8n.execute(workflowId, { timeoutMs = 120000, env })
 *     // runs `n8n execute --id=<id> --rawOutput` under `timeout`, output to a file (never a
 *     // pipe), parses the JSON block from the first line that is exactly '{' to the next line
 *     // that is exactly '}' → { rc, run, output, timedOut, ms, rawRc, crashedAtExit }:
 *     // rc = exit code (0 success, 1 workflow error, 124/137 timeout), run = the IRun object or
 *     // undefined, output = all the text n8n printed, ms = wall time of the n8n process.
 *     // n8n 2.41.1 on Node 24 crashes with SIGSEGV (139) while exiting in roughly 1 of 4 runs,
 *     // after printing the complete run; then rc is the code n8n had decided on (0, or 1 when
 *     // the run has an error), rawRc is 139 and crashedAtExit is true. Without a complete run
 *     // JSON, rc stays raw. `env` adds variables for this one call (e.g. SSRF settings).
 *   n8n.items(result.run, nodeName, outputIndex = 0, runIndex = 0)
 *     // → array of { json, pairedItem } that node put on that output ([] when none); throws
 *     // when the node did not run at all (the message lists the nodes that ran).
 *   n8n.nodeError(result.run)   // data.resultData.error or undefined
 *   await n8n.run(args, { timeoutMs, env }) // any other n8n CLI command → { rc, output, ms }
 *   const server = await n8n.startServer({ env, readyTimeoutMs })
 *     // `n8n start` on a free loopback port → { baseUrl, port, pid, logFile, log(), stop() };
 *     // stop() kills the process group (SIGTERM, then SIGKILL after 10 s). dispose() stops it too.
 *   await n8n.dispose()         // stops servers, removes the temp dirs (idempotent; set
 *                               // MILVUS_ALIAS_E2E_KEEP=1 to keep them, logs included)
 *
 * Also exported: retargetNodeType(workflow, nodeType) (a copy of the workflow whose Milvus Alias
 * nodes use nodeType), parseRunOutput(text), freePort(), paths (cache, node, n8n) and
 * MILVUS_ALIAS_TYPES (the type strings per mode).
 */
const childProcess = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const N8N_VERSION = '2.41.1';
const CACHE =
	process.env.MILVUS_ALIAS_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-milvus-alias');
const NODE_BIN_DIR = path.join(CACHE, 'node24', 'node_modules', 'node', 'bin');
const NODE_BIN = path.join(NODE_BIN_DIR, 'node');
const N8N_DIR = path.join(CACHE, `n8n-${N8N_VERSION}`);
const N8N_MAIN = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
const PACKAGE_NAME = 'n8n-nodes-milvus-alias';
const MILVUS_ALIAS_TYPES = { custom: 'CUSTOM.milvusAlias', package: `${PACKAGE_NAME}.milvusAlias` };
const ENCRYPTION_KEY = 'milvus-alias-e2e-fixed-encryption-key-0001';
/** 128 + SIGSEGV, 128 + SIGABRT: crashes of n8n while exiting (see execute). */
const EXIT_CRASH_CODES = [139, 134];

const paths = {
	repoRoot: REPO_ROOT,
	cache: CACHE,
	nodeBinDir: NODE_BIN_DIR,
	node: NODE_BIN,
	n8nDir: N8N_DIR,
	n8nMain: N8N_MAIN,
};

/** A free TCP port on 127.0.0.1 (released before returning; a small race is accepted). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** The environment every n8n call starts from: the caller's, minus what could leak in. */
function cleanEnv() {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(https?|all|no|ftp|socks)_proxy$/i.test(key)) continue;
		if (/^(N8N_|DB_|QUEUE_|EXECUTIONS_|JEST_)/.test(key)) continue;
		if (
			['NODE_ENV', 'NODE_OPTIONS', 'NODE_PATH', 'NODE_EXTRA_CA_CERTS', 'GENERIC_TIMEZONE'].includes(
				key,
			)
		)
			continue;
		env[key] = value;
	}
	env.PATH = `${NODE_BIN_DIR}${path.delimiter}${process.env.PATH || ''}`;
	return env;
}

/** Process groups of servers started by any instance: killed if this process exits first. */
const liveServerGroups = new Set();
process.on('exit', () => {
	for (const pid of liveServerGroups) killGroup(pid, 'SIGKILL');
});

/** Waits for `promise` at most `ms`, leaving no timer behind. */
function settleWithin(promise, ms) {
	let timer;
	return Promise.race([
		promise,
		new Promise((resolve) => (timer = setTimeout(resolve, ms))),
	]).finally(() => clearTimeout(timer));
}

/** Kills a whole process group, ignoring "already gone". */
function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// gone already
	}
}

/**
 * Runs a command in its own process group with stdout+stderr going to `outFile`, bounded by
 * `timeout -k 10 <s>` and, as a last resort, a JS timer that SIGKILLs the group.
 * Resolves { rc, output, ms, timedOut }.
 */
function runBounded(command, args, { cwd, env, timeoutMs, outFile }) {
	const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const fd = fs.openSync(outFile, 'w');
		let child;
		try {
			child = childProcess.spawn('timeout', ['-k', '10', String(seconds), command, ...args], {
				cwd,
				env,
				stdio: ['ignore', fd, fd],
				detached: true,
			});
		} catch (error) {
			fs.closeSync(fd);
			reject(error);
			return;
		}
		fs.closeSync(fd);
		const guard = setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs + 20000);
		child.on('error', (error) => {
			clearTimeout(guard);
			reject(error);
		});
		child.on('exit', (code, signal) => {
			clearTimeout(guard);
			// Children of n8n (task runner) must not outlive the call.
			killGroup(child.pid, 'SIGKILL');
			const rc = code === null ? 128 + (os.constants.signals[signal] || 9) : code;
			const output = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '';
			resolve({ rc, output, ms: Date.now() - started, timedOut: rc === 124 || rc === 137 });
		});
	});
}

/** The IRun JSON block of `n8n execute --rawOutput` output, or undefined. */
function parseRunOutput(text) {
	const lines = text.split(/\r?\n/);
	const start = lines.indexOf('{');
	if (start < 0) return undefined;
	const end = lines.indexOf('}', start + 1);
	if (end < 0) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return undefined;
	}
}

/** A deep copy of `workflow` whose Milvus Alias nodes (either type string) use `nodeType`. */
function retargetNodeType(workflow, nodeType) {
	const copy = JSON.parse(JSON.stringify(workflow));
	for (const node of copy.nodes || []) {
		if (Object.values(MILVUS_ALIAS_TYPES).includes(node.type)) node.type = nodeType;
	}
	return copy;
}

function tail(text, lines = 40) {
	return text.split('\n').slice(-lines).join('\n');
}

function checkInstalled() {
	for (const file of [NODE_BIN, N8N_MAIN, path.join(N8N_DIR, '.done')]) {
		if (!fs.existsSync(file)) {
			throw new Error(
				`${file} is missing: run \`bash scripts/setup-n8n.sh\` first (installs Node 24 and n8n ${N8N_VERSION} into ${CACHE})`,
			);
		}
	}
	const distNode = path.join(REPO_ROOT, 'dist', 'nodes', 'MilvusAlias', 'MilvusAlias.node.js');
	if (!fs.existsSync(distNode))
		throw new Error(`${distNode} is missing: run \`npm run build\` first`);
}

function copyDir(from, to) {
	fs.cpSync(from, to, { recursive: true, dereference: true });
}

async function installAsPackage(root, userFolder, env) {
	const packDir = path.join(root, 'pack');
	fs.mkdirSync(packDir, { recursive: true });
	const packed = await runBounded(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', packDir],
		{
			cwd: REPO_ROOT,
			env,
			timeoutMs: 120000,
			outFile: path.join(root, 'npm-pack.log'),
		},
	);
	if (packed.rc !== 0)
		throw new Error(`npm pack failed (rc ${packed.rc}):\n${tail(packed.output)}`);
	const tarballs = fs.readdirSync(packDir).filter((name) => name.endsWith('.tgz'));
	if (tarballs.length !== 1)
		throw new Error(`npm pack left ${tarballs.length} tarballs in ${packDir}`);
	const tarball = path.join(packDir, tarballs[0]);

	// What n8n's own installer leaves: <userFolder>/.n8n/nodes/package.json + node_modules.
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
	);
	const installed = await runBounded(
		'npm',
		[
			'install',
			tarball,
			'--ignore-scripts',
			'--legacy-peer-deps',
			'--offline',
			'--no-audit',
			'--no-fund',
			'--package-lock=false',
			'--bin-links=false',
		],
		{ cwd: nodesDir, env, timeoutMs: 180000, outFile: path.join(root, 'npm-install.log') },
	);
	if (installed.rc !== 0)
		throw new Error(
			`npm install of ${tarball} failed (rc ${installed.rc}):\n${tail(installed.output)}`,
		);
	const packageDir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	if (!fs.existsSync(path.join(packageDir, 'package.json')))
		throw new Error(`${packageDir} was not installed`);
	return { packageDir, tarball };
}

/**
 * Creates an isolated n8n instance (temp user folder, the node installed per `mode`).
 * @param {{ mode?: 'custom' | 'package', env?: Record<string, string> }} [options]
 */
async function createN8n(options = {}) {
	const mode = options.mode || 'custom';
	if (!(mode in MILVUS_ALIAS_TYPES)) throw new Error(`unknown mode ${mode} (custom or package)`);
	checkInstalled();

	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'milvus-alias-n8n-e2e-'));
	const userFolder = path.join(root, 'home');
	fs.mkdirSync(userFolder, { recursive: true });
	let fileCounter = 0;
	const tempFile = (name) => path.join(root, `${String(++fileCounter).padStart(3, '0')}-${name}`);

	const env = {
		...cleanEnv(),
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// The run JSON is printed through the logger at info level.
		N8N_LOG_LEVEL: 'info',
		N8N_SSRF_PROTECTION_ENABLED: 'false',
	};

	let packageDir;
	let tarball;
	if (mode === 'custom') {
		const extensionDir = path.join(root, 'extension', PACKAGE_NAME);
		fs.mkdirSync(extensionDir, { recursive: true });
		fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(extensionDir, 'package.json'));
		copyDir(path.join(REPO_ROOT, 'dist'), path.join(extensionDir, 'dist'));
		env.N8N_CUSTOM_EXTENSIONS = extensionDir;
	} else {
		({ packageDir, tarball } = await installAsPackage(root, userFolder, env));
	}
	Object.assign(env, options.env || {});

	const servers = new Set();
	let disposed = false;

	async function run(args, { timeoutMs = 120000, env: extraEnv = {}, label = args[0] } = {}) {
		if (disposed) throw new Error('this n8n instance was disposed');
		const callEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...extraEnv };
		const outFile = tempFile(`${String(label).replace(/[^\w.-]/g, '_')}.log`);
		return await runBounded(NODE_BIN, [N8N_MAIN, ...args], {
			cwd: root,
			env: callEnv,
			timeoutMs,
			outFile,
		});
	}

	async function importFile(command, fileName, content) {
		const file = tempFile(fileName);
		fs.writeFileSync(file, JSON.stringify(content, null, 2));
		const result = await run([command, `--input=${file}`], { label: command });
		const imported = /Successfully imported \d+/.test(result.output);
		// See execute(): an exit-time SIGSEGV after a finished import is not an import failure.
		const ok = result.rc === 0 || (EXIT_CRASH_CODES.includes(result.rc) && imported);
		if (!ok || !imported || /An error occurred|Error importing/i.test(result.output)) {
			throw new Error(`n8n ${command} failed (rc ${result.rc}):\n${tail(result.output)}`);
		}
		return result;
	}

	const instance = {
		mode,
		nodeType: MILVUS_ALIAS_TYPES[mode],
		userFolder,
		root,
		packageDir,
		tarball,
		env,
		run,

		async importCredentials(credentials) {
			if (!Array.isArray(credentials)) throw new Error('importCredentials expects an array');
			return await importFile('import:credentials', 'credentials.json', credentials);
		},

		async importWorkflow(workflow) {
			return await importFile('import:workflow', 'workflow.json', workflow);
		},

		async execute(workflowId, { timeoutMs = 120000, env: extraEnv } = {}) {
			const result = await run(['execute', `--id=${workflowId}`, '--rawOutput'], {
				timeoutMs,
				env: extraEnv,
				label: `execute-${workflowId}`,
			});
			const parsed = parseRunOutput(result.output);
			// n8n 2.41.1 on Node 24 sometimes dies with SIGSEGV while exiting, after it printed the
			// complete run (isolated-vm teardown of the default 'vm' expression engine; not seen
			// with N8N_EXPRESSION_ENGINE=legacy). The run is then finished and stored: report the
			// exit code n8n had decided on (1 when the run has an error, else 0) and keep the raw one.
			if (
				EXIT_CRASH_CODES.includes(result.rc) &&
				parsed &&
				parsed.finished !== undefined &&
				parsed.status
			) {
				const decided =
					parsed.status === 'success' &&
					!(parsed.data && parsed.data.resultData && parsed.data.resultData.error)
						? 0
						: 1;
				return { ...result, rc: decided, rawRc: result.rc, crashedAtExit: true, run: parsed };
			}
			return { ...result, rawRc: result.rc, crashedAtExit: false, run: parsed };
		},

		items(runData, nodeName, outputIndex = 0, runIndex = 0) {
			const byNode =
				runData && runData.data && runData.data.resultData && runData.data.resultData.runData;
			if (!byNode || !byNode[nodeName]) {
				throw new Error(
					`node "${nodeName}" did not run; nodes that ran: ${byNode ? Object.keys(byNode).join(', ') : '(no run data)'}`,
				);
			}
			const task = byNode[nodeName][runIndex];
			const main = task && task.data && task.data.main;
			return (main && main[outputIndex]) || [];
		},

		nodeError(runData) {
			return runData && runData.data && runData.data.resultData
				? runData.data.resultData.error
				: undefined;
		},

		async startServer({ env: extraEnv = {}, readyTimeoutMs = 90000 } = {}) {
			if (disposed) throw new Error('this n8n instance was disposed');
			const port = await freePort();
			const serverEnv = {
				...env,
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_HOST: '127.0.0.1',
				N8N_PROTOCOL: 'http',
				N8N_SECURE_COOKIE: 'false',
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				...extraEnv,
			};
			const logFile = tempFile('server.log');
			const fd = fs.openSync(logFile, 'w');
			const child = childProcess.spawn(NODE_BIN, [N8N_MAIN, 'start'], {
				cwd: root,
				env: serverEnv,
				stdio: ['ignore', fd, fd],
				detached: true,
			});
			fs.closeSync(fd);
			liveServerGroups.add(child.pid);
			let exited = false;
			const exitPromise = new Promise((resolve) =>
				child.on('exit', () => {
					exited = true;
					resolve();
				}),
			);
			const baseUrl = `http://127.0.0.1:${port}`;
			const server = {
				baseUrl,
				port,
				pid: child.pid,
				logFile,
				log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
				async stop() {
					servers.delete(server);
					if (exited) return;
					killGroup(child.pid, 'SIGTERM');
					await settleWithin(exitPromise, 10000);
					if (!exited) {
						killGroup(child.pid, 'SIGKILL');
						await settleWithin(exitPromise, 5000);
					}
					killGroup(child.pid, 'SIGKILL'); // stray children of the group
					liveServerGroups.delete(child.pid);
				},
			};
			servers.add(server);
			const deadline = Date.now() + readyTimeoutMs;
			for (;;) {
				if (exited) {
					servers.delete(server);
					throw new Error(`n8n start exited early:\n${tail(server.log())}`);
				}
				try {
					// While starting, n8n answers every path with 200 "n8n is starting up. Please wait".
					const response = await fetch(`${baseUrl}/rest/settings`, {
						signal: AbortSignal.timeout(2000),
					});
					const text = await response.text();
					if (response.ok && text.startsWith('{') && JSON.parse(text).data) break;
				} catch {
					// not listening yet
				}
				if (Date.now() > deadline) {
					await server.stop();
					throw new Error(
						`n8n start was not ready within ${readyTimeoutMs} ms:\n${tail(server.log())}`,
					);
				}
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
			return server;
		},

		async dispose() {
			if (disposed) return;
			disposed = true;
			await Promise.all([...servers].map((server) => server.stop()));
			if (!process.env.MILVUS_ALIAS_E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
		},
	};
	return instance;
}

module.exports = {
	createN8n,
	retargetNodeType,
	parseRunOutput,
	freePort,
	paths,
	MILVUS_ALIAS_TYPES,
};
