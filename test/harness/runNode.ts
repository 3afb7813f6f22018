import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials';
import { loadPackage, nodeTypesOf, PACKAGE_NAME } from './package';

export type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

export interface RunNodeOptions {
	/** Node name without the package prefix, e.g. `eigiOutboundCall`. */
	type?: string;
	parameters: INodeParameters;
	/** The items the node receives, as n8n items or plain JSON objects. */
	items?: Array<INodeExecutionData | IDataObject>;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	onError?: OnError;
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
	/** The workflow the node sits in (default `wf-test`, "test"). */
	workflow?: { id: string; name: string };
	/** Default `exec-1`. */
	executionId?: string;
	/** The ID of the credential the node uses (default `cred-1`). */
	credentialId?: string;
}

export interface NodeRun {
	/** The node's outputs: [main] or, with the error output, [main, error]. */
	outputs: INodeExecutionData[][];
	/** The error the node threw, if it stopped the run. */
	error?: ExecutionError;
	run: IRun;
}

export const NODE_NAME = 'eigi';

function toItems(items: Array<INodeExecutionData | IDataObject>): INodeExecutionData[] {
	return items.map((item) =>
		'json' in item && typeof item.json === 'object'
			? (item as INodeExecutionData)
			: { json: item as IDataObject },
	);
}

export function buildAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		hooks,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not part of these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** A node of this package as it sits in a workflow, with its settings. */
export function createNode(options: Omit<RunNodeOptions, 'items' | 'credentials'>): INode {
	return {
		id: 'b0c9a0f4-5a59-4c1b-9b53-3f3a4d6f1e01',
		name: NODE_NAME,
		type: `${PACKAGE_NAME}.${options.type ?? 'eigiOutboundCall'}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { eigiApi: { id: options.credentialId ?? 'cred-1', name: 'eigi account' } },
		onError: options.onError,
		retryOnFail: options.retryOnFail,
		maxTries: options.maxTries,
		waitBetweenTries: options.waitBetweenTries,
	};
}

/** An n8n Workflow holding the given nodes, resolved against this package's node types. */
export async function createWorkflow(
	nodes: INode[],
	{ id, name }: { id: string; name: string } = { id: 'wf-test', name: 'test' },
): Promise<{ workflow: Workflow; workflowData: IWorkflowBase }> {
	const nodeTypes = nodeTypesOf(await loadPackage());
	const workflowData = {
		id,
		name,
		nodes,
		connections: {},
		active: false,
		settings: {},
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({ ...workflowData, nodeTypes });
	return { workflow, workflowData };
}

/** The engine's additional data with test credentials, for contexts built outside a run. */
export async function createAdditionalData(
	credentials: Record<string, ICredentialDataDecryptedObject> = {},
	hooks = new ExecutionLifecycleHooks('manual', 'exec-1', {} as IWorkflowBase),
): Promise<IWorkflowExecuteAdditionalData> {
	return buildAdditionalData(new TestCredentialsHelper(await loadPackage(), credentials), hooks);
}

/**
 * Runs one node of this package through n8n-core's WorkflowExecute, as n8n runs a node in a
 * workflow: parameters resolved by n8n's expression engine, the node's settings (On Error, Retry On
 * Fail) applied by the engine, and its output items routed as n8n routes them.
 */
export async function runNode(options: RunNodeOptions): Promise<NodeRun> {
	const node = createNode(options);
	const { workflow, workflowData } = await createWorkflow([node], options.workflow);
	const executionId = options.executionId ?? 'exec-1';
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	const additionalData = await createAdditionalData(options.credentials, hooks);
	additionalData.executionId = executionId;

	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node, data: { main: [toItems(options.items ?? [{}])] }, source: null },
			],
		},
	});
	const run = await new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(
		workflow,
	);

	const task = run.data.resultData.runData[NODE_NAME]?.at(-1);
	return {
		outputs: (task?.data?.main ?? []).map((items) => items ?? []),
		error: task?.error ?? run.data.resultData.error,
		run,
	};
}
