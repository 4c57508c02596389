/**
 * The one-item workflow: n8n's v1 order runs a node's parallel branches top to bottom, so the
 * nodes' positions are the order of the rounds; every node creates its own alias from the one
 * item, mapped as users map it.
 */
import {
	WARMUP_ROUNDS,
	oneItemPlan,
	oneItemWorkflow,
} from '../../../tooling/bench/oneItemWorkflow';

const SPEC = {
	id: 'w1',
	nodeType: 'CUSTOM.milvusAlias',
	url: 'http://127.0.0.1:1',
	token: 'root:Milvus',
	rounds: 4,
	mappings: 'plain' as const,
};

test('the plan: one unmeasured rotation first, then the measured rounds in whole rotations', () => {
	const plan = oneItemPlan(4);
	expect(WARMUP_ROUNDS).toBe(3);
	expect(plan).toHaveLength(3 + 6);
	expect(plan.map((round) => round[0].measured)).toEqual([
		false,
		false,
		false,
		true,
		true,
		true,
		true,
		true,
		true,
	]);
	expect(plan[4].map((run) => `${run.name} ${run.prefix}`)).toEqual([
		'HTTP Request (header) #4 hh_4_',
		'HTTP Request (Bearer credential) #4 hb_4_',
		'Milvus Alias #4 m_4_',
	]);
	const measured = plan.filter((round) => round[0].measured);
	for (const kind of ['milvus', 'httpHeader', 'httpBearer'])
		expect(
			measured.map((round) => round.findIndex((run) => run.branch.kind === kind)).sort(),
		).toEqual([0, 0, 1, 1, 2, 2]);
});

test('the workflow runs the plan top to bottom from one item, every node with its own alias', () => {
	const workflow = oneItemWorkflow(SPEC);
	const nodes = workflow.nodes as Array<{
		name: string;
		type: string;
		position: number[];
		parameters: Record<string, unknown>;
	}>;
	const planned = oneItemPlan(SPEC.rounds).flat();
	const children = (
		workflow.connections as Record<string, { main: Array<Array<{ node: string }>> }>
	)['One item'].main[0].map((c) => c.node);
	expect(children).toEqual(planned.map((run) => run.name));
	const byName = new Map(nodes.map((node) => [node.name, node]));
	const heights = planned.map((run) => byName.get(run.name)?.position[1] ?? NaN);
	expect(heights).toEqual([...heights].sort((a, b) => a - b));
	expect(new Set(heights).size).toBe(planned.length);
	expect(String(byName.get('One item')?.parameters.jsCode)).toContain('length: 1 }');

	const milvus = byName.get('Milvus Alias #5');
	expect(milvus?.type).toBe('CUSTOM.milvusAlias');
	expect(milvus?.parameters.aliasName).toBe('={{ "m_5_" + $json.alias }}');
	const http = byName.get('HTTP Request (header) #5');
	expect(http?.type).toBe('n8n-nodes-base.httpRequest');
	expect(JSON.stringify(http?.parameters)).toContain('"value":"={{ \\"hh_5_\\" + $json.alias }}"');
	expect(workflow.settings).toEqual({ executionOrder: 'v1' });
});
