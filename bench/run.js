'use strict';
/**
 * `npm run bench`: the Milvus Alias node against n8n's HTTP Request node doing the same creates
 * in a real n8n 2.41.1 (the goal: Milvus Alias <= 0.8x HTTP Request), plus in-process engine
 * times, a raw-HTTP floor, memory for large inputs, module load time and package size.
 * Prints a table and writes bench/results/latest.json. See bench/README.md.
 *
 * Flags (all optional): --parts=real,inproc,memory,load,pack  --reps=5 (in-process)
 *   --real-rounds=2,1 (full rotations of the measured branches per latency)  --items=300
 *   --latencies=0,2  --concurrencies=10,50,300  --memory-sizes=1000,5000,10000  --quick
 *   --out=bench/results/latest.json
 */
const { execFileSync, fork, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startEmulator } = require('tsx/cjs/api').require('../tooling/emulator', __filename);
const { summary, round, median } = require('./lib/common');
const { serveRpc } = require('./lib/common');

const ROOT = path.resolve(__dirname, '..');
const TOKEN = 'root:Milvus';
const DEFAULT_CONCURRENCY = 10; // the node's default for options.concurrency (actions/router.ts)
const GOAL = 0.8;
const CAPPED_OLD_SPACE_MB = 128;
const BUDGET_MS = 10 * 60 * 1000;
// No part starts after this; every part is itself bounded (child timeouts, n8n execute timeouts).
const SOFT_DEADLINE_MS = 8 * 60 * 1000;

function parseFlags(argv) {
	const flags = {};
	for (const arg of argv) {
		const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
		if (!m) throw new Error(`unknown argument ${arg}`);
		flags[m[1]] = m[2] === undefined ? true : m[2];
	}
	const list = (value, fallback) =>
		value === undefined
			? fallback
			: String(value)
					.split(',')
					.map((x) => x.trim())
					.filter(Boolean);
	const numbers = (value, fallback) => list(value, fallback).map(Number);
	const quick = flags.quick === true;
	return {
		parts: list(flags.parts, ['real', 'inproc', 'memory', 'load', 'pack']),
		reps: Number(flags.reps || (quick ? 2 : 5)),
		realRounds: numbers(flags['real-rounds'], quick ? ['1'] : ['2', '1']),
		n: Number(flags.items || 300),
		k: 10,
		latencies: numbers(flags.latencies, quick ? ['0'] : ['0', '2']),
		concurrencies: numbers(flags.concurrencies, ['10', '50', '300']),
		memorySizes: numbers(flags['memory-sizes'], quick ? ['1000'] : ['1000', '5000', '10000']),
		loadSamples: quick ? 3 : 7,
		out: path.resolve(ROOT, flags.out || 'bench/results/latest.json'),
	};
}

const started = Date.now();
const log = (text) =>
	process.stderr.write(
		`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${text}\n`,
	);

function cacheDir() {
	return (
		process.env.MILVUS_ALIAS_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-milvus-alias')
	);
}

function node24() {
	const bin = path.join(cacheDir(), 'node24', 'node_modules', 'node', 'bin', 'node');
	return fs.existsSync(bin) ? bin : null;
}

/** In-process workers run on the Node that n8n 2.41 runs on (24) when it is installed. */
function workerNode() {
	return node24() || process.execPath;
}

function commandOutput(file, args) {
	try {
		return execFileSync(file, args, {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}).trim();
	} catch {
		return null;
	}
}

function machineInfo() {
	const cpus = os.cpus();
	const n24 = node24();
	let n8nVersion = null;
	try {
		n8nVersion = require(
			path.join(cacheDir(), 'n8n-2.41.1', 'node_modules', 'n8n', 'package.json'),
		).version;
	} catch {
		// not installed
	}
	const version = (name) => {
		try {
			return require(require.resolve(`${name}/package.json`, { paths: [ROOT] })).version;
		} catch {
			return null;
		}
	};
	return {
		date: new Date().toISOString(),
		cpu: cpus[0] ? cpus[0].model.trim() : 'unknown',
		cores: cpus.length,
		memoryGB: round(os.totalmem() / 1024 ** 3, 1),
		platform: `${os.platform()} ${os.release()} ${os.arch()}`,
		node: {
			bench: process.version,
			inProcessWorkers: commandOutput(workerNode(), ['--version']),
			realN8n: n24 ? commandOutput(n24, ['--version']) : null,
		},
		n8n: n8nVersion,
		n8nCore: version('n8n-core'),
		n8nWorkflow: version('n8n-workflow'),
		undici: version('undici'),
		package: `${require(path.join(ROOT, 'package.json')).name}@${require(path.join(ROOT, 'package.json')).version}`,
		loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
		gitCommit: commandOutput('git', ['rev-parse', '--short', 'HEAD']),
		gitDirty: commandOutput('git', ['status', '--porcelain', '--', 'nodes', 'credentials']) !== '',
	};
}

/** Newest mtime under a folder (for "is dist/ older than the sources?"). */
function newestMtime(dir, filter) {
	let newest = 0;
	const walk = (d) => {
		for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, entry.name);
			if (entry.isDirectory()) walk(p);
			else if (filter(p)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
		}
	};
	if (fs.existsSync(dir)) walk(dir);
	return newest;
}

function checkDist() {
	const node = path.join(ROOT, 'dist/nodes/MilvusAlias/MilvusAlias.node.js');
	if (!fs.existsSync(node)) throw new Error('dist/ is missing: run `npm run build` first');
	const sources = Math.max(
		newestMtime(path.join(ROOT, 'nodes'), (p) => p.endsWith('.ts')),
		newestMtime(path.join(ROOT, 'credentials'), (p) => p.endsWith('.ts')),
	);
	const built = newestMtime(path.join(ROOT, 'dist'), (p) => p.endsWith('.js'));
	const fresh = built >= sources;
	if (!fresh)
		log(
			'WARNING: dist/ is older than nodes/ or credentials/: run `npm run build` to bench the current code',
		);
	return fresh;
}

async function resetEmulator(emulator) {
	for (const alias of Object.keys(emulator.getAliases('default')))
		emulator.removeAlias('default', alias);
	emulator.clearRequests();
}

/** Forks a worker that talks to the emulator through rpc; resolves with its result. */
function runWorker(script, config, emulator, { execArgv = [], timeoutMs = 180000 } = {}) {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'workers', script), [JSON.stringify(config)], {
			cwd: ROOT,
			execPath: workerNode(),
			execArgv,
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let result;
		let error;
		const timer = setTimeout(() => {
			error = new Error(`${script} timed out after ${timeoutMs} ms`);
			child.kill('SIGKILL');
		}, timeoutMs);
		serveRpc(child, {
			reset: () => resetEmulator(emulator),
			aliasCount: () => Object.keys(emulator.getAliases('default')).length,
		});
		child.on('message', (msg) => {
			if (msg && msg.result !== undefined) result = msg.result;
			if (msg && msg.error !== undefined) error = new Error(`${script}: ${msg.error}`);
		});
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			if (error) reject(error);
			else if (result === undefined)
				reject(new Error(`${script} exited (${code ?? signal}) without a result`));
			else resolve(result);
		});
	});
}

async function inprocPart(emulator, flags) {
	const out = {};
	for (const latency of flags.latencies) {
		emulator.setLatency(latency);
		log(`in-process engine and raw HTTP floor, latency ${latency} ms`);
		out[latency] = await runWorker(
			'inproc.js',
			{
				url: emulator.url,
				token: TOKEN,
				n: flags.n,
				k: flags.k,
				reps: flags.reps,
				warmup: 1,
				concurrencies: [1, ...flags.concurrencies.filter((c) => c !== 1)],
				floorConcurrencies: [1, DEFAULT_CONCURRENCY, flags.n],
			},
			emulator,
		);
	}
	emulator.setLatency(0);
	return out;
}

async function memoryPart(emulator, flags) {
	emulator.setLatency(0);
	const out = [];
	const runs = flags.memorySizes.map((n) => ({ n, live: true }));
	// The largest size once more with V8's old space capped: if the RSS growth above is only
	// garbage V8 had no reason to collect yet, the run still completes, with a much lower peak.
	const largest = Math.max(...flags.memorySizes);
	runs.push({ n: largest, live: false, maxOldSpaceMB: CAPPED_OLD_SPACE_MB });
	for (const run of runs) {
		log(
			`memory: ${run.n} items through the node in-process (fresh process${run.maxOldSpaceMB ? `, --max-old-space-size=${run.maxOldSpaceMB} --max-semi-space-size=16` : ''})`,
		);
		out.push(
			await runWorker(
				'memory.js',
				{ url: emulator.url, token: TOKEN, k: flags.k, ...run },
				emulator,
				{
					// A small old space alone also shrinks V8's young generation on Node 24, which makes
					// scavenges thrash (2.5x slower); pin the semi-space so only the old-space cap differs.
					execArgv: [
						'--expose-gc',
						...(run.maxOldSpaceMB
							? [`--max-old-space-size=${run.maxOldSpaceMB}`, '--max-semi-space-size=16']
							: []),
					],
					timeoutMs: 240000,
				},
			),
		);
	}
	return out;
}

function loadPart(flags) {
	const runtimes = [['bench', process.execPath]];
	const n24 = node24();
	if (n24) runtimes.push(['node24', n24]);
	const out = {};
	for (const [label, bin] of runtimes) {
		log(`load time: ${flags.loadSamples} fresh processes with ${label}`);
		const samples = [];
		for (let i = 0; i < flags.loadSamples; i++) {
			const res = spawnSync(bin, [path.join(__dirname, 'workers', 'load.js')], {
				cwd: ROOT,
				encoding: 'utf8',
				timeout: 30000,
			});
			if (res.status !== 0) throw new Error(`load.js failed: ${res.stderr}`);
			samples.push(JSON.parse(res.stdout.trim().split('\n').pop()));
		}
		const pick = (key) => summary(samples.map((s) => s[key]));
		out[label] = {
			node: commandOutput(bin, ['--version']),
			n8nWorkflowMs: pick('workflowMs'),
			nodeModuleMs: pick('nodeMs'),
			credentialModuleMs: pick('credentialMs'),
			nodePlusCredentialMs: round(median(samples.map((s) => s.nodeMs + s.credentialMs))),
			instantiateMs: pick('instantiateMs'),
		};
	}
	return out;
}

function packPart() {
	log('npm pack --dry-run --json');
	const res = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: ROOT,
		encoding: 'utf8',
		timeout: 120000,
	});
	if (res.status !== 0) throw new Error(`npm pack failed: ${res.stderr}`);
	const [info] = JSON.parse(res.stdout);
	return {
		filename: info.filename,
		sizeBytes: info.size,
		unpackedSizeBytes: info.unpackedSize,
		files: info.entryCount ?? info.files.length,
		jsFiles: info.files.filter((f) => f.path.endsWith('.js')).length,
		mapFiles: info.files.filter((f) => f.path.endsWith('.map')).length,
		dtsFiles: info.files.filter((f) => f.path.endsWith('.d.ts')).length,
	};
}

// ---------------------------------------------------------------------------------------------
// Report

function table(rows) {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
	const line = (r) =>
		r
			.map((cell, c) =>
				c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]),
			)
			.join('  ');
	return [
		line(rows[0]),
		widths.map((w) => '-'.repeat(w)).join('  '),
		...rows.slice(1).map(line),
	].join('\n');
}

const fmt = (x, digits = 1) =>
	typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '-';

function report(results, flags) {
	const lines = [];
	const m = results.machine;
	lines.push(
		`Milvus Alias benchmark  ${m.date}  ${m.cpu} x${m.cores}  bench node ${m.node.bench}, n8n ${m.n8n} on node ${m.node.realN8n}`,
	);
	lines.push(
		`load average (1/5/15 min) at start ${m.loadAverageAtStart.join(' ')}, at end ${m.loadAverageAtEnd.join(' ')}${m.loadAverageAtStart[0] > 1.5 ? '  (busy machine: absolute times are inflated; the ratios are per execution)' : ''}`,
	);
	if (results.real) {
		for (const [latency, r] of Object.entries(results.real.byLatency)) {
			lines.push('');
			lines.push(
				`Real n8n ${results.real.n8nVersion}: ${results.real.items} creates per node in one execution, emulator latency ${latency} ms, ` +
					`median of ${r.executions} executions (n8n executionTime)`,
			);
			const http = r.nodes['HTTP Request'].executionTimeMs.median;
			const rows = [
				[
					'node',
					'concurrency',
					'median ms',
					'min',
					'max',
					'ms/item',
					'vs HTTP',
					'paired',
					'goal <= 0.8',
				],
			];
			for (const [name, node] of Object.entries(r.nodes)) {
				const ratio = r.ratios[name];
				rows.push([
					name,
					node.concurrency === 'all items at once' ? 'all' : node.concurrency,
					fmt(node.executionTimeMs.median, 0),
					fmt(node.executionTimeMs.min, 0),
					fmt(node.executionTimeMs.max, 0),
					fmt(node.perItemMs, 2),
					ratio ? fmt(ratio.ratioOfMedians, 2) + 'x' : fmt(1, 2) + 'x',
					ratio ? fmt(ratio.medianPairedRatio, 2) + 'x' : '',
					ratio ? (ratio.ratioOfMedians <= GOAL ? 'PASS' : 'FAIL') : '',
				]);
			}
			lines.push(table(rows));
			lines.push(
				`(HTTP Request median ${fmt(http, 0)} ms; "paired" = median over executions of Milvus/HTTP in the same execution)`,
			);
		}
	}
	if (results.inproc) {
		for (const [latency, r] of Object.entries(results.inproc)) {
			lines.push('');
			lines.push(
				`In-process (n8n-core ${m.n8nCore} WorkflowExecute, node from dist/, node ${m.node.inProcessWorkers}), ${flags.n} creates, latency ${latency} ms, median of ${flags.reps} after 1 warm-up`,
			);
			const rows = [['what', 'concurrency', 'median ms', 'min', 'max', 'ms/item']];
			for (const [c, e] of Object.entries(r.engine)) {
				rows.push([
					'Milvus Alias node (engine)',
					c,
					fmt(e.executionTimeMs.median, 0),
					fmt(e.executionTimeMs.min, 0),
					fmt(e.executionTimeMs.max, 0),
					fmt(e.perItemMs, 2),
				]);
			}
			for (const [name, f] of Object.entries(r.floor)) {
				rows.push([
					name.replace(/, concurrency \d+$/, ''),
					f.concurrency,
					fmt(f.totalMs.median, 0),
					fmt(f.totalMs.min, 0),
					fmt(f.totalMs.max, 0),
					fmt(f.perItemMs, 3),
				]);
			}
			lines.push(table(rows));
		}
	}
	if (results.memory) {
		lines.push('');
		lines.push(
			`Memory, creates through the node in-process (fresh process per size, default concurrency, node ${m.node.inProcessWorkers})`,
		);
		const rows = [
			[
				'items',
				'old space cap',
				'baseline RSS MB',
				'peak RSS MB',
				'RSS growth',
				'peak heap MB',
				'heap growth',
				'live heap growth',
				'KB/item live',
				'exec ms',
			],
		];
		for (const r of results.memory) {
			rows.push([
				r.n,
				r.maxOldSpaceMB ? `${r.maxOldSpaceMB} MB*` : 'default',
				fmt(r.baselineRssMB),
				fmt(r.peakRssMB),
				fmt(r.rssGrowthMB),
				fmt(r.peakHeapUsedMB),
				fmt(r.heapGrowthMB),
				fmt(r.liveHeapGrowthMB),
				fmt(r.liveHeapPerItemKB, 2),
				fmt(r.executionTimeMs, 0),
			]);
		}
		lines.push(table(rows));
		lines.push(
			'(peak = sampled every 5 ms, garbage included; live = a second run sampled after a forced GC every 200 ms;',
		);
		lines.push(
			' * = --max-old-space-size with --max-semi-space-size=16: the same 10k items with V8 made to collect early)',
		);
	}
	if (results.load) {
		lines.push('');
		lines.push(
			`Module load (fresh process, median of ${flags.loadSamples}; n8n-workflow loaded first)`,
		);
		const rows = [
			[
				'runtime',
				'n8n-workflow ms',
				'node module ms',
				'credential ms',
				'node+cred ms',
				'instantiate ms',
			],
		];
		for (const [label, r] of Object.entries(results.load)) {
			rows.push([
				`${label} ${r.node}`,
				fmt(r.n8nWorkflowMs.median),
				fmt(r.nodeModuleMs.median, 2),
				fmt(r.credentialModuleMs.median, 2),
				fmt(r.nodePlusCredentialMs, 2),
				fmt(r.instantiateMs.median, 2),
			]);
		}
		lines.push(table(rows));
	}
	if (results.pack) {
		const p = results.pack;
		lines.push('');
		lines.push(
			`Package: ${p.filename}  ${fmt(p.sizeBytes / 1024)} kB packed, ${fmt(p.unpackedSizeBytes / 1024)} kB unpacked, ${p.files} files (${p.jsFiles} .js, ${p.mapFiles} .map, ${p.dtsFiles} .d.ts)`,
		);
	}
	if (results.headline) {
		lines.push('');
		lines.push(results.headline);
	}
	return lines.join('\n');
}

/** JSON with small objects/arrays on one line: a short, diff-friendly results file. */
function compactJson(value, indent = '') {
	const flat = JSON.stringify(value);
	if (
		flat === undefined ||
		flat.length + indent.length <= 130 ||
		value === null ||
		typeof value !== 'object'
	)
		return flat;
	const inner = indent + '  ';
	if (Array.isArray(value))
		return `[\n${value.map((v) => inner + compactJson(v, inner)).join(',\n')}\n${indent}]`;
	const entries = Object.entries(value).filter(([, v]) => v !== undefined);
	return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

async function main() {
	const flags = parseFlags(process.argv.slice(2));
	const results = { machine: machineInfo(), config: {} };
	results.config = {
		items: flags.n,
		collections: flags.k,
		inProcessRepetitions: flags.reps,
		realN8nRotationRounds: flags.realRounds,
		latenciesMs: flags.latencies,
		nodeConcurrencies: flags.concurrencies,
		nodeDefaultConcurrency: DEFAULT_CONCURRENCY,
		goal: `Milvus Alias executionTime <= ${GOAL} x HTTP Request executionTime`,
		distFresh: checkDist(),
	};
	const emulator = await startEmulator({ auth: { users: { root: 'Milvus' } } });
	for (let c = 0; c < flags.k; c++) emulator.addCollection('default', `c_${c}`);
	log(`emulator on ${emulator.url} (loopback, auth on)`);
	const errors = [];
	const part = async (name, fn) => {
		if (!flags.parts.includes(name)) return;
		if (Date.now() - started > SOFT_DEADLINE_MS) {
			errors.push(
				`${name}: skipped, the run already took over ${SOFT_DEADLINE_MS / 60000} minutes`,
			);
			return;
		}
		try {
			results[name] = await fn();
		} catch (error) {
			errors.push(`${name}: ${error.message}`);
			log(`ERROR in ${name}: ${error.stack || error.message}`);
		}
	};
	try {
		await part('real', () =>
			require('./real-n8n').runRealN8n({
				emulator,
				token: TOKEN,
				n: flags.n,
				k: flags.k,
				rounds: flags.realRounds,
				latencies: flags.latencies,
				concurrencies: [
					DEFAULT_CONCURRENCY,
					...flags.concurrencies.filter((c) => c !== DEFAULT_CONCURRENCY),
				],
				defaultConcurrency: DEFAULT_CONCURRENCY,
				timeoutMs: 120000,
				log,
			}),
		);
		await part('inproc', () => inprocPart(emulator, flags));
		await part('memory', () => memoryPart(emulator, flags));
		await part('load', async () => loadPart(flags));
		await part('pack', async () => packPart());
	} finally {
		await emulator.close();
	}
	if (results.real) {
		const at0 = results.real.byLatency[flags.latencies[0]];
		const ratio = at0 && at0.ratios['Milvus Alias'];
		if (ratio) {
			results.headline =
				`Headline: Milvus Alias (default concurrency ${DEFAULT_CONCURRENCY}) / HTTP Request = ${fmt(ratio.ratioOfMedians, 2)}x ` +
				`at latency ${flags.latencies[0]} ms (goal <= ${GOAL}x): ${ratio.ratioOfMedians <= GOAL ? 'PASS' : 'FAIL'}`;
		}
	}
	results.machine.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
	results.totalSeconds = round((Date.now() - started) / 1000, 1);
	if (errors.length) results.errors = errors;
	// Keep the committed file small: per-execution details only as compact rows.
	fs.mkdirSync(path.dirname(flags.out), { recursive: true });
	fs.writeFileSync(flags.out, compactJson(results) + '\n');
	process.stdout.write(report(results, flags) + '\n');
	process.stdout.write(
		`\nwrote ${path.relative(ROOT, flags.out)} (${results.totalSeconds} s total${results.totalSeconds * 1000 > BUDGET_MS ? ', OVER the 10 min budget' : ''})\n`,
	);
	if (errors.length) {
		process.stdout.write(`\nERRORS:\n  ${errors.join('\n  ')}\n`);
		process.exitCode = 1;
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exit(1);
});
