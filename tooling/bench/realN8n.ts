/**
 * The headline measurement: in one real n8n execution (`n8n execute`, driven by tooling/n8n),
 * the Milvus Alias node and both HTTP Request setups create N aliases each against the
 * emulator; n8n records each node's `executionTime`, and those are compared within the same
 * execution. Every execution is checked (outputs, the aliases the emulator holds, the requests
 * it received) before its times count.
 */
import type { MilvusEmulator } from '../emulator';
import type { N8nInstance, RunJson } from '../n8n';
import { createN8n } from '../n8n';
import { fullRotations } from './rotation';
import { round, summarize } from './stats';
import type { Summary } from './stats';
import type { Branch, MappingStyle } from './workflow';
import {
	BEARER_CREDENTIAL,
	BRANCHES,
	HTTP_TYPE_VERSION,
	MILVUS_CREDENTIAL,
	WARMUP_ITEMS,
	benchWorkflow,
} from './workflow';

export interface RealN8nOptions {
	/** An instance from prepareN8n. */
	n8n: N8nInstance;
	emulator: MilvusEmulator;
	token: string;
	items: number;
	collections: number;
	latencies: number[];
	/** Executions per latency (rounded up to full rotations). */
	executions: number;
	/** How the nodes map the items (see workflow.ts). */
	mappings: MappingStyle;
	/** Extra environment for every `n8n execute` (e.g. NODE_OPTIONS=--cpu-prof). */
	executeEnv?: NodeJS.ProcessEnv;
	/** The machine's load averages, recorded as each latency starts. */
	loadAverage: () => number[];
	log: (line: string) => void;
}

export interface LatencyResult {
	latencyMs: number;
	executions: number;
	loadAverage: number[];
	/** Each node's executionTime over the executions. */
	nodes: Record<string, { executionTimeMs: Summary; perItemMs: number }>;
	/** Milvus Alias / each HTTP setup, and / the faster of the two in the same execution. */
	ratios: {
		vsHeader: Summary;
		vsBearer: Summary;
		vsFasterSetup: Summary;
	};
	perExecution: Array<{ order: string[]; ms: Record<string, number>; wallMs: number }>;
}

function verify(n8n: N8nInstance, run: RunJson, emulator: MilvusEmulator, options: RealN8nOptions) {
	const { items, collections, token } = options;
	const problems: string[] = [];
	for (const branch of BRANCHES) {
		const output = n8n.items(run, branch.name);
		if (output.length !== items) problems.push(`${branch.name}: ${output.length} output items`);
		output.forEach((item, i) => {
			const json = item.json ?? {};
			const ok =
				branch.kind === 'milvus'
					? json.aliasName === `${branch.prefix}a_${i}` &&
						json.collectionName === `c_${i % collections}` &&
						json.dbName === 'default' &&
						(item.pairedItem as { item?: number } | undefined)?.item === i
					: json.code === 0;
			if (!ok) problems.push(`${branch.name} item ${i}: ${JSON.stringify(item).slice(0, 200)}`);
		});
		const held = Object.entries(emulator.getAliases('default')).filter(([alias]) =>
			alias.startsWith(branch.prefix),
		);
		if (held.length !== items) problems.push(`${branch.name}: emulator holds ${held.length}`);
		const sent = emulator.requests.filter(
			(r) =>
				r.path.endsWith('/aliases/create') &&
				String((r.body as { aliasName?: unknown })?.aliasName).startsWith(branch.prefix),
		);
		if (sent.length !== items) problems.push(`${branch.name}: ${sent.length} creates received`);
		if (sent.some((r) => r.headers.authorization !== `Bearer ${token}`))
			problems.push(`${branch.name}: a request without the Bearer header`);
	}
	if (problems.length > 0)
		throw new Error(`the execution failed its checks:\n  ${problems.slice(0, 10).join('\n  ')}`);
}

function nodeTimes(run: RunJson, branches: Branch[]) {
	const runData = run.data.resultData.runData;
	const ms: Record<string, number> = {};
	for (const branch of branches) ms[branch.name] = Number(runData[branch.name][0].executionTime);
	const order = [...branches]
		.sort((a, b) => runData[a.name][0].startTime - runData[b.name][0].startTime)
		.map((branch) => branch.name);
	return { ms, order };
}

/** A real n8n with the bench's two credentials (Milvus, and Bearer for the HTTP Request node). */
export async function prepareN8n(emulator: MilvusEmulator, token: string): Promise<N8nInstance> {
	const n8n = await createN8n({ mode: 'custom' });
	let ready = false;
	try {
		await n8n.importCredentials([
			{
				...MILVUS_CREDENTIAL,
				type: 'milvusRestApi',
				data: { endpoint: emulator.url, token, ignoreSslIssues: false },
			},
			{ ...BEARER_CREDENTIAL, type: 'httpBearerAuth', data: { token } },
		]);
		ready = true;
		return n8n;
	} finally {
		if (!ready) await n8n.dispose();
	}
}

export async function runRealN8n(options: RealN8nOptions) {
	const { n8n, emulator, items, collections, token, log } = options;
	const workflowIds = BRANCHES.map((_, rotation) => `milvusAliasBench0${rotation}`);
	await n8n.importWorkflow(
		workflowIds.map((id, rotation) =>
			benchWorkflow({
				id,
				nodeType: n8n.nodeType,
				url: emulator.url,
				token,
				items,
				collections,
				rotation,
				mappings: options.mappings,
			}),
		),
	);

	const rotations = BRANCHES.length;
	const executions = fullRotations(options.executions, rotations);
	const byLatency: LatencyResult[] = [];
	for (const latencyMs of options.latencies) {
		emulator.setLatency(latencyMs);
		const loadAverage = options.loadAverage();
		const perExecution: LatencyResult['perExecution'] = [];
		for (let execution = 0; execution < executions; execution++) {
			for (const alias of Object.keys(emulator.getAliases('default')))
				emulator.removeAlias('default', alias);
			emulator.clearRequests();
			const workflowId = workflowIds[execution % rotations];
			const t = Date.now();
			const result = await n8n.execute(workflowId, {
				timeoutMs: 300000,
				env: options.executeEnv,
			});
			const wallMs = Date.now() - t;
			if (result.rc !== 0 || result.run?.status !== 'success') {
				const error = n8n.nodeError(result.run);
				throw new Error(
					`n8n execute ${workflowId} failed (rc ${result.rc}): ${
						error ? JSON.stringify(error).slice(0, 500) : result.output.slice(-1500)
					}`,
				);
			}
			verify(n8n, result.run, emulator, options);
			const { ms, order } = nodeTimes(result.run, BRANCHES);
			perExecution.push({ order, ms, wallMs });
			log(
				`${items} items, latency ${latencyMs} ms, execution ${execution + 1}/${executions} (${(wallMs / 1000).toFixed(1)} s): ${order
					.map((name) => `${name} ${ms[name]} ms`)
					.join(', ')}`,
			);
		}
		const [milvus, header, bearer] = BRANCHES.map((branch) => branch.name);
		const series = (name: string) => perExecution.map((e) => e.ms[name]);
		const ratio = (of: (e: (typeof perExecution)[number]) => number) =>
			summarize(
				perExecution.map((e) => e.ms[milvus] / of(e)),
				3,
			);
		byLatency.push({
			latencyMs,
			executions,
			loadAverage,
			nodes: Object.fromEntries(
				BRANCHES.map((branch) => {
					const summary = summarize(series(branch.name));
					return [
						branch.name,
						{ executionTimeMs: summary, perItemMs: round(summary.median / items, 3) },
					];
				}),
			),
			ratios: {
				vsHeader: ratio((e) => e.ms[header]),
				vsBearer: ratio((e) => e.ms[bearer]),
				vsFasterSetup: ratio((e) => Math.min(e.ms[header], e.ms[bearer])),
			},
			perExecution,
		});
	}
	return {
		n8nVersion: n8n.version,
		httpRequestTypeVersion: HTTP_TYPE_VERSION,
		mappings: options.mappings,
		items,
		collections,
		warmupItemsPerNode: WARMUP_ITEMS,
		byLatency,
	};
}
