'use strict';
// Workload 5, trigger throughput: 2,000 deliveries as eigi sends them (multipart POST), 8 at a time,
// to a published workflow starting with eigi Trigger, and the same to one starting with n8n's
// Webhook node, in the same running n8n. eigi Trigger answers before the run is queued, n8n answers
// for its Webhook node once it is, so the rate that counts is from the first delivery to the end of
// the last run (n8n's own stoppedAt); the answer rate (what eigi sees) is shown too. Finished runs
// are counted through n8n's REST API, so a delivery answered but never run is counted as lost.
const { completedDelivery } = require('../../tools/fake-eigi');
const { detail } = require('../../tools/n8n-launcher/log');
const { login } = require('../../tools/n8n-launcher/owner');
const { sleep } = require('../../tools/n8n-launcher/wait');
const { sampleGroup } = require('../lib/memory');
const W = require('../lib/workflows');
const S = require('../lib/stats');

const DELIVERIES = 2_000;
const CONCURRENCY = 8;
const IDS = { eigi: 'benchW5EigiTrig1', webhook: 'benchW5Webhook01' };
const WEBHOOK_IDS = { eigi: 'bench-eigi-trigger', webhook: 'bench-webhook-node' };
const PATHS = { eigi: `${WEBHOOK_IDS.eigi}/webhook`, webhook: 'bench-webhook' };
const LABELS = { eigi: 'eigi Trigger', webhook: 'Webhook' };

function workflows() {
	return [
		W.triggerWorkflow(IDS.eigi, 'bench 5: eigi Trigger', W.eigiTriggerNode(WEBHOOK_IDS.eigi)),
		W.triggerWorkflow(
			IDS.webhook,
			'bench 5: Webhook node',
			W.webhookNode(WEBHOOK_IDS.webhook, PATHS.webhook),
		),
	];
}

function payload(index) {
	return completedDelivery({
		id: `evt_bench_${index}`,
		conversationId: `conv-bench-${index}`,
		greeting: 'Hi, this is the clinic calling about your appointment.',
	});
}

/** Sends every delivery, `CONCURRENCY` at a time; resolves with the time taken and the answers that were not 200. */
async function deliverAll(fake, url) {
	let next = 0;
	const failures = [];
	const started = Date.now();
	const worker = async () => {
		while (next < DELIVERIES) {
			const index = next++;
			try {
				const answer = await fake.deliver(url, {
					event: 'conversation.completed',
					payload: payload(index),
				});
				if (answer.status !== 200) failures.push(`${answer.status} ${answer.body.slice(0, 120)}`);
			} catch (error) {
				failures.push(error.message);
			}
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	return { startedMs: started, ms: Date.now() - started, failures };
}

/** Finished runs of the workflow, and when the newest of them stopped (ms since 1970). */
async function finished(session, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status: ['success'] }));
	const { data } = await session.get(`/rest/executions?filter=${filter}&limit=1`);
	return {
		count: data.count,
		lastStoppedMs: data.results[0] ? Date.parse(data.results[0].stoppedAt) : null,
	};
}

/** Waits until `target` runs have finished, or until their count stops growing for 20 s. */
async function waitForExecutions(session, workflowId, target) {
	let state = await finished(session, workflowId);
	let lastChange = Date.now();
	while (state.count < target && Date.now() - lastChange < 20000) {
		await sleep(500);
		const now = await finished(session, workflowId);
		if (now.count !== state.count) lastChange = Date.now();
		state = now;
	}
	return state;
}

async function run(ctx, { runs }) {
	const { n8n, fake } = ctx;
	await n8n.start();
	for (const path of Object.values(PATHS)) await n8n.waitForWebhook(path);
	const session = await login(n8n.baseUrl);
	const results = { eigi: [], webhook: [] };
	const expected = { eigi: 0, webhook: 0 };
	const peak = { eigi: 0, webhook: 0 };
	for (let i = 0; i < runs; i++) {
		for (const side of i % 2 ? ['webhook', 'eigi'] : ['eigi', 'webhook']) {
			const sampler = sampleGroup(n8n.server.pid);
			const sent = await deliverAll(fake, `${n8n.baseUrl}/webhook/${PATHS[side]}`);
			expected[side] += DELIVERIES;
			const state = await waitForExecutions(session, IDS[side], expected[side]);
			const memory = sampler.stop();
			peak[side] = Math.max(peak[side], memory.peakTreeMb ?? 0);
			// Counted against all deliveries so far, so a late run of an earlier round still counts.
			const lost = expected[side] - state.count;
			expected[side] = state.count;
			const answered = DELIVERIES / (sent.ms / 1000);
			const perSecond = DELIVERIES / ((state.lastStoppedMs - sent.startedMs) / 1000);
			results[side].push({ perSecond, answered, lost, failed: sent.failures.length });
			detail(
				`${LABELS[side]}: ${perSecond.toFixed(1)} deliveries/s run to the end (${answered.toFixed(1)}/s answered), ` +
					`${sent.failures.length} not answered 200, ${lost} runs missing, peak ${S.megabytes(memory.peakTreeMb)}`,
			);
			if (sent.failures.length) detail(`  first failure: ${sent.failures[0]}`);
		}
	}
	await n8n.stop();
	const rate = {
		eigi: S.median(results.eigi.map((r) => r.perSecond)),
		webhook: S.median(results.webhook.map((r) => r.perSecond)),
	};
	const share = S.divide(rate.eigi, rate.webhook);
	const answered = {
		eigi: S.median(results.eigi.map((r) => r.answered)),
		webhook: S.median(results.webhook.map((r) => r.answered)),
	};
	const lost = (side) => results[side].reduce((sum, r) => sum + Math.max(r.lost, r.failed), 0);
	return {
		rows: [
			{
				figure: 'Deliveries per second, until the last run finished',
				eigi: `${S.count(rate.eigi)}/s`,
				baseline: `${S.count(rate.webhook)}/s`,
				ratio: `${S.ratio(share)} of Webhook`,
				goal: '≥ 0.9×',
				met: share !== null && share >= 0.9,
			},
			{
				figure: 'Deliveries answered per second (what eigi sees)',
				eigi: `${S.count(answered.eigi)}/s`,
				baseline: `${S.count(answered.webhook)}/s`,
				ratio: `${S.ratio(S.divide(answered.eigi, answered.webhook))} of Webhook`,
				goal: '',
				met: null,
			},
			{
				figure: 'Executions lost (all runs)',
				eigi: S.count(lost('eigi')),
				baseline: S.count(lost('webhook')),
				ratio: '',
				goal: '0',
				met: lost('eigi') === 0,
			},
			{
				figure: 'Peak memory of n8n (process tree)',
				eigi: S.megabytes(peak.eigi),
				baseline: S.megabytes(peak.webhook),
				ratio: '',
				goal: '',
				met: null,
			},
		],
		details: [
			`eigi Trigger: ${S.list(results.eigi, (r) => `${r.perSecond.toFixed(1)}/s (${r.answered.toFixed(1)}/s answered)`)}`,
			`Webhook: ${S.list(results.webhook, (r) => `${r.perSecond.toFixed(1)}/s (${r.answered.toFixed(1)}/s answered)`)}`,
		],
		runs: `${runs} each`,
	};
}

module.exports = {
	id: 5,
	title: 'Trigger throughput (2,000 multipart deliveries, 8 at a time)',
	workflows,
	publish: Object.values(IDS),
	run,
};
