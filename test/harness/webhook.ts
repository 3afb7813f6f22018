import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	INode,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { parse as parseQueryString } from 'querystring';

import { loadPackage, PACKAGE_NAME } from './package';
import { createAdditionalData, createWorkflow } from './runNode';

export const TRIGGER_NODE_NAME = 'eigi Trigger';
export const WEBHOOK_ID = '4d6f0c2a-3c8e-4f7a-9a0b-1e2d3c4b5a69';

export interface TriggerOptions {
	parameters?: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** n8n runs production webhooks in `webhook` mode and test webhooks in `manual` mode. */
	mode?: WorkflowExecuteMode;
}

/** What one request did: the answer, and what the node handed to n8n. */
export interface Delivered {
	status: number;
	body: unknown;
	/** How long the sender waited for the answer. */
	answeredInMs: number;
	/** The node's result; `workflowData` is what would start a run. */
	result?: IWebhookResponseData;
	/** Items of the run that would start, or undefined when nothing starts. */
	items?: IDataObject[];
	/** What the node threw, if it threw (n8n answers 500 then). */
	error?: Error;
}

/** What the node did with a request, known once its `webhook()` has returned. */
export type Outcome = Omit<Delivered, 'status' | 'body' | 'answeredInMs'>;

export interface TriggerServer {
	/** The production URL of the node, as n8n would show it (`/webhook/<webhookId>/webhook`). */
	url: string;
	/** The methods n8n would register for the node, read from its description as n8n reads it. */
	registeredMethods: string[];
	send(request: OutgoingRequest): Promise<Delivered>;
	/** What the node did with the latest request, for requests sent by other means (the fake's deliverWebhook). */
	lastOutcome(): Promise<Outcome>;
	/** What the node did with every request so far, in arrival order. */
	outcomes(): Promise<Outcome[]>;
	close(): Promise<void>;
}

export interface OutgoingRequest {
	method?: IHttpRequestMethods;
	/** Query parameters added to the production URL (the token, or a GET delivery). */
	query?: Record<string, string | string[]>;
	body?: string | Buffer | FormData | URLSearchParams;
	headers?: Record<string, string>;
	/** Send to another path than the node's (to check that only its path answers). */
	path?: string;
}

type Request = IncomingMessage & {
	body?: unknown;
	query?: IDataObject;
	params?: IDataObject;
};

async function readAll(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** A form's fields as n8n 2.x's formidable-based parser gives them (repeated names → arrays). */
async function parseForm(raw: Buffer, contentType: string): Promise<IDataObject> {
	const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
	const data: IDataObject = {};
	for (const [name, value] of form.entries()) {
		const text = typeof value === 'string' ? value : await value.text();
		const previous = data[name];
		data[name] =
			previous === undefined ? text : (([] as unknown[]).concat(previous, text) as string[]);
	}
	return data;
}

/**
 * Sets `req.body` the way n8n's webhook server does before the node runs (every n8n from 2.0 on):
 * a multipart form becomes `{ data: { <fields> }, files }`, JSON, urlencoded and text are parsed.
 */
async function prepareBody(req: Request): Promise<void> {
	const contentType = req.headers['content-type'] ?? '';
	const type = contentType.split(';')[0].trim().toLowerCase();
	const raw = await readAll(req);
	if (type === 'multipart/form-data') {
		req.body = { data: await parseForm(raw, contentType), files: {} };
		return;
	}
	const text = raw.toString('utf8');
	if (!raw.length) req.body = {};
	else if (type === 'application/json') req.body = JSON.parse(text);
	else if (type === 'application/x-www-form-urlencoded') req.body = { ...parseQueryString(text) };
	else if (type === 'text/plain') req.body = text;
	else req.body = {};
}

function queryOf(url: URL): IDataObject {
	const query: IDataObject = {};
	for (const key of new Set(url.searchParams.keys())) {
		const values = url.searchParams.getAll(key);
		query[key] = values.length === 1 ? values[0] : values;
	}
	return query;
}

/** The node as it sits in a workflow: the trigger with a fixed webhook id. */
export function triggerNode(parameters: INodeParameters = {}, withCredential = false): INode {
	return {
		id: '9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
		name: TRIGGER_NODE_NAME,
		type: `${PACKAGE_NAME}.eigiOutboundCallTrigger`,
		typeVersion: 1,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters,
		...(withCredential ? { credentials: { eigiApi: { id: 'cred-1', name: 'eigi account' } } } : {}),
	};
}

export async function triggerType(): Promise<INodeType> {
	const entry = (await loadPackage()).nodeTypes.eigiOutboundCallTrigger;
	if (!entry) throw new Error('The built package has no eigiOutboundCallTrigger node');
	return entry.type as INodeType;
}

/**
 * The webhooks n8n would register for the node, one per method, resolved from the node's
 * description the way n8n's WebhookService.getNodeWebhooks does.
 */
export function nodeWebhooks(
	workflow: Workflow,
	node: INode,
	additionalData: IWorkflowExecuteAdditionalData,
): IWebhookData[] {
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const webhooks: IWebhookData[] = [];
	for (const description of nodeType.description.webhooks ?? []) {
		const path = String(
			workflow.expression.getSimpleParameterValue(node, description.path, 'internal', {}),
		);
		const methods = workflow.expression.getSimpleParameterValue(
			node,
			description.httpMethod,
			'internal',
			{},
			undefined,
			'GET',
		);
		for (const httpMethod of String(methods).split(',')) {
			webhooks.push({
				httpMethod: httpMethod.trim() as IHttpRequestMethods,
				node: node.name,
				path: NodeHelpers.getNodeWebhookPath(
					workflow.id,
					node,
					path.replace(/^\/|\/$/g, ''),
					false,
					false,
				),
				webhookDescription: description as IWebhookDescription,
				workflowId: workflow.id,
				workflowExecuteAdditionalData: additionalData,
				webhookId: node.webhookId,
			});
		}
	}
	return webhooks;
}

/** Runs one of the node's webhookMethods through n8n-core's HookContext, as n8n does on (de)activation. */
export async function runWebhookMethod(
	method: 'checkExists' | 'create' | 'delete',
	parameters: INodeParameters = {},
	activation: WorkflowActivateMode = 'activate',
): Promise<{ result: boolean; productionUrl?: string }> {
	const node = triggerNode(parameters);
	const { workflow } = await createWorkflow([node]);
	const additionalData = await createAdditionalData();
	const [webhookData] = nodeWebhooks(workflow, node, additionalData);
	const context = new HookContext(
		workflow,
		node,
		additionalData,
		'trigger',
		activation,
		webhookData,
	);
	const nodeType = await triggerType();
	const fn = nodeType.webhookMethods?.default?.[method];
	if (!fn) throw new Error(`The node has no webhookMethods.default.${method}`);
	return {
		result: (await fn.call(context)) as boolean,
		productionUrl: context.getNodeWebhookUrl('default'),
	};
}

function answer(res: ServerResponse, status: number, body: unknown): void {
	if (res.writableEnded) return;
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify(body));
}

/**
 * A small HTTP server on 127.0.0.1 that stands where n8n's webhook server stands: it finds the
 * node's webhook for the request's method and path, prepares the body as the chosen n8n version
 * would, runs the node's `webhook()` through n8n-core's WebhookContext with the real request and
 * response, and, like n8n, answers for the node unless the node answered itself.
 */
export async function startTrigger(options: TriggerOptions = {}): Promise<TriggerServer> {
	const node = triggerNode(options.parameters ?? {}, options.credentials !== undefined);
	const { workflow } = await createWorkflow([node]);
	const baseData = await createAdditionalData(options.credentials ?? {});
	const webhooks = nodeWebhooks(workflow, node, baseData);
	const nodeType = await triggerType();
	const pending: Array<Promise<Outcome>> = [];

	const server: Server = createServer((req: Request, res) => {
		const done = (async (): Promise<Outcome> => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const webhook = webhooks.find(
				(candidate) =>
					candidate.httpMethod === req.method && `/webhook/${candidate.path}` === url.pathname,
			);
			if (!webhook) {
				answer(res, 404, {
					message: `The requested webhook "${req.method} ${url.pathname}" is not registered.`,
				});
				return {};
			}
			req.query = queryOf(url);
			req.params = {};
			await prepareBody(req);

			const additionalData = {
				...baseData,
				httpRequest: req,
				httpResponse: res,
			} as IWorkflowExecuteAdditionalData;
			const context = new WebhookContext(
				workflow,
				node,
				additionalData,
				options.mode ?? 'webhook',
				webhook,
				[],
				null,
			);
			try {
				const result = await nodeType.webhook!.call(context);
				if (result.noWebhookResponse !== true) {
					answer(
						res,
						200,
						result.workflowData
							? { message: 'Workflow was started' }
							: (result.webhookResponse ?? { message: 'Webhook call received' }),
					);
				}
				const items = result.workflowData?.[0]?.map((item) => item.json);
				return { result, items };
			} catch (error) {
				answer(res, 500, {
					code: 0,
					message: 'Workflow Webhook Error: Workflow could not be started!',
				});
				return { error: error as Error };
			}
		})();
		pending.push(done);
	});

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const origin = `http://127.0.0.1:${port}`;
	const productionPath = `/webhook/${webhooks[0].path}`;

	return {
		url: `${origin}${productionPath}`,
		registeredMethods: webhooks.map((webhook) => webhook.httpMethod),
		async send(request) {
			const url = new URL(`${origin}${request.path ?? productionPath}`);
			for (const [key, value] of Object.entries(request.query ?? {})) {
				for (const entry of ([] as string[]).concat(value)) url.searchParams.append(key, entry);
			}
			const count = pending.length;
			const started = Date.now();
			const response = await fetch(url, {
				method: request.method ?? 'POST',
				body: request.body,
				headers: request.headers,
			});
			const text = await response.text();
			const answeredInMs = Date.now() - started;
			let body: unknown = text;
			try {
				body = JSON.parse(text);
			} catch {
				// Not JSON: keep the text.
			}
			const outcome = pending.length > count ? await pending[pending.length - 1] : {};
			return { status: response.status, body, answeredInMs, ...outcome };
		},
		async lastOutcome() {
			if (!pending.length) throw new Error('No request has reached the trigger');
			return await pending[pending.length - 1];
		},
		async outcomes() {
			return await Promise.all(pending);
		},
		async close() {
			await Promise.allSettled(pending);
			await new Promise<void>((resolve, reject) =>
				server.close((error) => (error ? reject(error) : resolve())),
			);
		},
	};
}

/** A delivery encoded the way eigi documents it for POST, PUT and PATCH: a multipart form. */
export function eigiForm(event: string, payload: unknown): FormData {
	const form = new FormData();
	form.append('event', event);
	form.append('payload', typeof payload === 'string' ? payload : JSON.stringify(payload));
	return form;
}
