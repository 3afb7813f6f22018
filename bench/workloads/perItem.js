'use strict';
// Workload 3, per-item overhead: 10,000 contacts and an API that answers at once, so what is left
// is the node's own work per item. The floor is n8n's Edit Fields (Set) node evaluating the same
// phone expression per item (the one thing every node that reads the number must pay). A second
// eigi side checks Calling Hours for every number (hours of 00:00-24:00, so all are still called
// and both eigi sides send the same requests): the cost of the time zone table and the clocks.
const { detail } = require('../../tools/n8n-launcher/log');
const { executeWorkflow, nodeRun } = require('../lib/execute');
const { resetFake, outboundStats } = require('../lib/fakeStats');
const W = require('../lib/workflows');
const S = require('../lib/stats');

const CONTACTS = 10_000;
const IDS = { eigi: 'benchW3Eigi00001', eigiHours: 'benchW3EigiHours', set: 'benchW3Set000001' };
const HOURS_NODE = 'eigi Outbound Call (Calling Hours)';
const ALL_DAY = { callingHours: 'custom', callingHoursStart: '00:00', callingHoursEnd: '24:00' };
const NODE_NAMES = { eigi: W.NAMES.eigi, eigiHours: HOURS_NODE, set: W.NAMES.set };

function workflows(ctx) {
	return [
		W.contactsInto(
			IDS.eigi,
			'bench 3: eigi Outbound Call, 10,000 contacts',
			CONTACTS,
			W.eigiCallNode(ctx.agentId, { metadata: false }),
		),
		W.contactsInto(
			IDS.eigiHours,
			'bench 3: eigi Outbound Call with Calling Hours, 10,000 contacts',
			CONTACTS,
			W.eigiCallNode(ctx.agentId, { metadata: false, callingHours: ALL_DAY, name: HOURS_NODE }),
		),
		W.contactsInto(IDS.set, 'bench 3: Edit Fields, 10,000 contacts', CONTACTS, W.setPhoneNode()),
	];
}

/**
 * Where the sending time goes: the fake's own time answering (arrival to answer) and the time
 * between one answer and the next request, which is n8n's (the node, and n8n's request helper
 * reading the credential for each request).
 */
function sendingSplit(fake) {
	const requests = fake.server.outboundRequests();
	const answeringMs = requests.reduce((sum, request) => sum + (request.durationMs ?? 0), 0);
	const betweenMs = requests
		.slice(1)
		.reduce(
			(sum, request, index) =>
				sum + request.timeMs - (requests[index].timeMs + (requests[index].durationMs ?? 0)),
			0,
		);
	return { answeringMs, betweenMs };
}

async function runOnce(ctx, side) {
	resetFake(ctx.fake);
	const { run } = await executeWorkflow(ctx.n8n, IDS[side]);
	const node = nodeRun(run, NODE_NAMES[side]);
	const items = node.outputs[0]?.length ?? 0;
	if (items !== CONTACTS)
		throw new Error(`${NODE_NAMES[side]} put out ${items} items, not ${CONTACTS}`);
	// eigi's time includes its requests (one per 50 items), answered at once but still round trips.
	const { requests, spanMs } = outboundStats(ctx.fake, []);
	const { answeringMs, betweenMs } = sendingSplit(ctx.fake);
	detail(
		`${NODE_NAMES[side]}: ${S.seconds(node.executionTime)}${requests ? `, of which ${S.seconds(spanMs)} sending ${requests} requests (${S.seconds(betweenMs)} in n8n between requests, ${S.seconds(answeringMs)} in the fake's answers)` : ''}`,
	);
	return { timeMs: node.executionTime, sendingMs: requests ? spanMs : 0, betweenMs };
}

async function run(ctx, { runs }) {
	const results = { eigi: [], eigiHours: [], set: [] };
	const sides = ['eigi', 'eigiHours', 'set'];
	for (let i = 0; i < runs; i++) {
		// Rotating which side goes first spreads any drift of the machine over all three.
		for (const side of [...sides.slice(i % 3), ...sides.slice(0, i % 3)])
			results[side].push(await runOnce(ctx, side));
	}
	const withHours = S.median(results.eigiHours.map((r) => r.timeMs));
	const times = { eigi: results.eigi.map((r) => r.timeMs), set: results.set.map((r) => r.timeMs) };
	const eigi = S.median(times.eigi);
	const set = S.median(times.set);
	/** eigi's node time `time` against Edit Fields', met within 1.25 times. */
	const againstSet = (figure, time) => {
		const share = S.divide(time, set);
		return {
			figure,
			eigi: S.seconds(time),
			baseline: `${S.seconds(set)} (Edit Fields)`,
			ratio: `${S.ratio(share)} of Edit Fields`,
			goal: '≤ 1.25×',
			met: share !== null && share <= 1.25,
		};
	};
	const sending = S.median(results.eigi.map((r) => r.sendingMs));
	const reading = S.median(results.eigi.map((r) => r.timeMs - r.sendingMs));
	const readingShare = S.divide(reading, set);
	return {
		rows: [
			againstSet('Node time, 10,000 items (one expression each)', eigi),
			againstSet('Node time, 10,000 items, Calling Hours checked for each', withHours),
			{
				figure: 'of which all but the requests (reading items, output)',
				eigi: S.seconds(reading),
				baseline: '',
				ratio: `${S.ratio(readingShare)} of Edit Fields`,
				goal: '',
				met: null,
			},
			{
				figure: 'of which sending 200 requests (no latency)',
				eigi: S.seconds(sending),
				baseline: '',
				ratio: '',
				goal: '',
				met: null,
			},
		],
		details: [
			`eigi Outbound Call: ${S.list(results.eigi, (r) => `${S.seconds(r.timeMs)} (${S.seconds(r.sendingMs)} sending, ${S.seconds(r.betweenMs)} of it in n8n between requests)`)}`,
			`eigi Outbound Call with Calling Hours: ${S.list(results.eigiHours, (r) => S.seconds(r.timeMs))}`,
			`Edit Fields: ${S.list(times.set, S.seconds)}`,
		],
		runs: `${runs} each`,
	};
}

module.exports = {
	IDS,
	id: 3,
	title: 'Per-item overhead',
	workflows,
	run,
};
