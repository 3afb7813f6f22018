'use strict';
// The workflow of the burst workloads (7 and 9): a published Webhook → eigi Outbound Call → HTTP
// Request posting the lead's reference and the call node's item to the fake's sink.
const wf = require('../../../tools/n8n-launcher/workflows');

const NAMES = { webhook: 'Webhook', call: 'eigi Outbound Call', sink: 'Post Outcome' };

/**
 * Webhook (POST `path`, answer at once) → eigi Outbound Call (Calling Hours Any Time, Default
 * Country US, two metadata fields, `callParameters` on top, On Error "Continue" so a lead that is
 * not called still reaches the sink) → HTTP Request posting `{ ref, item }` to the sink `sink`.
 */
function burstWorkflow(ctx, { id, name, webhookId, path, sink, callParameters = {} }) {
	const webhook = wf.node(
		NAMES.webhook,
		'n8n-nodes-base.webhook',
		2.1,
		{ httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		{ webhookId },
	);
	const call = wf.callNode(
		NAMES.call,
		wf.initiateParameters(ctx.agentId, {
			callingHours: 'anyTime',
			phoneNumber: '={{ $json.body.phone }}',
			metadataMode: 'fields',
			metadataFields: {
				field: [
					{ name: 'customer_name', value: '={{ $json.body.name }}' },
					{ name: 'crm_ref', value: '={{ $json.body.ref }}' },
				],
			},
			options: { defaultCountry: 'US' },
			...callParameters,
		}),
		{ onError: 'continueRegularOutput' },
	);
	const sinkNode = wf.node(NAMES.sink, 'n8n-nodes-base.httpRequest', 4.2, {
		method: 'POST',
		url: ctx.fake.sinkUrl(sink),
		sendBody: true,
		specifyBody: 'json',
		jsonBody: `={{ JSON.stringify({ ref: $('${NAMES.webhook}').first().json.body.ref, item: $json }) }}`,
		options: {},
	});
	return wf.chain(id, name, [webhook, call, sinkNode]);
}

module.exports = { NAMES, burstWorkflow };
