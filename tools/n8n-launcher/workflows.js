'use strict';
// Workflow and credential fixtures, built as n8n stores them (what `n8n import:*` reads). Built in
// code because the fake API's URL (and so the HTTP Request nodes' sink URLs) differs per run.

const EIGI_CALL = 'n8n-nodes-eigi.eigiOutboundCall';
const EIGI_TRIGGER = 'n8n-nodes-eigi.eigiOutboundCallTrigger';
const CREDENTIAL = { id: 'e2eEigiCredent01', name: 'eigi API (fake server)' };

/** The credential as `n8n import:credentials` takes it (plain data is encrypted on import). */
function credential({ apiKey, baseUrl, id = CREDENTIAL.id, name = CREDENTIAL.name }) {
	return { id, name, type: 'eigiApi', data: { apiKey, baseUrl } };
}

let nodeCounter = 0;

function node(name, type, typeVersion, parameters, extra = {}) {
	nodeCounter += 1;
	return {
		id: `00000000-0000-4000-8000-${String(nodeCounter).padStart(12, '0')}`,
		name,
		type,
		typeVersion,
		position: [nodeCounter * 220, 0],
		parameters,
		...extra,
	};
}

const eigiCredentials = { eigiApi: CREDENTIAL };

function manualTrigger() {
	return node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, {});
}

/** A Code node returning `items` (each becomes one n8n item). */
function codeItems(name, items) {
	return node(name, 'n8n-nodes-base.code', 2, {
		jsCode: `return ${JSON.stringify(items, null, 1)}.map((json) => ({ json }));`,
	});
}

/**
 * Parameters of eigi Outbound Call's Initiate Calls operation. Calling Hours are off (Any Time)
 * unless a test sets them: the suite runs at any hour.
 */
function initiateParameters(agentId, overrides = {}) {
	return {
		resource: 'call',
		operation: 'initiate',
		callingHours: 'anyTime',
		agentId: { __rl: true, mode: 'id', value: agentId },
		phoneNumber: '={{ $json.phone }}',
		telephonyProvider: 'PLIVO',
		metadataMode: 'none',
		options: {},
		...overrides,
	};
}

function callNode(name, parameters, extra = {}) {
	return node(name, EIGI_CALL, 1, parameters, { credentials: eigiCredentials, ...extra });
}

/** An eigi Trigger node (`extra`: its webhookId, credentials). */
function triggerNode(name, parameters, extra = {}) {
	return node(name, EIGI_TRIGGER, 1, parameters, extra);
}

/** A No Operation node: a named place where items arrive, to read from the run data. */
function noOp(name) {
	return node(name, 'n8n-nodes-base.noOp', 1, {});
}

/** HTTP Request posting each item as JSON to the fake server's recorder `/sink/<name>`. */
function postToSink(name, sinkUrl) {
	return node(name, 'n8n-nodes-base.httpRequest', 4.2, {
		method: 'POST',
		url: sinkUrl,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify($json) }}',
		options: {},
	});
}

/** Connections for a chain of nodes; `branches` adds [from, output, to] for extra outputs. */
function connect(chain, branches = []) {
	const connections = {};
	const add = (from, output, to) => {
		connections[from.name] ??= { main: [] };
		const outputs = connections[from.name].main;
		while (outputs.length <= output) outputs.push([]);
		outputs[output].push({ node: to.name, type: 'main', index: 0 });
	};
	for (let i = 0; i + 1 < chain.length; i++) add(chain[i], 0, chain[i + 1]);
	for (const [from, output, to] of branches) add(from, output, to);
	return connections;
}

function workflow(id, name, nodes, connections) {
	return {
		id,
		name,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
		tags: [],
	};
}

/** A workflow whose nodes run one after the other, in the order given. */
function chain(id, name, nodes) {
	return workflow(id, name, nodes, connect(nodes));
}

module.exports = {
	EIGI_CALL,
	EIGI_TRIGGER,
	CREDENTIAL,
	credential,
	node,
	manualTrigger,
	codeItems,
	initiateParameters,
	callNode,
	triggerNode,
	noOp,
	postToSink,
	connect,
	workflow,
	chain,
};
