'use strict';
// eigi Trigger in a real n8n: a published workflow, deliveries sent as eigi sends them, and the
// workflow's next node (HTTP Request) posting what it got to the fake server's sink.
const assert = require('node:assert/strict');

const { completedDelivery } = require('../../../tools/fake-eigi');
const wf = require('../../../tools/n8n-launcher/workflows');

const WORKFLOW_ID = 'e2eEigiTrigger01';
const TOKEN = 'e2e-secret-token';
const WEBHOOK = {
	token: 'e2e-eigi-trigger-token',
	any: 'e2e-eigi-trigger-any',
	once: 'e2e-eigi-trigger-once',
};
const SINK = { token: 'trigger-token', any: 'trigger-any', once: 'trigger-once' };

function workflows(ctx) {
	// Two triggers in one workflow, one published workflow: a token and an event filter on the
	// first, any event and the full-conversation fetch on the second.
	const withToken = wf.triggerNode(
		'eigi Trigger',
		{
			events: ['conversation.completed', 'conversation.failed'],
			secretToken: TOKEN,
			fetchConversation: false,
		},
		{ webhookId: WEBHOOK.token },
	);
	const sinkToken = wf.postToSink('Post to Sink', ctx.fake.sinkUrl(SINK.token));
	const anyEvent = wf.triggerNode(
		'eigi Trigger (any event)',
		{
			events: ['*'],
			secretToken: '',
			fetchConversation: true,
		},
		{ webhookId: WEBHOOK.any, credentials: { eigiApi: wf.CREDENTIAL } },
	);
	const sinkAny = wf.postToSink('Post to Sink (any event)', ctx.fake.sinkUrl(SINK.any));
	// The README's recipe against repeated deliveries: n8n's Remove Duplicates keyed on eventKey.
	const once = wf.triggerNode(
		'eigi Trigger (once per event)',
		{ events: ['*'], secretToken: '', fetchConversation: false },
		{ webhookId: WEBHOOK.once },
	);
	const dedupe = wf.node('Remove Duplicates', 'n8n-nodes-base.removeDuplicates', 2, {
		operation: 'removeItemsSeenInPreviousExecutions',
		logic: 'removeItemsWithAlreadySeenKeyValues',
		dedupeValue: '={{ $json.eventKey }}',
		options: {},
	});
	const sinkOnce = wf.postToSink('Post to Sink (once)', ctx.fake.sinkUrl(SINK.once));
	return [
		wf.workflow(
			WORKFLOW_ID,
			'e2e: eigi Trigger to a sink',
			[withToken, sinkToken, anyEvent, sinkAny, once, dedupe, sinkOnce],
			{
				...wf.connect([withToken, sinkToken]),
				...wf.connect([anyEvent, sinkAny]),
				...wf.connect([once, dedupe, sinkOnce]),
			},
		),
	];
}

const PUBLISH = [WORKFLOW_ID];
const WEBHOOK_PATHS = Object.values(WEBHOOK).map((id) => `${id}/webhook`);

function completedPayload(conversationId) {
	return completedDelivery({
		id: 'evt_e2e_1',
		conversationId,
		greeting: 'Hi Ada, this is the clinic calling.',
	});
}

/** Waits (bounded) until the sink holds `count` deliveries, then a moment more to catch extras. */
async function sinkAfter(fake, name, count, { timeoutMs = 30000, settleMs = 1500 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let entries = await fake.sink(name);
	while (entries.length < count) {
		if (Date.now() > deadline)
			throw new Error(
				`The sink "${name}" got ${entries.length} of ${count} deliveries within ${timeoutMs / 1000}s`,
			);
		await new Promise((resolve) => setTimeout(resolve, 250));
		entries = await fake.sink(name);
	}
	await new Promise((resolve) => setTimeout(resolve, settleMs));
	return fake.sink(name);
}

function tests(ctx) {
	const { n8n, fake } = ctx;
	const url = (which, query = '') => `${n8n.baseUrl}/webhook/${WEBHOOK[which]}/webhook${query}`;
	return [
		[
			'Trigger: a multipart POST delivery (as eigi sends it) runs the workflow with the payload fields',
			async () => {
				await fake.reset();
				const response = await fake.deliver(url('token', `?token=${TOKEN}`), {
					method: 'POST',
					event: 'conversation.completed',
					payload: completedPayload('conv-e2e-post'),
				});
				assert.equal(response.status, 200, `answer: ${response.body}`);
				assert.deepEqual(JSON.parse(response.body), { message: 'Workflow was started' });
				const [delivery, ...extra] = await sinkAfter(fake, SINK.token, 1);
				assert.deepEqual(extra, [], 'one run per delivery');
				const item = delivery.body;
				assert.equal(item.event, 'conversation.completed');
				assert.equal(item.conversation_id, 'conv-e2e-post');
				assert.equal(item.conversation_status, 'COMPLETED');
				assert.deepEqual(
					item.conversation_transcript,
					completedPayload('x').conversation_transcript,
				);
				assert.equal(item.conversation_metadata.conversation_duration, 42);
				assert.ok(!Number.isNaN(Date.parse(item.receivedAt)), 'receivedAt is a date');
				assert.equal(item.eventKey, 'conversation.completed:conv-e2e-post');
			},
		],
		[
			"Trigger: the same delivery sent twice runs the workflow's work once, with Remove Duplicates on eventKey",
			async () => {
				await fake.reset();
				const once = `${n8n.baseUrl}/webhook/${WEBHOOK.once}/webhook`;
				const deliver = async (conversationId) => {
					const response = await fake.deliver(once, {
						method: 'POST',
						event: 'conversation.completed',
						payload: completedPayload(conversationId),
					});
					assert.equal(response.status, 200, `answer: ${response.body}`);
				};
				// The repeat comes after the first run has recorded the key, as eigi's retries would
				// (n8n's check-and-record is not atomic for two runs in the same instant).
				await deliver('conv-e2e-twice');
				await sinkAfter(fake, SINK.once, 1, { settleMs: 500 });
				await deliver('conv-e2e-twice');
				await deliver('conv-e2e-other');
				const entries = await sinkAfter(fake, SINK.once, 2, { settleMs: 3000 });
				assert.deepEqual(entries.map((entry) => entry.body.eventKey).sort(), [
					'conversation.completed:conv-e2e-other',
					'conversation.completed:conv-e2e-twice',
				]);
			},
		],
		[
			'Trigger: a GET delivery with event and payload as query parameters runs the workflow',
			async () => {
				await fake.reset();
				const response = await fake.deliver(url('token', `?token=${TOKEN}`), {
					method: 'GET',
					event: 'conversation.failed',
					payload: {
						event: 'conversation.failed',
						id: 'evt_e2e_2',
						conversation_id: 'conv-e2e-get',
						conversation_status: 'FAILED',
					},
				});
				assert.equal(response.status, 200, `answer: ${response.body}`);
				const [delivery, ...extra] = await sinkAfter(fake, SINK.token, 1);
				assert.deepEqual(extra, []);
				assert.equal(delivery.body.event, 'conversation.failed');
				assert.equal(delivery.body.conversation_id, 'conv-e2e-get');
				assert.equal(delivery.body.conversation_status, 'FAILED');
			},
		],
		[
			'Trigger: a wrong or missing token gets 401 and runs nothing',
			async () => {
				await fake.reset();
				const payload = completedPayload('conv-e2e-bad-token');
				const wrong = await fake.deliver(url('token', '?token=not-the-token'), {
					method: 'POST',
					event: 'conversation.completed',
					payload,
				});
				assert.equal(wrong.status, 401, `wrong token answer: ${wrong.body}`);
				const missing = await fake.deliver(url('token'), {
					method: 'POST',
					event: 'conversation.completed',
					payload,
				});
				assert.equal(missing.status, 401, `missing token answer: ${missing.body}`);
				// A good delivery afterwards proves the workflow is live; it must be the only run.
				const good = await fake.deliver(url('token', `?token=${TOKEN}`), {
					method: 'POST',
					event: 'conversation.completed',
					payload: completedPayload('conv-e2e-good'),
				});
				assert.equal(good.status, 200);
				const entries = await sinkAfter(fake, SINK.token, 1, { settleMs: 2500 });
				assert.deepEqual(
					entries.map((entry) => entry.body.conversation_id),
					['conv-e2e-good'],
				);
			},
		],
		[
			'Trigger: an event that is not selected is answered 200 and runs nothing',
			async () => {
				await fake.reset();
				const started = await fake.deliver(url('token', `?token=${TOKEN}`), {
					method: 'POST',
					event: 'conversation.started',
					payload: { event: 'conversation.started', conversation_id: 'conv-e2e-started' },
				});
				assert.equal(started.status, 200, `answer: ${started.body}`);
				assert.match(started.body, /not selected/i);
				const good = await fake.deliver(url('token', `?token=${TOKEN}`), {
					method: 'POST',
					event: 'conversation.completed',
					payload: completedPayload('conv-e2e-after-started'),
				});
				assert.equal(good.status, 200);
				const entries = await sinkAfter(fake, SINK.token, 1, { settleMs: 2500 });
				assert.deepEqual(
					entries.map((entry) => entry.body.conversation_id),
					['conv-e2e-after-started'],
				);
			},
		],
		[
			'Trigger: any event (also unknown ones, by PUT) with the full conversation fetched from the API',
			async () => {
				await fake.reset();
				const conversationId = await fake.placeCall(ctx.agentId, '+14155550123');
				const response = await fake.deliver(url('any'), {
					method: 'PUT',
					event: 'conversation.transferred',
					payload: {
						event: 'conversation.transferred',
						id: 'evt_e2e_3',
						conversation_id: conversationId,
					},
				});
				assert.equal(response.status, 200, `answer: ${response.body}`);
				const [delivery, ...extra] = await sinkAfter(fake, SINK.any, 1);
				assert.deepEqual(extra, []);
				const item = delivery.body;
				assert.equal(item.event, 'conversation.transferred');
				assert.equal(item.conversation_id, conversationId);
				assert.equal(item.fetchError, undefined, `fetch failed: ${item.fetchError}`);
				assert.equal(
					item.agent_id,
					ctx.agentId,
					'fields of the fetched conversation are merged in',
				);
				const gets = (await fake.requests()).filter(
					(request) =>
						request.method === 'GET' &&
						request.path === `/v1/public/conversations/${conversationId}`,
				);
				assert.equal(gets.length, 1);
			},
		],
	];
}

module.exports = { WORKFLOW_ID, PUBLISH, WEBHOOK_PATHS, workflows, tests };
