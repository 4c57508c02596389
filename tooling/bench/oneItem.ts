/**
 * The one-item mode: in each real n8n execution, many single-item rounds through the Milvus
 * Alias node and both HTTP Request setups, the order rotated per round (oneItemWorkflow.ts).
 * Every execution is checked (each node's one output, the alias the emulator holds, the one
 * create it received with the token) before its times count; what the emulator received while
 * each Milvus Alias node ran is kept, so the round trips it took are measured, not assumed.
 */
import type { MilvusEmulator } from '../emulator';
import type { N8nInstance, RunJson } from '../n8n';
import type { OneItemExecution, OneItemSummary, RoundRun } from './oneItemStats';
import { requestsDuring, roundTripsInSequence, routeOf, summarizeOneItem } from './oneItemStats';
import type { PlannedRun } from './oneItemWorkflow';
import { oneItemPlan, oneItemWorkflow } from './oneItemWorkflow';
import type { MappingStyle } from './workflow';
import { BRANCHES } from './workflow';

export interface OneItemOptions {
	n8n: N8nInstance;
	emulator: MilvusEmulator;
	token: string;
	latencies: number[];
	executions: number;
	/** Measured rounds per execution. */
	rounds: number;
	mappings: MappingStyle;
	executeEnv?: NodeJS.ProcessEnv;
	/** The machine's load averages, recorded as each latency starts. */
	loadAverage: () => number[];
	log: (line: string) => void;
}

export interface OneItemLatencyResult extends OneItemSummary {
	latencyMs: number;
	executions: number;
	loadAverage: number[];
	perExecution: OneItemExecution[];
}

const WORKFLOW_ID = 'milvusAliasBench1i';
const [MILVUS, HEADER, BEARER] = BRANCHES.map((branch) => branch.name);

function verify(
	n8n: N8nInstance,
	run: RunJson,
	emulator: MilvusEmulator,
	token: string,
	plan: PlannedRun[],
) {
	const problems: string[] = [];
	const aliases = emulator.getAliases('default');
	for (const { name, branch, prefix } of plan) {
		const alias = `${prefix}a_0`;
		const output = n8n.items(run, name);
		const json = output[0]?.json ?? {};
		const ok =
			output.length === 1 &&
			(branch.kind === 'milvus'
				? json.aliasName === alias &&
					json.collectionName === 'c_0' &&
					json.dbName === 'default' &&
					(output[0].pairedItem as { item?: number } | undefined)?.item === 0
				: json.code === 0);
		if (!ok) problems.push(`${name}: ${JSON.stringify(output).slice(0, 200)}`);
		if (aliases[alias] !== 'c_0')
			problems.push(`${name}: the emulator holds ${alias} -> ${String(aliases[alias])}`);
		const sent = emulator.requests.filter(
			(r) =>
				r.path.endsWith('/aliases/create') &&
				(r.body as { aliasName?: unknown } | undefined)?.aliasName === alias,
		);
		if (sent.length !== 1) problems.push(`${name}: ${sent.length} creates received`);
		if (sent.some((r) => r.headers.authorization !== `Bearer ${token}`))
			problems.push(`${name}: a create without the Bearer header`);
	}
	if (problems.length > 0)
		throw new Error(`the execution failed its checks:\n  ${problems.slice(0, 10).join('\n  ')}`);
}

/** The measured rounds of one execution: times from n8n's run data, requests from the emulator. */
function measuredRounds(
	run: RunJson,
	plan: PlannedRun[][],
	emulator: MilvusEmulator,
	latencyMs: number,
): RoundRun[] {
	const runData = run.data.resultData.runData;
	const received = emulator.requests.map((r) => ({ path: r.path, at: r.at }));
	return plan
		.filter((round) => round[0].measured)
		.map((round) => {
			const ms: Record<string, number> = {};
			for (const { branch, name } of round)
				ms[branch.name] = Number(runData[name][0].executionTime);
			const milvus = round.find((r) => r.branch.kind === 'milvus');
			if (!milvus) throw new Error(`round ${round[0].round} has no Milvus Alias node`);
			const during = requestsDuring(
				received,
				Number(runData[milvus.name][0].startTime),
				ms[MILVUS],
			);
			return {
				round: round[0].round,
				order: round.map((r) => r.branch.name),
				ms,
				milvusRequests: during.map((r) => routeOf(r.path)),
				milvusRoundTrips: roundTripsInSequence(
					during.map((r) => r.at),
					latencyMs,
				),
			};
		});
}

export async function runOneItem(options: OneItemOptions): Promise<OneItemLatencyResult[]> {
	const { n8n, emulator, token, log } = options;
	const plan = oneItemPlan(options.rounds);
	await n8n.importWorkflow(
		oneItemWorkflow({
			id: WORKFLOW_ID,
			nodeType: n8n.nodeType,
			url: emulator.url,
			token,
			rounds: options.rounds,
			mappings: options.mappings,
		}),
	);
	const results: OneItemLatencyResult[] = [];
	for (const latencyMs of options.latencies) {
		emulator.setLatency(latencyMs);
		const loadAverage = options.loadAverage();
		const perExecution: OneItemExecution[] = [];
		for (let execution = 0; execution < options.executions; execution++) {
			for (const alias of Object.keys(emulator.getAliases('default')))
				emulator.removeAlias('default', alias);
			emulator.clearRequests();
			const t = Date.now();
			const result = await n8n.execute(WORKFLOW_ID, {
				timeoutMs: 300000,
				env: options.executeEnv,
			});
			const wallMs = Date.now() - t;
			if (result.rc !== 0 || result.run?.status !== 'success') {
				const error = n8n.nodeError(result.run);
				throw new Error(
					`n8n execute ${WORKFLOW_ID} failed (rc ${result.rc}): ${
						error ? JSON.stringify(error).slice(0, 500) : result.output.slice(-1500)
					}`,
				);
			}
			verify(n8n, result.run, emulator, token, plan.flat());
			const rounds = measuredRounds(result.run, plan, emulator, latencyMs);
			perExecution.push({ rounds, wallMs });
			const summary = summarizeOneItem([{ rounds, wallMs }], {
				milvus: MILVUS,
				header: HEADER,
				bearer: BEARER,
			});
			log(
				`one item, latency ${latencyMs} ms, execution ${execution + 1}/${options.executions} (${(wallMs / 1000).toFixed(1)} s, ${rounds.length} rounds): ${Object.entries(
					summary.nodes,
				)
					.map(([name, node]) => `${name} ${node.msPerRun.median} ms`)
					.join(', ')}; ${summary.ratios.vsFasterSetup.median}× the faster setup`,
			);
		}
		results.push({
			latencyMs,
			executions: options.executions,
			loadAverage,
			...summarizeOneItem(perExecution, { milvus: MILVUS, header: HEADER, bearer: BEARER }),
			perExecution,
		});
	}
	return results;
}
