'use strict';
// The bench's workflows and credentials, built with the e2e suite's fixture helpers. Each node
// under test gets its items from the same Code node, so both sides of a comparison start equal.
const wf = require('../../tools/n8n-launcher/workflows');
const { makeContacts } = require('./contacts');

const NAMES = {
	eigi: 'eigi Outbound Call',
	http: 'HTTP Request',
	set: 'Edit Fields',
	eigiTrigger: 'eigi Trigger',
	webhook: 'Webhook',
};

const HEADER_CREDENTIAL = { id: 'benchHeaderAuth1', name: 'eigi API key (Header Auth)' };

/** The eigi credential, and the Header Auth credential a user of the HTTP Request node makes. */
function credentials(fake) {
	return [
		wf.credential({ apiKey: fake.apiKey, baseUrl: fake.baseUrl }),
		{
			...HEADER_CREDENTIAL,
			type: 'httpHeaderAuth',
			data: { name: 'X-API-Key', value: fake.apiKey },
		},
	];
}

function contactsNode(count) {
	return wf.node('Contacts', 'n8n-nodes-base.code', 2, {
		jsCode: `const makeContacts = ${makeContacts.toString()};\nreturn makeContacts(${count}).map((json) => ({ json }));`,
	});
}

/** Manual Trigger → Contacts (count) → `node`. */
function contactsInto(id, name, count, node) {
	const trigger = wf.manualTrigger();
	const contacts = contactsNode(count);
	return wf.chain(id, name, [trigger, contacts, node]);
}

/**
 * eigi Outbound Call as the docs show it: raw numbers with Default Country US, metadata fields.
 * Calling Hours off unless `callingHours` gives them (the bench runs at any hour).
 */
function eigiCallNode(
	agentId,
	{ metadata = true, batchSize, callingHours, name = NAMES.eigi } = {},
) {
	return wf.callNode(
		name,
		wf.initiateParameters(agentId, {
			...(callingHours ?? {}),
			...(metadata
				? {
						metadataMode: 'fields',
						metadataFields: {
							field: [
								{ name: 'customer_name', value: '={{ $json.name }}' },
								{ name: 'crm_ref', value: '={{ $json.ref }}' },
							],
						},
					}
				: {}),
			options: { defaultCountry: 'US', ...(batchSize ? { batchSize } : {}) },
		}),
	);
}

/**
 * The HTTP Request node (its default version) posting one call per item, as eigi's docs show the
 * request, with the key in a Header Auth credential. It sends `e164`: it cannot normalise numbers,
 * so its user must have clean ones already (the bench gives them; that only helps it).
 * `batching` is `{ batchSize, batchInterval }` or none (then n8n sends every request at once).
 */
function httpRequestNode(baseUrl, agentId, { batching } = {}) {
	return wf.node(
		NAMES.http,
		'n8n-nodes-base.httpRequest',
		4.5,
		{
			method: 'POST',
			url: `${baseUrl}/v1/public/calls/outbound`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={\n  "agent_id": "${agentId}",\n  "telephony_provider": "PLIVO",\n  "params": [{ "mobile_number": "{{ $json.e164 }}", "metadata": { "customer_name": "{{ $json.name }}", "crm_ref": "{{ $json.ref }}" } }]\n}`,
			options: batching ? { batching: { batch: batching } } : {},
		},
		{
			credentials: { httpHeaderAuth: HEADER_CREDENTIAL },
			// A refused request becomes an error item (a lost contact, counted) instead of ending the run.
			onError: 'continueRegularOutput',
		},
	);
}

/** Edit Fields (Set), its default version, keeping only `phone` from the same expression. */
function setPhoneNode() {
	return wf.node(NAMES.set, 'n8n-nodes-base.set', 3.5, {
		mode: 'manual',
		assignments: {
			assignments: [
				{
					id: '6f1c2b1e-4c1d-4a59-9a5e-0d1e2f3a4b5c',
					name: 'phone',
					value: '={{ $json.phone }}',
					type: 'string',
				},
			],
		},
		includeOtherFields: false,
		options: {},
	});
}

/** A published workflow: `trigger` → No Operation. */
function triggerWorkflow(id, name, trigger) {
	const done = wf.noOp('Done');
	return wf.chain(id, name, [trigger, done]);
}

function eigiTriggerNode(webhookId) {
	return wf.triggerNode(
		NAMES.eigiTrigger,
		{ events: ['conversation.completed'], secretToken: '', fetchConversation: false },
		{ webhookId },
	);
}

/** n8n's Webhook node as a user sets it up for eigi: POST, answer at once. */
function webhookNode(webhookId, path) {
	return wf.node(
		NAMES.webhook,
		'n8n-nodes-base.webhook',
		2.1,
		{ httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		{ webhookId },
	);
}

module.exports = {
	NAMES,
	credentials,
	contactsInto,
	eigiCallNode,
	httpRequestNode,
	setPhoneNode,
	triggerWorkflow,
	eigiTriggerNode,
	webhookNode,
};
