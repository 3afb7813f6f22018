'use strict';
// What a community trigger node sees of a multipart/form-data delivery in a real n8n, before any
// node code of this package runs: a throwaway community package (n8n-nodes-body-probe) whose
// trigger answers the request with what n8n hands it (getBodyData(), the request's body, whether
// the stream was already read). eigi's delivery is sent to it exactly as eigi sends it.
// Usage: [E2E_N8N_VERSION=1.123.81] node test/e2e/multipartProbe.js   (prints JSON)
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { step } = require('../../tools/n8n-launcher/log');
const proc = require('../../tools/n8n-launcher/proc');
const { ensureRuntime } = require('../../tools/n8n-launcher/runtime');
const { N8n } = require('../../tools/n8n-launcher/n8n');
const { freePorts } = require('../../tools/n8n-launcher/ports');
const { startFake } = require('../../tools/fake-eigi/client');

const PROBE_NODE = `'use strict';
class BodyProbe {
	constructor() {
		this.description = {
			displayName: 'Body Probe', name: 'bodyProbe', group: ['trigger'], version: 1,
			description: 'Answers a webhook with what n8n hands the node', defaults: { name: 'Body Probe' },
			inputs: [], outputs: ['main'], properties: [],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		};
	}
	async webhook() {
		const req = this.getRequestObject();
		return {
			webhookResponse: {
				getBodyData: this.getBodyData(),
				reqBodyType: req.body === undefined ? 'undefined' : Buffer.isBuffer(req.body) ? 'Buffer' : typeof req.body,
				rawBody: Buffer.isBuffer(req.rawBody) ? req.rawBody.length : null,
				readRawBody: typeof req.readRawBody,
				readableEnded: req.readableEnded,
				contentType: req.headers['content-type'],
			},
		};
	}
}
module.exports = { BodyProbe };
`;

function writeProbePackage(userFolder) {
	const dir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-body-probe');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'BodyProbe.node.js'), PROBE_NODE);
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({
			name: 'n8n-nodes-body-probe',
			version: '0.0.1',
			keywords: ['n8n-community-node-package'],
			n8n: { n8nNodesApiVersion: 1, nodes: ['BodyProbe.node.js'], credentials: [] },
		}),
	);
	fs.writeFileSync(
		path.join(userFolder, '.n8n', 'nodes', 'package.json'),
		JSON.stringify({
			name: 'installed-nodes',
			private: true,
			dependencies: { 'n8n-nodes-body-probe': '0.0.1' },
		}),
	);
}

async function main() {
	proc.installExitHandlers();
	const runtime = await ensureRuntime();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-body-probe-'));
	proc.onCleanup(() => fs.rmSync(userFolder, { recursive: true, force: true }));
	writeProbePackage(userFolder);
	const workflowFile = path.join(userFolder, 'workflow.json');
	fs.writeFileSync(
		workflowFile,
		JSON.stringify([
			{
				id: 'bodyProbeWorkflw',
				name: 'body probe',
				active: false,
				nodes: [
					{
						id: '00000000-0000-4000-8000-00000000b0d1',
						name: 'Body Probe',
						type: 'n8n-nodes-body-probe.bodyProbe',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
						webhookId: 'body-probe',
					},
				],
				connections: {},
				settings: { executionOrder: 'v1' },
			},
		]),
	);
	const [port, brokerPort] = await freePorts(2);
	const n8n = new N8n(runtime, { userFolder, port, brokerPort });
	proc.onCleanup(() => n8n.stop());
	await n8n.importWorkflows(workflowFile);
	await n8n.publish('bodyProbeWorkflw');
	await n8n.start();
	await n8n.waitForWebhook('body-probe/webhook');
	const fake = await startFake();
	proc.onCleanup(() => fake.close());
	step('Sending a delivery as eigi sends it (multipart/form-data POST)');
	const answer = await fake.deliver(`${n8n.baseUrl}/webhook/body-probe/webhook`, {
		method: 'POST',
		event: 'conversation.completed',
		payload: { event: 'conversation.completed', conversation_id: 'conv-probe' },
	});
	const result = {
		n8n: runtime.n8nVersion,
		node: runtime.nodeVersion,
		status: answer.status,
		seen: JSON.parse(answer.body),
	};
	console.log(JSON.stringify(result, null, 2));
}

proc.runScript(main, 'multipart probe');
