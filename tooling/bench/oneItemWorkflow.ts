/**
 * The one-item workflow: most runs of the node carry one item (a webhook or a schedule switches
 * one alias), and there the round trips in sequence decide the time, not the per-item cost. A
 * Code node makes one item `{alias: 'a_0', collection: 'c_0'}`; its output feeds, in parallel,
 * one node per node kind and round (`Milvus Alias #4`), each with its own alias prefix, so every
 * run really creates its alias. n8n's v1 order runs them one after another, top to bottom: the
 * nodes are placed so that round r runs the kinds in BRANCHES order rotated by r. The first
 * WARMUP_ROUNDS rounds compile the shared code paths and are not measured.
 */
import type { WorkflowJson } from '../n8n';
import { fullRotations, roundOrders } from './rotation';
import type { Branch, MappingStyle, NodeJson, NodeSetting } from './workflow';
import { BRANCHES, branchNode, codeNode, nodeId } from './workflow';

/** One full rotation: every node kind first, middle and last once before anything counts. */
export const WARMUP_ROUNDS = BRANCHES.length;

export interface OneItemSpec {
	id: string;
	nodeType: string;
	url: string;
	token: string;
	/** Measured rounds (rounded up to full rotations). */
	rounds: number;
	mappings: MappingStyle;
}

export interface PlannedRun {
	round: number;
	branch: Branch;
	/** The node's name in the workflow and in n8n's run data. */
	name: string;
	prefix: string;
	measured: boolean;
}

/** Every run of the workflow in the order n8n executes it, warm-up rounds first. */
export function oneItemPlan(measuredRounds: number): PlannedRun[][] {
	const rounds = WARMUP_ROUNDS + fullRotations(measuredRounds, BRANCHES.length);
	return roundOrders(BRANCHES, rounds).map((order, round) =>
		order.map((branch) => ({
			round,
			branch,
			name: `${branch.name} #${round}`,
			prefix: `${branch.prefix}${round}_`,
			measured: round >= WARMUP_ROUNDS,
		})),
	);
}

export function oneItemWorkflow(spec: OneItemSpec): WorkflowJson {
	const setting: NodeSetting = {
		nodeType: spec.nodeType,
		url: spec.url,
		token: spec.token,
		mappings: spec.mappings,
	};
	const runs = oneItemPlan(spec.rounds).flat();
	const nodes: NodeJson[] = [
		{
			id: nodeId(),
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		codeNode('One item', 1, 1, [250, 0]),
		// Top to bottom is the order n8n runs them in.
		...runs.map((run, i) => branchNode(run.branch, setting, [500, i * 100], run.name, run.prefix)),
	];
	const to = (...names: string[]) => ({
		main: [names.map((node) => ({ node, type: 'main', index: 0 }))],
	});
	return {
		id: spec.id,
		name: `Milvus Alias one-item bench ${spec.id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections: {
			Start: to('One item'),
			'One item': to(...runs.map((run) => run.name)),
		},
		pinData: {},
	} as WorkflowJson;
}
