/**
 * The benchmark workflow: a Code node generates N items {alias, collection}; its output feeds,
 * as parallel branches, the Milvus Alias node (create, default options) and n8n's HTTP Request
 * node in the two ways a user would set it up for Milvus: a literal `Authorization` header, and
 * a generic "Bearer Auth" credential. Every branch creates its own aliases (its prefix), so each
 * really creates N. A warm-up branch (WARMUP_ITEMS through each node) runs first, so the JIT has
 * seen the shared code paths; the measured branches are rotated between workflows, so each runs
 * first, middle and last equally often (n8n's v1 order runs branches top to bottom).
 *
 * The nodes map the items the way users do: `{{ $json.collection }}` and
 * `{{ "<prefix>" + $json.alias }}` (`plain`). The node reads such plain mappings without n8n's
 * expression engine (nodes/MilvusAlias/helpers/itemMapping.ts), so `computed` wraps both in
 * `String(…)`, a mapping n8n must evaluate for every node, to measure the node without that.
 */
import type { WorkflowJson } from '../n8n';
import { rotated } from './rotation';

export const MILVUS_CREDENTIAL = { id: 'benchMilvusCred01', name: 'Milvus Bench' };
export const BEARER_CREDENTIAL = { id: 'benchBearerCred01', name: 'Milvus Bench Bearer' };
/** n8n 2.41.1's HTTP Request node: 4.5 is the version a new node gets. */
export const HTTP_TYPE_VERSION = 4.5;
export const WARMUP_ITEMS = 20;

export type BranchKind = 'milvus' | 'httpHeader' | 'httpBearer';

export interface Branch {
	name: string;
	kind: BranchKind;
	prefix: string;
}

export const BRANCHES: Branch[] = [
	{ name: 'Milvus Alias', kind: 'milvus', prefix: 'm_' },
	{ name: 'HTTP Request (header)', kind: 'httpHeader', prefix: 'hh_' },
	{ name: 'HTTP Request (Bearer credential)', kind: 'httpBearer', prefix: 'hb_' },
];

export type NodeJson = NonNullable<WorkflowJson['nodes']>[number];

/** How the nodes map the items: plain field mappings, or the same wrapped in `String(…)`. */
export type MappingStyle = 'plain' | 'computed';
export const MAPPING_STYLES: MappingStyle[] = ['plain', 'computed'];

/** What every node of one workflow shares. */
export interface NodeSetting {
	nodeType: string;
	url: string;
	token: string;
	mappings: MappingStyle;
}

function mapping(code: string, style: MappingStyle): string {
	return style === 'plain' ? `={{ ${code} }}` : `={{ String(${code}) }}`;
}

let idCounter = 0;
export const nodeId = () => `b3c0ffee-0000-4000-8000-${String(++idCounter).padStart(12, '0')}`;

function milvusNode(
	name: string,
	setting: NodeSetting,
	prefix: string,
	position: number[],
): NodeJson {
	return {
		id: nodeId(),
		name,
		type: setting.nodeType,
		typeVersion: 1,
		position,
		parameters: {
			resource: 'alias',
			operation: 'create',
			aliasName: mapping(`"${prefix}" + $json.alias`, setting.mappings),
			collectionName: {
				__rl: true,
				mode: 'name',
				value: mapping('$json.collection', setting.mappings),
			},
			// Left empty, exactly as a user who never opens the options.
			options: {},
		},
		credentials: { milvusRestApi: MILVUS_CREDENTIAL },
	};
}

function httpNode(
	name: string,
	kind: 'httpHeader' | 'httpBearer',
	setting: NodeSetting,
	prefix: string,
	position: number[],
): NodeJson {
	const { url, token } = setting;
	const auth =
		kind === 'httpHeader'
			? {
					authentication: 'none',
					sendHeaders: true,
					headerParameters: {
						parameters: [{ name: 'Authorization', value: `Bearer ${token}` }],
					},
				}
			: { authentication: 'genericCredentialType', genericAuthType: 'httpBearerAuth' };
	return {
		id: nodeId(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: HTTP_TYPE_VERSION,
		position,
		parameters: {
			method: 'POST',
			url: `${url}/v2/vectordb/aliases/create`,
			...auth,
			sendBody: true,
			contentType: 'json',
			specifyBody: 'keypair',
			bodyParameters: {
				parameters: [
					{ name: 'collectionName', value: mapping('$json.collection', setting.mappings) },
					{ name: 'aliasName', value: mapping(`"${prefix}" + $json.alias`, setting.mappings) },
				],
			},
			options: {},
		},
		...(kind === 'httpBearer' ? { credentials: { httpBearerAuth: BEARER_CREDENTIAL } } : {}),
	};
}

export function codeNode(
	name: string,
	count: number,
	collections: number,
	position: number[],
): NodeJson {
	return {
		id: nodeId(),
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position,
		parameters: {
			jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { alias: 'a_' + i, collection: 'c_' + (i % ${collections}) } }));`,
		},
	};
}

export function branchNode(
	branch: Branch,
	setting: NodeSetting,
	position: number[],
	name = branch.name,
	prefix = branch.prefix,
): NodeJson {
	return branch.kind === 'milvus'
		? milvusNode(name, setting, prefix, position)
		: httpNode(name, branch.kind, setting, prefix, position);
}

export interface WorkflowSpec {
	id: string;
	nodeType: string;
	url: string;
	token: string;
	items: number;
	collections: number;
	/** The measured branches start at this index of BRANCHES (0, 1, 2: each first once). */
	rotation: number;
	mappings: MappingStyle;
}

export function warmupName(branch: Branch): string {
	return `Warm-up ${branch.name}`;
}

export function benchWorkflow(spec: WorkflowSpec): WorkflowJson {
	const { nodeType, url, token, mappings } = spec;
	const setting: NodeSetting = { nodeType, url, token, mappings };
	const order = rotated(BRANCHES, spec.rotation);
	const nodes: NodeJson[] = [
		{
			id: nodeId(),
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		codeNode('Warm-up items', WARMUP_ITEMS, spec.collections, [250, -600]),
		...BRANCHES.map((branch, i) =>
			branchNode(branch, setting, [500, -700 + i * 100], warmupName(branch), `w${branch.prefix}`),
		),
		codeNode('Generate items', spec.items, spec.collections, [250, 0]),
		...order.map((branch, i) => branchNode(branch, setting, [500, i * 200])),
	];
	const to = (...names: string[]) => ({
		main: [names.map((node) => ({ node, type: 'main', index: 0 }))],
	});
	return {
		id: spec.id,
		name: `Milvus Alias bench ${spec.id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections: {
			Start: to('Warm-up items', 'Generate items'),
			'Warm-up items': to(...BRANCHES.map(warmupName)),
			'Generate items': to(...order.map((branch) => branch.name)),
		},
		pinData: {},
	} as WorkflowJson;
}
