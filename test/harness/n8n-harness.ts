/**
 * Runs the node through n8n-core's real execution engine (WorkflowExecute), in-process:
 * real expression evaluation, real `httpRequestWithAuthentication` (axios, SSRF checks, the
 * credential's `authenticate`), real onError routing and error wrapping. Only the credential
 * store is ours: it hands out test credentials and counts how often they are decrypted.
 */
import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeListSearchResult,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
	IConnections,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';

import { MilvusRestApi } from '../../credentials/MilvusRestApi.credentials';
import { MilvusAlias } from '../../nodes/MilvusAlias/MilvusAlias.node';

export const NODE_TYPE = 'CUSTOM.milvusAlias';
export const NODE_NAME = 'Milvus Alias';

const credentialTypes: Record<string, ICredentialType> = { milvusRestApi: new MilvusRestApi() };

/** The engine's node types: the Milvus Alias node, or a variant of it a test builds. */
function nodeTypesWith(nodeType: INodeType): INodeTypes {
	const instances: Record<string, INodeType> = { [NODE_TYPE]: nodeType };
	return {
		getByName: (name) => instances[name],
		getByNameAndVersion: (name, version) =>
			NodeHelpers.getVersionedNodeType(instances[name], version),
		getKnownTypes: () => ({}),
	};
}

const nodeTypes = nodeTypesWith(new MilvusAlias());

export interface MilvusCredentialData {
	endpoint: string;
	token?: string;
	ignoreSslIssues?: boolean;
}

class TestCredentialsHelper extends ICredentialsHelper {
	decryptions = 0;

	constructor(private readonly data: MilvusCredentialData) {
		super();
	}

	getParentTypes(name: string): string[] {
		return credentialTypes[name]?.extends ?? [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		// Same algorithm as n8n's CLI CredentialsHelper.authenticate (not exported by n8n).
		const auth = credentialTypes[typeName]?.authenticate;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		if (auth?.type === 'generic') {
			const resolve = (value: unknown) =>
				isExpression(value)
					? workflow.expression.getSimpleParameterValue(
							node,
							value as string,
							'internal',
							{ $credentials: credentials },
							undefined,
							'',
						)
					: value;
			for (const [outer, entries] of Object.entries(auth.properties)) {
				const target = ((requestOptions as unknown as IDataObject)[outer] ??= {}) as IDataObject;
				for (const [key, value] of Object.entries(entries as IDataObject))
					target[String(resolve(key))] = resolve(value) as string;
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		this.decryptions++;
		return structuredClone({
			ignoreSslIssues: false,
			token: '',
			...this.data,
		}) as unknown as ICredentialDataDecryptedObject;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by the harness');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type].properties;
	}

	isCredentialUsableByNode() {
		return true;
	}
}

export interface RunOptions {
	credentials: MilvusCredentialData;
	/** The Milvus Alias node's parameters. */
	parameters: IDataObject;
	/** Items fed to the node (its input). */
	items?: IDataObject[];
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** Aborts the execution (n8n's cancel signal) when this signal fires. */
	cancel?: AbortSignal;
	/** Runs this node type in the Milvus Alias node's place (a variant a test builds). */
	nodeType?: INodeType;
}

export interface RunResult {
	run: IRun;
	/** Items of the node's outputs: [0] success, [1] error output (continueErrorOutput). */
	outputs: INodeExecutionData[][];
	/** The run's error, as n8n stores it (a plain object). */
	error?: IDataObject;
	/** How often the credential was decrypted during the run. */
	decryptions: number;
}

function buildWorkflow(
	credentials: MilvusCredentialData,
	parameters: IDataObject,
	onError?: RunOptions['onError'],
	nodeType?: INodeType,
) {
	const node: INode = {
		id: 'b5d3c1a0-0000-4000-8000-000000000001',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'alias', ...parameters } as INode['parameters'],
		credentials: {
			milvusRestApi: { id: 'cred-1', name: 'Milvus test' } as INodeCredentialsDetails,
		},
		...(onError ? { onError } : {}),
	};
	const connections: IConnections = {};
	const workflow = new Workflow({
		id: 'wf-milvus-alias',
		nodes: [node],
		connections,
		nodeTypes: nodeType ? nodeTypesWith(nodeType) : nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});
	const credentialsHelper = new TestCredentialsHelper(credentials);
	const mode: WorkflowExecuteMode = 'manual';
	const additionalData = {
		credentialsHelper,
		hooks: new ExecutionLifecycleHooks(mode, 'exec-1', {
			id: workflow.id,
			name: 'test',
			nodes: [node],
			connections,
		} as never),
		executionId: 'exec-1',
		currentNodeExecutionIndex: 0,
		currentNodeParameters: node.parameters,
		variables: {},
		instanceBaseUrl: 'http://localhost:5678/',
		restApiUrl: 'http://localhost:5678/rest',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
	} as Partial<IWorkflowExecuteAdditionalData> as IWorkflowExecuteAdditionalData;
	return { workflow, node, mode, credentialsHelper, additionalData };
}

/**
 * Calls the Collection picker the way n8n's editor backend does: a LoadOptionsContext for the
 * node with the parameters currently in the editor.
 */
export async function searchCollections(
	credentials: MilvusCredentialData,
	parameters: IDataObject,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { workflow, node, additionalData } = buildWorkflow(credentials, parameters);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'collectionName');
	return await new MilvusAlias().methods.listSearch.searchCollections.call(context, filter);
}

/** Runs a workflow of one Milvus Alias node over `items` and returns what n8n recorded. */
export async function runMilvusAlias(options: RunOptions): Promise<RunResult> {
	const { workflow, mode, credentialsHelper, additionalData } = buildWorkflow(
		options.credentials,
		options.parameters,
		options.onError,
		options.nodeType,
	);
	const inputItems: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const executeData: IExecuteData = {
		node: workflow.getNode(NODE_NAME)!,
		data: { main: [inputItems] },
		source: null,
	};
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [executeData] },
	});
	const execution = new WorkflowExecute(additionalData, mode, runExecutionData);
	const promise = execution.processRunExecutionData(workflow);
	options.cancel?.addEventListener('abort', () => promise.cancel(), { once: true });
	const run = await promise;

	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		run,
		outputs: (taskData?.data?.main ?? []).map((items) => items ?? []),
		error: run.data.resultData.error as unknown as IDataObject | undefined,
		decryptions: credentialsHelper.decryptions,
	};
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * The credential's Test button, as n8n's CredentialsTester.runRequestTest does it (n8n 2.41,
 * packages/cli/src/services/credentials-tester.service.ts, not exported by n8n): the Test
 * request as the routing of a temporary node, run by n8n-core's RoutingNode (expressions over
 * `$credentials`, the credential's `authenticate`, the real HTTP helper), then the rules.
 */
export async function testCredential(
	credentials: MilvusCredentialData,
	test = credentialTypes.milvusRestApi.test!,
): Promise<CredentialTestResult> {
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'test.credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { milvusRestApi: { id: 'cred-1', name: 'Milvus test' } },
	};
	const tempType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'test.credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'] as never,
			outputs: ['main'] as never,
			credentials: [{ name: 'milvusRestApi', required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => tempType,
			getByNameAndVersion: () => tempType,
			getKnownTypes: () => ({}),
		},
	});
	const { additionalData } = buildWorkflow(credentials, {});
	const data = (await additionalData.credentialsHelper.getDecrypted(
		additionalData,
		{ id: 'cred-1', name: 'Milvus test' },
		'milvusRestApi',
		'internal',
	)) as ICredentialDataDecryptedObject;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, tempType, {
		id: 'cred-1',
		name: 'Milvus test',
		type: 'milvusRestApi',
		data,
	});
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (caught) {
		const error = caught as {
			cause?: { response?: { status: number; statusText?: string }; code?: string };
			message: string;
		};
		if (error.cause?.response) {
			const { status, statusText } = error.cause.response;
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status)
					return { status: 'Error', message: rule.properties.message };
			}
			if (status < 199 || status > 299)
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message };
	}
	const body = response?.[0]?.[0]?.json ?? {};
	for (const rule of test.rules ?? []) {
		if (
			rule.type === 'responseSuccessBody' &&
			(body as IDataObject)[rule.properties.key] === rule.properties.value
		)
			return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
