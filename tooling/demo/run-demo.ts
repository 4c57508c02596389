/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling, never part of the package */
/**
 * `npm run demo`: the blue/green example (examples/blue-green.json) in a real n8n, in one
 * command, with the node installed from its npm tarball the way a user installs it.
 *
 *   1. bash tooling/n8n/setup.sh (Node.js + n8n into ~/.cache/n8n-nodes-milvus-alias; cached;
 *      MILVUS_ALIAS_N8N_VERSION picks another tested n8n version)
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
import path from 'node:path';

import { startEmulator } from '../emulator';
import type { MilvusEmulator } from '../emulator';
import { SEEDS } from '../emulator/cli';
import type { ExecuteResult, N8nInstance } from '../n8n';
import { createN8n, selectedN8nVersion, SETUP_SCRIPT } from '../n8n';
import { runStep } from '../run-step';
import { BLUE_GREEN, blueGreenCredential, loadBlueGreen, summarizeBlueGreen } from './blue-green';

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
function redact(text: unknown): string {
	let out = String(text);
	if (settings.token) out = out.split(settings.token).join('***');
	if (settings.token.trim() && settings.token.trim() !== settings.token)
		out = out.split(settings.token.trim()).join('***');
	return out.replace(/(https?:\/\/)[^/@\s]+@/gi, '$1***@');
}

function say(text = ''): void {
	process.stdout.write(`${redact(text)}\n`);
}

function shownEndpoint(url: string): string {
	return redact(url);
}

/** A setup step of the demo; throws (and so stops the demo) when it fails. */
function step(label: string, command: string, args: string[], timeoutMs: number): void {
	if (runStep(label, command, args, { timeoutMs, tag: 'demo' }) !== 0) {
		throw new Error(`${label} failed: see the lines above`);
	}
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

function pad(text: string, width: number): string {
	const value = String(text);
	return value.length > width ? `${value.slice(0, width - 1)}…` : value.padEnd(width);
}

/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- n8n's run JSON, read loosely */
type Loose = any;

function printRun(result: ExecuteResult): void {
	const lines = summarizeBlueGreen(result.run);
	const runData = result.run.data.resultData.runData;
	const width = Math.min(30, Math.max(...lines.map((line) => line.node.length)));
	say();
	say(`  ${pad('Node', width)}  Result (and the node's output items)`);
	say(`  ${'-'.repeat(width)}  ${'-'.repeat(50)}`);
	for (const line of lines) {
		say(`  ${pad(line.node, width)}  ${line.text}`);
		const outputs = (runData[line.node][0].data && runData[line.node][0].data.main) || [];
		outputs.forEach((items: Loose[] | null, outputIndex: number) => {
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

	const version = selectedN8nVersion();
	step(`setup n8n ${version}`, 'bash', [SETUP_SCRIPT, version], 40 * 60000);
	step('build', 'npm', ['run', 'build'], 5 * 60000);

	let emulator: MilvusEmulator | undefined;
	let n8n: N8nInstance | undefined;
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
			emulator = await startEmulator({ databases: SEEDS.demo });
			endpoint = emulator.url;
			say(
				`demo: Milvus emulator at ${endpoint} (seed "demo": products_v1 and products_v2 loaded, alias products → products_v1)`,
			);
		}

		n8n = await createN8n({ mode: 'package' });
		say(
			`demo: ${path.basename(n8n.tarball ?? '')} installed into a fresh n8n user folder as ${n8n.nodeType}`,
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
		printRun(result);

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
	(error: Error) => {
		process.stderr.write(`demo failed: ${redact(error?.stack ?? error)}\n`);
		process.exitCode = 1;
	},
);
