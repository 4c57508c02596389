#!/usr/bin/env node
'use strict';
/**
 * `npm run demo`: the blue/green example (examples/blue-green.json) in a real n8n 2.41.1, in one
 * command, with the node installed from its npm tarball the way a user installs it.
 *
 *   1. bash scripts/setup-n8n.sh (Node 24 + n8n into ~/.cache/n8n-nodes-milvus-alias; cached)
 *   2. npm run build
 *   3. the Milvus emulator, seeded like `npx tsx tooling/emulator/cli.ts --seed demo`
 *      (products_v1 and products_v2 loaded, alias products → products_v1)
 *   4. import the credential and the example, `n8n execute`, print what each node did.
 *
 * Against a real Milvus / Zilliz Cloud instead of the emulator:
 *   MILVUS_ENDPOINT=http://host:19530 [MILVUS_TOKEN=user:password] [MILVUS_DB=db]
 *   [DEMO_ALIAS=products] [DEMO_COLLECTION=products_v2] [MILVUS_IGNORE_SSL=true]
 *   DEMO_CONFIRM=yes npm run demo
 * This CHANGES the alias and DROPS the collection it pointed at before. Without DEMO_CONFIRM=yes
 * the demo only prints what it would do and exits 0. The token is never printed.
 */
const childProcess = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

const settings = {
	endpoint: (process.env.MILVUS_ENDPOINT || '').trim(),
	token: process.env.MILVUS_TOKEN || '',
	dbName: (process.env.MILVUS_DB || '').trim(),
	alias: (process.env.DEMO_ALIAS || 'products').trim(),
	collection: (process.env.DEMO_COLLECTION || 'products_v2').trim(),
	ignoreSsl: /^(1|true|yes)$/i.test(process.env.MILVUS_IGNORE_SSL || ''),
	confirmed: process.env.DEMO_CONFIRM === 'yes',
};
const realServer = settings.endpoint !== '';

/** Removes the token (and any user info in the endpoint) from text we print. */
function redact(text) {
	let out = String(text);
	if (settings.token) out = out.split(settings.token).join('***');
	if (settings.token.trim() && settings.token.trim() !== settings.token)
		out = out.split(settings.token.trim()).join('***');
	return out.replace(/(https?:\/\/)[^/@\s]+@/gi, '$1***@');
}

function say(text = '') {
	process.stdout.write(`${redact(text)}\n`);
}

function shownEndpoint(url) {
	return redact(url);
}

function runStep(label, command, args, { quiet = false, timeoutMs }) {
	const started = Date.now();
	const result = childProcess.spawnSync(command, args, {
		cwd: ROOT,
		stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
		encoding: 'utf8',
		timeout: timeoutMs,
		killSignal: 'SIGKILL',
		maxBuffer: 64 * 1024 * 1024,
	});
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (result.error || result.status !== 0) {
		if (quiet) process.stderr.write(redact(`${result.stdout || ''}${result.stderr || ''}`));
		throw new Error(
			`${label} failed after ${seconds} s (${result.error ? result.error.message : `exit ${result.status}`})`,
		);
	}
	say(`demo: ${label} done in ${seconds} s`);
}

function printPlan() {
	const db = settings.dbName || 'default';
	say(
		`WARNING: MILVUS_ENDPOINT is set, so the demo runs against a real Milvus at ${shownEndpoint(settings.endpoint)}.`,
	);
	say('It will:');
	say(
		`  1. point alias "${settings.alias}" (database ${db}) at collection "${settings.collection}", which must be loaded`,
	);
	say(
		`  2. if "${settings.alias}" pointed at another collection before, DROP that collection: its data is deleted`,
	);
}

function pad(text, width) {
	const value = String(text);
	return value.length > width ? `${value.slice(0, width - 1)}…` : value.padEnd(width);
}

function printRun(n8n, result, summarizeBlueGreen) {
	const lines = summarizeBlueGreen(result.run);
	const runData = result.run.data.resultData.runData;
	const width = Math.min(30, Math.max(...lines.map((line) => line.node.length)));
	say();
	say(`  ${pad('Node', width)}  Result (and the node's output items)`);
	say(`  ${'-'.repeat(width)}  ${'-'.repeat(50)}`);
	for (const line of lines) {
		say(`  ${pad(line.node, width)}  ${line.text}`);
		const outputs = (runData[line.node][0].data && runData[line.node][0].data.main) || [];
		outputs.forEach((items, outputIndex) => {
			for (const item of items || []) {
				if (Object.keys(item.json || {}).length === 0) continue;
				const where =
					outputs.length > 1
						? `[output ${outputIndex}: ${outputIndex === 0 ? 'true' : 'false'}] `
						: '';
				say(`  ${' '.repeat(width)}    ${where}${JSON.stringify(item.json)}`);
			}
		});
	}
	say();
}

async function main() {
	const started = Date.now();
	if (realServer) {
		printPlan();
		if (!settings.confirmed) {
			say('Nothing was changed. Set DEMO_CONFIRM=yes to run it.');
			return 0;
		}
		say('DEMO_CONFIRM=yes: going ahead.');
	}

	runStep('setup (scripts/setup-n8n.sh)', 'bash', ['scripts/setup-n8n.sh'], {
		timeoutMs: 30 * 60000,
	});
	runStep('build (npm run build)', 'npm', ['run', 'build'], { quiet: true, timeoutMs: 5 * 60000 });

	// Required after the build: the driver checks that dist/ exists.
	const { createN8n } = require('../test/e2e/n8n-cli');
	const {
		BLUE_GREEN,
		blueGreenCredential,
		loadBlueGreen,
		summarizeBlueGreen,
	} = require('../test/e2e/blue-green');

	let emulator;
	let n8n;
	const cleanup = async () => {
		if (n8n) await n8n.dispose().catch(() => undefined);
		if (emulator) await emulator.close().catch(() => undefined);
	};
	const onSignal = () => {
		cleanup().finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	try {
		let endpoint = settings.endpoint;
		if (!realServer) {
			const { startEmulator } = require('tsx/cjs/api').require('../tooling/emulator', __filename);
			const { SEEDS } = require('tsx/cjs/api').require('../tooling/emulator/cli', __filename);
			emulator = await startEmulator({ databases: SEEDS.demo });
			endpoint = emulator.url;
			say(
				`demo: Milvus emulator at ${endpoint} (seed "demo": products_v1 and products_v2 loaded, alias products → products_v1)`,
			);
		}

		n8n = await createN8n({ mode: 'package' });
		say(
			`demo: ${path.basename(n8n.tarball)} installed into a fresh n8n user folder as ${n8n.nodeType}`,
		);
		await n8n.importCredentials([
			blueGreenCredential({ endpoint, token: settings.token, ignoreSslIssues: settings.ignoreSsl }),
		]);
		await n8n.importWorkflow(
			loadBlueGreen({
				endpoint,
				alias: settings.alias,
				collection: settings.collection,
				dbName: settings.dbName,
				allowUnauthorizedCerts: settings.ignoreSsl,
			}),
		);
		say(
			`demo: credential "${BLUE_GREEN.credentialName}" and examples/blue-green.json imported; executing it in n8n...`,
		);

		const result = await n8n.execute(BLUE_GREEN.workflowId, { timeoutMs: 180000 });
		if (!result.run) {
			say(`demo: n8n printed no run (exit ${result.rc}). Its output ends with:`);
			say(result.output.split('\n').slice(-40).join('\n'));
			return 1;
		}
		say(
			`demo: n8n execute finished in ${(result.ms / 1000).toFixed(1)} s with status "${result.run.status}"`,
		);
		printRun(n8n, result, summarizeBlueGreen);

		const error = n8n.nodeError(result.run);
		if (error) {
			say(`The workflow failed in "${error.node ? error.node.name : '?'}": ${error.message}`);
			if (error.description) say(error.description);
			return 1;
		}
		if (emulator) {
			const aliases = Object.entries(emulator.getAliases()).map(
				([alias, target]) => `${alias} → ${target}`,
			);
			say(
				`Emulator afterwards: aliases ${aliases.join(', ') || '(none)'}; collections ${Object.keys(emulator.getCollections()).join(', ')}`,
			);
		}
		say(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
		return 0;
	} finally {
		await cleanup();
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
	}
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error) => {
		process.stderr.write(`demo failed: ${redact(error && error.stack ? error.stack : error)}\n`);
		process.exitCode = 1;
	},
);
