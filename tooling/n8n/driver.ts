/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets -- development tooling, never part of the package: it installs and runs n8n processes with a throwaway test instance key */
/**
 * Drives a real n8n (installed by `bash tooling/n8n/setup.sh [version]`) headless, through its
 * CLI and `n8n start`, with this repository's built node (`npm run build` first: dist/ must exist).
 * Used by the end-to-end, browser, agent and queue suites, the demo and the benchmark.
 *
 * `createN8n({ mode, version, env })` gives an isolated instance: its own temp user folder, a
 * fixed encryption key, telemetry and templates off, SSRF protection off unless `env` sets it, no
 * proxy variables and no inherited N8N_*, DB_*, NODE_ENV or NODE_OPTIONS. Every n8n call runs on
 * the Node.js that version needs (from the cache), in its own process group, under `timeout`.
 *   mode 'custom' (default): package.json + dist/ copied into an extension folder (no
 *     node_modules) named by N8N_CUSTOM_EXTENSIONS → node type 'CUSTOM.milvusAlias'.
 *   mode 'package': `npm pack` of the repository installed as a user's community package into
 *     <userFolder>/.n8n/nodes → node type 'n8n-nodes-milvus-alias.milvusAlias'.
 */
import childProcess from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort, killGroup, runBounded, settleWithin, tail } from './process';
import type { BoundedResult } from './process';
import type { N8nInstallPaths } from './versions';
import { installPaths, n8nMajor, REPO_ROOT, selectedN8nVersion } from './versions';

export { freePort } from './process';

export const PACKAGE_NAME = 'n8n-nodes-milvus-alias';
export const MILVUS_ALIAS_TYPES = {
	custom: 'CUSTOM.milvusAlias',
	package: `${PACKAGE_NAME}.milvusAlias`,
} as const;
export type InstallMode = keyof typeof MILVUS_ALIAS_TYPES;

/** A fixed instance key for throwaway test instances, so imported credentials decrypt across calls. */
const INSTANCE_KEY_FOR_TESTS = 'milvus-alias-e2e-fixed-encryption-key-0001';
/** 128 + SIGSEGV, 128 + SIGABRT: crashes of n8n while exiting (see execute). */
const EXIT_CRASH_CODES = [139, 134];

/* eslint-disable @typescript-eslint/no-explicit-any -- n8n's run JSON is read loosely here */
export type RunJson = any;
export interface WorkflowJson {
	id?: string;
	nodes?: Array<{ type: string; [key: string]: unknown }>;
	[key: string]: unknown;
}
export interface ExecuteResult extends BoundedResult {
	/** The IRun object n8n printed, or undefined. */
	run: RunJson;
	rawRc: number;
	/** n8n finished the run, then crashed while exiting (see execute). */
	crashedAtExit: boolean;
}
export interface N8nServer {
	baseUrl: string;
	port: number;
	pid: number;
	logFile: string;
	log(): string;
	stop(): Promise<void>;
}
export interface CallOptions {
	timeoutMs?: number;
	env?: NodeJS.ProcessEnv;
	label?: string;
}

/** The IRun JSON block of `n8n execute --rawOutput` output, or undefined. */
export function parseRunOutput(text: string): RunJson {
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
export function retargetNodeType<T extends WorkflowJson>(workflow: T, nodeType: string): T {
	const copy = JSON.parse(JSON.stringify(workflow)) as T;
	const ours: string[] = Object.values(MILVUS_ALIAS_TYPES);
	for (const node of copy.nodes ?? []) {
		if (ours.includes(node.type)) node.type = nodeType;
		else if (ours.some((type) => node.type === `${type}Tool`)) node.type = `${nodeType}Tool`;
	}
	return copy;
}

/** The environment every n8n call starts from: the caller's, minus what could leak in. */
function cleanEnv(nodeBinDir: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(https?|all|no|ftp|socks)_proxy$/i.test(key)) continue;
		if (/^(N8N_|DB_|QUEUE_|EXECUTIONS_|JEST_|npm_)/i.test(key)) continue;
		const leaky = [
			'NODE_ENV',
			'NODE_OPTIONS',
			'NODE_PATH',
			'NODE_EXTRA_CA_CERTS',
			'GENERIC_TIMEZONE',
		];
		if (leaky.includes(key)) continue;
		env[key] = value;
	}
	env.PATH = `${nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`;
	return env;
}

/** Process groups of servers started by any instance: killed if this process exits first. */
const liveServerGroups = new Set<number>();
process.on('exit', () => {
	for (const pid of liveServerGroups) killGroup(pid, 'SIGKILL');
});

function checkInstalled(install: N8nInstallPaths): void {
	for (const file of [install.node, install.n8nMain, install.doneStamp]) {
		if (!fs.existsSync(file)) {
			throw new Error(
				`${file} is missing: run \`bash tooling/n8n/setup.sh ${install.version}\` first (installs Node ${install.nodeMajor} and n8n ${install.version})`,
			);
		}
	}
	const distNode = path.join(REPO_ROOT, 'dist', 'nodes', 'MilvusAlias', 'MilvusAlias.node.js');
	if (!fs.existsSync(distNode))
		throw new Error(`${distNode} is missing: run \`npm run build\` first`);
}

/** `npm pack` of the repository; returns the tarball's path. */
export async function packRepository(intoDir: string, env: NodeJS.ProcessEnv): Promise<string> {
	fs.mkdirSync(intoDir, { recursive: true });
	const packed = await runBounded(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', intoDir],
		{ cwd: REPO_ROOT, env, timeoutMs: 120000, outFile: path.join(intoDir, 'npm-pack.log') },
	);
	if (packed.rc !== 0)
		throw new Error(`npm pack failed (rc ${packed.rc}):\n${tail(packed.output)}`);
	const tarballs = fs.readdirSync(intoDir).filter((name) => name.endsWith('.tgz'));
	if (tarballs.length !== 1)
		throw new Error(`npm pack left ${tarballs.length} tarballs in ${intoDir}`);
	return path.join(intoDir, tarballs[0]);
}

/** What n8n's own community-package installer leaves: <userFolder>/.n8n/nodes/node_modules/<pkg>. */
export async function installPackage(
	tarball: string,
	userFolder: string,
	env: NodeJS.ProcessEnv,
	logDir: string,
): Promise<string> {
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
		{ cwd: nodesDir, env, timeoutMs: 180000, outFile: path.join(logDir, 'npm-install.log') },
	);
	if (installed.rc !== 0) {
		throw new Error(
			`npm install of ${tarball} failed (rc ${installed.rc}):\n${tail(installed.output)}`,
		);
	}
	const packageDir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	if (!fs.existsSync(path.join(packageDir, 'package.json')))
		throw new Error(`${packageDir} was not installed`);
	return packageDir;
}

export interface CreateN8nOptions {
	mode?: InstallMode;
	/** A version of tooling/n8n/versions.json; default: selectedN8nVersion(). */
	version?: string;
	env?: NodeJS.ProcessEnv;
}

export type N8nInstance = Awaited<ReturnType<typeof createN8n>>;

/** Creates an isolated n8n instance (temp user folder, the node installed per `mode`). */
export async function createN8n(options: CreateN8nOptions = {}) {
	const mode = options.mode ?? 'custom';
	if (!(mode in MILVUS_ALIAS_TYPES))
		throw new Error(`unknown mode ${String(mode)} (custom or package)`);
	const version = options.version ?? selectedN8nVersion();
	const install = installPaths(version);
	checkInstalled(install);

	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'milvus-alias-n8n-'));
	const userFolder = path.join(root, 'home');
	fs.mkdirSync(userFolder, { recursive: true });
	let fileCounter = 0;
	const tempFile = (name: string) =>
		path.join(root, `${String(++fileCounter).padStart(3, '0')}-${name}`);

	const env: NodeJS.ProcessEnv = {
		...cleanEnv(install.nodeBinDir),
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: INSTANCE_KEY_FOR_TESTS,
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

	let packageDir: string | undefined;
	let tarball: string | undefined;
	if (mode === 'custom') {
		const extensionDir = path.join(root, 'extension', PACKAGE_NAME);
		fs.mkdirSync(extensionDir, { recursive: true });
		fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(extensionDir, 'package.json'));
		fs.cpSync(path.join(REPO_ROOT, 'dist'), path.join(extensionDir, 'dist'), {
			recursive: true,
			dereference: true,
		});
		env.N8N_CUSTOM_EXTENSIONS = extensionDir;
	} else {
		tarball = await packRepository(path.join(root, 'pack'), env);
		packageDir = await installPackage(tarball, userFolder, env, root);
	}
	Object.assign(env, options.env ?? {});

	const servers = new Set<N8nServer>();
	let disposed = false;

	/** Any n8n CLI command, bounded. */
	async function run(args: string[], call: CallOptions = {}): Promise<BoundedResult> {
		if (disposed) throw new Error('this n8n instance was disposed');
		const { timeoutMs = 120000, env: extraEnv = {}, label = args[0] } = call;
		const callEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...extraEnv };
		const outFile = tempFile(`${label.replace(/[^\w.-]/g, '_')}.log`);
		return await runBounded(install.node, [install.n8nMain, ...args], {
			cwd: root,
			env: callEnv,
			timeoutMs,
			outFile,
		});
	}

	async function importFile(command: string, fileName: string, content: unknown) {
		const file = tempFile(fileName);
		fs.writeFileSync(file, JSON.stringify(content, null, 2));
		const result = await run([command, `--input=${file}`], { label: command });
		const imported = /Successfully imported \d+/.test(result.output);
		// See execute(): an exit-time crash after a finished import is not an import failure.
		const ok = result.rc === 0 || (EXIT_CRASH_CODES.includes(result.rc) && imported);
		if (!ok || !imported || /An error occurred|Error importing/i.test(result.output)) {
			throw new Error(`n8n ${command} failed (rc ${result.rc}):\n${tail(result.output)}`);
		}
		return result;
	}

	/** `n8n start` (or another long-running command, e.g. ['worker']) on a free loopback port. */
	async function startServer(
		serverOptions: { env?: NodeJS.ProcessEnv; readyTimeoutMs?: number; args?: string[] } = {},
	): Promise<N8nServer> {
		if (disposed) throw new Error('this n8n instance was disposed');
		const { env: extraEnv = {}, readyTimeoutMs = 90000, args = ['start'] } = serverOptions;
		const port = Number(extraEnv.N8N_PORT ?? (await freePort()));
		const serverEnv: NodeJS.ProcessEnv = {
			...env,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...extraEnv,
		};
		const logFile = tempFile(`${args[0]}.log`);
		const fd = fs.openSync(logFile, 'w');
		const child = childProcess.spawn(install.node, [install.n8nMain, ...args], {
			cwd: root,
			env: serverEnv,
			stdio: ['ignore', fd, fd],
			detached: true,
		});
		fs.closeSync(fd);
		const pid = child.pid ?? 0;
		liveServerGroups.add(pid);
		let exited = false;
		const exitPromise = new Promise<void>((resolve) =>
			child.on('exit', () => {
				exited = true;
				resolve();
			}),
		);
		const baseUrl = `http://127.0.0.1:${port}`;
		const server: N8nServer = {
			baseUrl,
			port,
			pid,
			logFile,
			log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
			async stop() {
				servers.delete(server);
				if (!exited) {
					killGroup(pid, 'SIGTERM');
					await settleWithin(exitPromise, 10000);
				}
				if (!exited) {
					killGroup(pid, 'SIGKILL');
					await settleWithin(exitPromise, 5000);
				}
				killGroup(pid, 'SIGKILL'); // stray children of the group
				liveServerGroups.delete(pid);
			},
		};
		servers.add(server);
		if (args[0] !== 'start') return server;
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
	}

	return {
		mode,
		version,
		/** 1 or 2: n8n's engines differ (e.g. error-output routing). */
		major: n8nMajor(version),
		nodeType: MILVUS_ALIAS_TYPES[mode],
		userFolder,
		root,
		packageDir,
		tarball,
		env,
		install,
		run,
		startServer,

		async importCredentials(credentials: unknown[]) {
			if (!Array.isArray(credentials)) throw new Error('importCredentials expects an array');
			return await importFile('import:credentials', 'credentials.json', credentials);
		},

		async importWorkflow(workflow: WorkflowJson | WorkflowJson[]) {
			return await importFile('import:workflow', 'workflow.json', workflow);
		},

		/** `n8n execute --id=<id> --rawOutput`, its run JSON parsed. */
		async execute(workflowId: string, call: CallOptions = {}): Promise<ExecuteResult> {
			const result = await run(['execute', `--id=${workflowId}`, '--rawOutput'], {
				timeoutMs: call.timeoutMs ?? 120000,
				env: call.env,
				label: `execute-${workflowId}`,
			});
			const parsed = parseRunOutput(result.output);
			// n8n 2.41.1 on Node 24 sometimes dies with SIGSEGV while exiting, after it printed the
			// complete run (isolated-vm teardown of the 'vm' expression engine). The run is then
			// finished and stored: report the exit code n8n had decided on and keep the raw one.
			if (
				EXIT_CRASH_CODES.includes(result.rc) &&
				parsed?.finished !== undefined &&
				parsed?.status
			) {
				const decided = parsed.status === 'success' && !parsed.data?.resultData?.error ? 0 : 1;
				return { ...result, rc: decided, rawRc: result.rc, crashedAtExit: true, run: parsed };
			}
			return { ...result, rawRc: result.rc, crashedAtExit: false, run: parsed };
		},

		/** Items a node put on an output ([] when none); throws when the node did not run. */
		items(
			runJson: RunJson,
			nodeName: string,
			outputIndex = 0,
			runIndex = 0,
		): Array<{ json: any; pairedItem?: unknown; [key: string]: unknown }> {
			const byNode = runJson?.data?.resultData?.runData;
			if (!byNode?.[nodeName]) {
				const ran = byNode ? Object.keys(byNode).join(', ') : '(no run data)';
				throw new Error(`node "${nodeName}" did not run; nodes that ran: ${ran}`);
			}
			return byNode[nodeName][runIndex]?.data?.main?.[outputIndex] ?? [];
		},

		nodeError(runJson: RunJson): any {
			return runJson?.data?.resultData?.error;
		},

		/** Stops servers, removes the temp folders (MILVUS_ALIAS_E2E_KEEP=1 keeps them, logs included). */
		async dispose() {
			if (disposed) return;
			disposed = true;
			await Promise.all([...servers].map(async (server) => await server.stop()));
			if (!process.env.MILVUS_ALIAS_E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
		},
	};
}
