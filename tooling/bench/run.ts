/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling, never part of the package */
/**
 * `npm run bench [-- flags]`: the Milvus Alias node against n8n's HTTP Request node (literal
 * header and generic Bearer credential) in a real n8n, for 300 items and for one item (many
 * single-item rounds per execution), at each answer latency; prints a table and writes the
 * results, with the machine, to tooling/bench/results/latest.json. See README.md.
 *
 * Flags (args.ts): --items=300,1 --latencies=0,50,150,300 --executions=6
 * --one-item-executions=3 --rounds=12 --mappings=plain|computed --change-ms=0 --out=<file>
 * --cpu-prof=<dir>
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startEmulator } from '../emulator';
import { REPO_ROOT } from '../n8n';
import { parseBenchArgs } from './args';
import { runOneItem } from './oneItem';
import { WARMUP_ROUNDS } from './oneItemWorkflow';
import { prepareN8n, runRealN8n } from './realN8n';
import { formatReport } from './report';

const TOKEN = 'root:Milvus';
const COLLECTIONS = 10;

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
	const args = parseBenchArgs(process.argv.slice(2));
	const out = path.resolve(args.out || path.join(__dirname, 'results', 'latest.json'));
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
	// Milvus executes alias changes one at a time; 0 keeps the emulator answering in parallel.
	emulator.setChangeTime(args.changeMs);
	const executeEnv = args.cpuProf
		? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.resolve(args.cpuProf)}` }
		: undefined;
	if (args.cpuProf) fs.mkdirSync(args.cpuProf, { recursive: true });
	try {
		const n8n = await prepareN8n(emulator, TOKEN);
		try {
			log(`real n8n ${n8n.version}: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
			const loadAverage = () => machine().loadAverage;
			const common = {
				n8n,
				emulator,
				token: TOKEN,
				latencies: args.latencies,
				executeEnv,
				loadAverage,
				log,
			};
			const manyItems = [];
			for (const items of args.itemCounts.filter((count) => count > 1))
				manyItems.push(
					await runRealN8n({
						...common,
						items,
						collections: COLLECTIONS,
						executions: args.executions,
						mappings: args.mappings,
					}),
				);
			const oneItem = args.itemCounts.includes(1)
				? {
						n8nVersion: n8n.version,
						mappings: args.mappings,
						measuredRoundsPerExecution: args.rounds,
						warmupRoundsPerExecution: WARMUP_ROUNDS,
						byLatency: await runOneItem({
							...common,
							executions: args.oneItemExecutions,
							rounds: args.rounds,
							mappings: args.mappings,
						}),
					}
				: undefined;
			const results = {
				date: new Date().toISOString(),
				command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
				args,
				machine: { ...machineAtStart, loadAverageAtEnd: machine().loadAverage },
				durationS: Math.round((Date.now() - started) / 1000),
				changeMs: args.changeMs,
				delayed: 'every request',
				manyItems,
				oneItem,
			};
			fs.mkdirSync(path.dirname(out), { recursive: true });
			fs.writeFileSync(out, `${JSON.stringify(results, null, '\t')}\n`);
			process.stdout.write(
				`\n${formatReport({
					mappings: args.mappings,
					changeMs: args.changeMs,
					manyItems,
					oneItem: oneItem?.byLatency,
				})}\nwritten to ${path.relative(process.cwd(), out)}\n`,
			);
		} finally {
			await n8n.dispose();
		}
	} finally {
		await emulator.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exitCode = 1;
});
