/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling, never part of the package */
/**
 * `npm run bench [-- flags]`: the Milvus Alias node against n8n's HTTP Request node (literal
 * header and generic Bearer credential) in a real n8n, at each answer latency; prints a table
 * and writes the results, with the machine, to tooling/bench/results/latest.json. See README.md.
 *
 * Flags: --latencies=0,50 --executions=6 --items=300 --mappings=plain|computed --change-ms=0
 * --out=<file> --cpu-prof=<dir>
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startEmulator } from '../emulator';
import { REPO_ROOT } from '../n8n';
import { runRealN8n } from './realN8n';
import type { MappingStyle } from './workflow';
import { MAPPING_STYLES } from './workflow';

const TOKEN = 'root:Milvus';
const COLLECTIONS = 10;

function flag(name: string, fallback: string): string {
	const prefix = `--${name}=`;
	const found = process.argv.slice(2).find((arg) => arg.startsWith(prefix));
	return found ? found.slice(prefix.length) : fallback;
}

function machine() {
	return {
		node: process.version,
		platform: `${os.type()} ${os.release()} ${os.arch()}`,
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model,
		memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
		loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
	};
}

function distIsCurrent(): boolean {
	const built = path.join(REPO_ROOT, 'dist', 'nodes', 'MilvusAlias', 'MilvusAlias.node.js');
	const builtAt = fs.statSync(built).mtimeMs;
	const newest = (dir: string): number =>
		fs
			.readdirSync(dir, { withFileTypes: true })
			.map((entry) => {
				const full = path.join(dir, entry.name);
				return entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs;
			})
			.reduce((a, b) => Math.max(a, b), 0);
	return newest(path.join(REPO_ROOT, 'nodes')) <= builtAt;
}

async function main() {
	const latencies = flag('latencies', '0,50').split(',').map(Number);
	const executions = Number(flag('executions', '6'));
	const items = Number(flag('items', '300'));
	const out = path.resolve(flag('out', path.join(__dirname, 'results', 'latest.json')));
	const profileDir = flag('cpu-prof', '');
	const mappings = flag('mappings', 'plain') as MappingStyle;
	if (!MAPPING_STYLES.includes(mappings))
		throw new Error(`--mappings must be one of ${MAPPING_STYLES.join(', ')}`);
	// Milvus executes alias changes one at a time; 0 keeps the emulator answering in parallel.
	const changeMs = Number(flag('change-ms', '0'));
	const started = Date.now();
	const log = (line: string) =>
		process.stdout.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)} s] ${line}\n`);
	const built = path.join(REPO_ROOT, 'dist', 'nodes', 'MilvusAlias', 'MilvusAlias.node.js');
	if (!fs.existsSync(built)) throw new Error('dist/ is missing: run `npm run build` first');
	if (!distIsCurrent())
		log('warning: dist/ is older than nodes/; `npm run build` to measure the sources');
	const machineAtStart = machine();
	const emulator = await startEmulator({
		auth: { users: { root: 'Milvus' } },
		databases: {
			default: {
				collections: Object.fromEntries(
					Array.from({ length: COLLECTIONS }, (_, i) => [`c_${i}`, {}]),
				),
			},
		},
	});
	emulator.setChangeTime(changeMs);
	try {
		if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
		const real = await runRealN8n({
			emulator,
			token: TOKEN,
			items,
			collections: COLLECTIONS,
			latencies,
			executions,
			mappings,
			executeEnv: profileDir
				? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.resolve(profileDir)}` }
				: undefined,
			log,
		});
		const results = {
			date: new Date().toISOString(),
			command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
			machine: { ...machineAtStart, loadAverageAtEnd: machine().loadAverage },
			durationS: Math.round((Date.now() - started) / 1000),
			changeMs,
			real,
		};
		fs.mkdirSync(path.dirname(out), { recursive: true });
		fs.writeFileSync(out, `${JSON.stringify(results, null, '\t')}\n`);
		process.stdout.write(
			`\n${mappings} mappings, alias changes ${changeMs ? `${changeMs} ms each, one at a time` : 'in parallel'}\nlatency | node | median ms (min-max) | Milvus Alias / this, per execution\n`,
		);
		for (const result of real.byLatency) {
			for (const [name, node] of Object.entries(result.nodes)) {
				const ratio =
					name === 'HTTP Request (header)'
						? result.ratios.vsHeader
						: name === 'HTTP Request (Bearer credential)'
							? result.ratios.vsBearer
							: undefined;
				const t = node.executionTimeMs;
				process.stdout.write(
					`${result.latencyMs} ms | ${name} | ${t.median} (${t.min}-${t.max}) | ${
						ratio ? `${ratio.median}× (${ratio.min}-${ratio.max})` : ''
					}\n`,
				);
			}
			const faster = result.ratios.vsFasterSetup;
			process.stdout.write(
				`${result.latencyMs} ms | vs the faster HTTP setup of each execution: ${faster.median}× (${faster.min}-${faster.max})\n`,
			);
		}
		process.stdout.write(`\nwritten to ${path.relative(process.cwd(), out)}\n`);
	} finally {
		await emulator.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exitCode = 1;
});
