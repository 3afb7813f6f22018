'use strict';
// examples/: every example imports and n8n knows each of its nodes; those that need no third-party
// account run against the fake API (the CRM lead webhook, the satisfaction survey).
const assert = require('node:assert/strict');

const wf = require('../../../tools/n8n-launcher/workflows');
const { loadExamples, exampleCredentialRef, withAgent, atAnyHour } = require('../../../tools/n8n-launcher/examples');
const { AGENT } = require('../../../tools/fake-eigi/client');
const { login } = require('../../../tools/n8n-launcher/owner');
const { nodeOutput, assertSucceeded } = require('../lib/runData');
const { waitFor, sleep } = require('../../../tools/n8n-launcher/wait');

const LEAD = 'eigiExampleLead1';
// The survey is two workflows: the calls (Manual Trigger) and the results (eigi Trigger, published).
const SURVEY_CALLS = 'eigiExampleSurveyCalls';
const SURVEY_RESULTS = 'eigiExampleSurveyResults';
const SURVEY_SINK = 'example-survey';
const PUBLISH = [LEAD, SURVEY_RESULTS];
const WEBHOOK_PATHS = ['new-lead', 'eigi-example-survey-results/webhook'];
const OUTBOUND = '/v1/public/calls/outbound';

const examples = loadExamples();

function credentials(fake) {
	const ref = exampleCredentialRef(examples);
	return [
		wf.credential({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, id: ref.id, name: ref.name }),
	];
}

/** The survey's results workflow ends in a Set node; the suite adds a post to the sink after it. */
function workflows(ctx) {
	return examples.map((example) => {
		const copy = atAnyHour(withAgent(example, AGENT.id));
		if (copy.id === SURVEY_RESULTS) {
			const sink = wf.postToSink('e2e: Post to Sink', ctx.fake.sinkUrl(SURVEY_SINK));
			copy.nodes.push(sink);
			copy.connections['Survey result'] = { main: [[{ node: sink.name, type: 'main', index: 0 }]] };
		}
		return copy;
	});
}

async function outboundPosts(fake) {
	return (await fake.requests()).filter(
		(request) => request.method === 'POST' && request.path === OUTBOUND,
	);
}

function executeTests(ctx) {
	const { n8n, fake } = ctx;
	return [
		[
			'Example satisfaction survey calls: "Start survey calls" calls the three sample customers with their order as metadata',
			async () => {
				await fake.reset();
				const result = await n8n.execute(SURVEY_CALLS);
				assertSucceeded(result);
				const items = nodeOutput(result.run, 'Survey call');
				assert.deepEqual(
					items.map((item) => item.status),
					['initiated', 'initiated', 'initiated'],
				);
				const posts = await outboundPosts(fake);
				assert.equal(posts.length, 1);
				assert.deepEqual(posts[0].body.params, [
					{
						mobile_number: '+14155550142',
						metadata: { customer_name: 'Ada Lovelace', order_number: 'A-1001' },
					},
					{
						mobile_number: '+442079460958',
						metadata: { customer_name: 'Alan Turing', order_number: 'A-1002' },
					},
					{
						mobile_number: '+14155550199',
						metadata: { customer_name: 'Grace Hopper', order_number: 'A-1003' },
					},
				]);
			},
		],
	];
}

function liveTests(ctx) {
	const { n8n, fake } = ctx;
	return [
		[
			'The package loads in n8n: its nodes and credential are known, and so is every node of every example',
			async () => {
				const session = await login(n8n.baseUrl);
				const nodeTypes = await session.get('/types/nodes.json');
				const versions = new Map();
				// A versioned node is listed once per implementation, each with its own versions.
				for (const type of nodeTypes)
					versions.set(type.name, [...(versions.get(type.name) ?? []), ...[].concat(type.version)]);
				assert.ok(versions.has(wf.EIGI_CALL), 'eigi Outbound Call is loaded');
				assert.ok(versions.has(wf.EIGI_TRIGGER), 'eigi Trigger is loaded');
				const credentialTypes = await session.get('/types/credentials.json');
				assert.ok(
					credentialTypes.some((type) => type.name === 'eigiApi'),
					'the eigiApi credential is loaded',
				);
				const unknown = [];
				for (const example of examples) {
					for (const node of example.nodes) {
						if (!(versions.get(node.type) ?? []).includes(node.typeVersion))
							unknown.push(`${example.file}: "${node.name}" (${node.type} v${node.typeVersion})`);
					}
				}
				assert.deepEqual(unknown, [], 'node types or versions this n8n does not know');
			},
		],
		[
			'Examples with a Manual Trigger have no other trigger, so the editor\'s "Execute workflow" button runs them',
			async () => {
				const session = await login(n8n.baseUrl);
				const triggers = new Set(
					(await session.get('/types/nodes.json'))
						.filter((type) => (type.group ?? []).includes('trigger'))
						.map((type) => type.name),
				);
				assert.ok(triggers.has(wf.EIGI_TRIGGER), 'eigi Trigger is a trigger node');
				const mixed = [];
				for (const example of examples) {
					const names = example.nodes
						.filter((node) => triggers.has(node.type))
						.map((node) => `${node.name} (${node.type})`);
					if (
						names.some((name) => name.includes('n8n-nodes-base.manualTrigger')) &&
						names.length > 1
					)
						mixed.push(`${example.file}: ${names.join(', ')}`);
				}
				assert.deepEqual(
					mixed,
					[],
					'examples whose Manual Trigger shares the canvas with another trigger',
				);
			},
		],
		[
			'Example CRM lead qualification: a lead posted to its webhook gets one qualifying call with its data and its CRM id as Reference',
			async () => {
				await fake.reset();
				const response = await fetch(`${n8n.baseUrl}/webhook/new-lead`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({
						id: 'lead-4711',
						first_name: 'Linus',
						last_name: 'Pauling',
						phone: '(415) 555-0177',
						company: 'Caltech',
						interest: 'the Pro plan',
					}),
					signal: AbortSignal.timeout(15000),
				});
				assert.equal(response.status, 200, await response.text());
				const [post] = await waitFor(
					async () => {
						const posts = await outboundPosts(fake);
						return posts.length ? posts : null;
					},
					{ message: 'the example to place its call' },
				);
				await sleep(1000);
				assert.equal((await outboundPosts(fake)).length, 1, 'one call request');
				assert.equal(post.body.agent_id, AGENT.id);
				assert.deepEqual(post.body.params, [
					{
						mobile_number: '+14155550177',
						metadata: {
							customer_name: 'Linus Pauling',
							company: 'Caltech',
							product_interest: 'the Pro plan',
							// The lead's CRM id, as Reference: the lead results example reads it back.
							n8n_reference: 'lead-4711',
						},
					},
				]);
			},
		],
		[
			"Example satisfaction survey results: a completed call delivered by eigi gives the customer's score and comment",
			async () => {
				await fake.reset();
				const response = await fake.deliver(
					`${n8n.baseUrl}/webhook/eigi-example-survey-results/webhook`,
					{
						method: 'POST',
						event: 'conversation.completed',
						payload: {
							event: 'conversation.completed',
							id: 'evt_e2e_survey',
							conversation_id: 'conv-e2e-survey',
							conversation_status: 'COMPLETED',
							conversation_metadata: {
								to_mobile_number: '+14155550142',
								dynamic_variables: { customer_name: 'Ada Lovelace', order_number: 'A-1001' },
							},
							conversation_transcript: [
								{
									role: 'assistant',
									content: 'From 1 to 5, how happy are you with order A-1001?',
									timestamp: '2026-01-01T10:00:00Z',
								},
								{
									role: 'user',
									content: 'I would say 4, delivery was a bit slow.',
									timestamp: '2026-01-01T10:00:05Z',
								},
							],
						},
					},
				);
				assert.equal(response.status, 200, response.body);
				const [record] = await waitFor(
					async () => {
						const records = await fake.sink(SURVEY_SINK);
						return records.length ? records : null;
					},
					{ message: 'the survey result to reach the sink' },
				);
				assert.deepEqual(
					{ ...record.body },
					{
						customer_name: 'Ada Lovelace',
						order_number: 'A-1001',
						phone: '+14155550142',
						score: 4,
						comment: 'I would say 4, delivery was a bit slow.',
						conversation_id: 'conv-e2e-survey',
					},
				);
			},
		],
	];
}

module.exports = { PUBLISH, WEBHOOK_PATHS, credentials, workflows, executeTests, liveTests };
