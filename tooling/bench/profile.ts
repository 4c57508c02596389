/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling, never part of the package */
/**
 * `npx tsx tooling/bench/profile.ts <dir>`: where an n8n process spent its CPU, from the
 * `.cpuprofile` files `npm run bench -- --cpu-prof=<dir>` left (one per n8n process; the largest
 * is the main one). Prints the top functions by self time and the time per package, so the
 * costs that are ours (dist/) stand apart from n8n's.
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
}

/** The package (or our dist/) a script belongs to, for the per-package totals. */
function packageOf(url: string): string {
	if (!url) return '(native / GC / idle)';
	// The node as the driver installs it: an extension folder, or a community package.
	if (/\/(extension|node_modules)\/n8n-nodes-milvus-alias\/dist\//.test(url))
		return 'Milvus Alias (dist/)';
	const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(url);
	if (match) return match[1];
	if (url.startsWith('node:')) return 'node: core';
	return url;
}

export function analyze(profile: CpuProfile, top = Number(process.env.PROFILE_TOP ?? 25)) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const selfMs = new Map<number, number>();
	profile.samples.forEach((id, i) => {
		selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
	});
	const byFunction = new Map<string, number>();
	const byPackage = new Map<string, number>();
	for (const [id, ms] of selfMs) {
		const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
		const where = url ? `${url.replace(/^.*node_modules\//, '')}:${lineNumber + 1}` : '';
		const key = `${functionName || '(anonymous)'} ${where}`.trim();
		byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
		const pkg = packageOf(url);
		byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
	}
	// Inside our node: samples with a frame of dist/ on the stack, by the package they ran in.
	const parent = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const isOurs = (id: number) => packageOf(byId.get(id)!.callFrame.url) === 'Milvus Alias (dist/)';
	const underOurs = new Map<number, boolean>();
	const hasOursAbove = (id: number): boolean => {
		const known = underOurs.get(id);
		if (known !== undefined) return known;
		const up = parent.get(id);
		const result = isOurs(id) || (up !== undefined && hasOursAbove(up));
		underOurs.set(id, result);
		return result;
	};
	const insideNode = new Map<string, number>();
	const insideNodeFunctions = new Map<string, number>();
	for (const [id, ms] of selfMs) {
		if (!hasOursAbove(id)) continue;
		const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
		const pkg = packageOf(url);
		insideNode.set(pkg, (insideNode.get(pkg) ?? 0) + ms);
		const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '')}:${lineNumber + 1}`;
		insideNodeFunctions.set(key, (insideNodeFunctions.get(key) ?? 0) + ms);
	}
	const sorted = (map: Map<string, number>) =>
		[...map.entries()]
			.sort((a, b) => b[1] - a[1])
			.map(([name, ms]) => ({ name, ms: Math.round(ms) }));
	// The node's whole run: n8n runs the branches one after another, so every sample from the
	// first to the last of the longest stretch of samples under a Milvus Alias frame is n8n
	// working for the node, including the HTTP answers it handles with no node frame on the stack.
	let run = { start: 0, end: -1 };
	let current: typeof run | undefined;
	profile.samples.forEach((id, i) => {
		const host = byId.get(id)!.callFrame.functionName;
		if (host === '(idle)' || host === '(program)') return;
		if (hasOursAbove(id)) {
			current = current ?? { start: i, end: i };
			current.end = i;
			if (current.end - current.start > run.end - run.start) run = current;
		} else if (/HttpRequest|\/Code\//.test(byId.get(id)!.callFrame.url)) {
			// Another node ran: a new stretch begins.
			current = undefined;
		}
	});
	const inRun = new Map<string, number>();
	const inRunFunctions = new Map<string, number>();
	let runBusyMs = 0;
	let runWallMs = 0;
	for (let i = run.start; i <= run.end; i++) {
		const ms = (profile.timeDeltas[i] ?? 0) / 1000;
		runWallMs += ms;
		const { functionName, url, lineNumber } = byId.get(profile.samples[i])!.callFrame;
		if (functionName === '(idle)') continue;
		runBusyMs += ms;
		const pkg = packageOf(url);
		inRun.set(pkg, (inRun.get(pkg) ?? 0) + ms);
		const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '')}:${lineNumber + 1}`;
		inRunFunctions.set(key, (inRunFunctions.get(key) ?? 0) + ms);
	}
	return {
		totalMs: Math.round((profile.endTime - profile.startTime) / 1000),
		functions: sorted(byFunction).slice(0, top),
		packages: sorted(byPackage).slice(0, top),
		insideMilvusAlias: sorted(insideNode).slice(0, top),
		insideMilvusAliasFunctions: sorted(insideNodeFunctions).slice(0, top),
		milvusAliasRun: {
			wallMs: Math.round(runWallMs),
			busyMs: Math.round(runBusyMs),
			packages: sorted(inRun).slice(0, top),
			functions: sorted(inRunFunctions).slice(0, top),
		},
	};
}

if (require.main === module) {
	const dir = process.argv[2];
	if (!dir) throw new Error('usage: tsx tooling/bench/profile.ts <dir with .cpuprofile files>');
	const files = fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.cpuprofile'))
		.map((name) => path.join(dir, name))
		.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
	if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
	const result = analyze(JSON.parse(fs.readFileSync(files[0], 'utf8')) as CpuProfile);
	process.stdout.write(`${files[0]}: ${result.totalMs} ms profiled\n\nby package (self time):\n`);
	for (const { name, ms } of result.packages)
		process.stdout.write(`${String(ms).padStart(7)} ms  ${name}\n`);
	const run = result.milvusAliasRun;
	process.stdout.write(
		`\nthe Milvus Alias node's run (${run.wallMs} ms, ${run.busyMs} ms busy), by package:\n`,
	);
	for (const { name, ms } of run.packages)
		process.stdout.write(`${String(ms).padStart(7)} ms  ${name}\n`);
	process.stdout.write("\nthe Milvus Alias node's run, top functions:\n");
	for (const { name, ms } of run.functions)
		process.stdout.write(`${String(ms).padStart(7)} ms  ${name}\n`);
	process.stdout.write('\nunder a Milvus Alias frame, by package:\n');
	for (const { name, ms } of result.insideMilvusAlias)
		process.stdout.write(`${String(ms).padStart(7)} ms  ${name}\n`);
	process.stdout.write('\nunder a Milvus Alias frame, top functions:\n');
	for (const { name, ms } of result.insideMilvusAliasFunctions)
		process.stdout.write(`${String(ms).padStart(7)} ms  ${name}\n`);
	process.stdout.write('\ntop functions (self time):\n');
	for (const { name, ms } of result.functions)
		process.stdout.write(`${String(ms).padStart(7)} ms  ${name}\n`);
}
