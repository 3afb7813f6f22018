'use strict';
// Workload 4, rate-limit efficiency: how close eigi Outbound Call gets to the rate eigi allows.
// 5,000 contacts at batch size 10 (500 requests) against R requests per second with 429 and
// Retry-After beyond it. The rate is accepted requests over the time the fake saw requests (first
// request to last accepted answer): the node's reading of the items before it sends anything is
// per-item cost (workload 3), not rate-limit handling.
const { callRun } = require('../lib/callRun');
const { checkedContacts } = require('../lib/contacts');
const W = require('../lib/workflows');
const S = require('../lib/stats');

const CONTACTS = 5_000;
const BATCH_SIZE = 10;
const R = 10;
const ID = 'benchW4Eigi00001';

function workflows(ctx) {
	return [
		W.contactsInto(
			ID,
			'bench 4: eigi Outbound Call, 5,000 contacts, batch size 10, rate limit',
			CONTACTS,
			W.eigiCallNode(ctx.agentId, { batchSize: BATCH_SIZE }),
		),
	];
}

async function run(ctx, { runs }) {
	const expected = checkedContacts(CONTACTS).map((contact) => contact.e164);
	const results = [];
	for (let i = 0; i < runs; i++) {
		results.push(
			await callRun(ctx, {
				workflowId: ID,
				nodeName: W.NAMES.eigi,
				expected,
				fakeOptions: { rateLimit: { requestsPerSecond: R } },
			}),
		);
	}
	const shares = results.map((r) => S.divide(r.accepted, r.spanMs / 1000) / R);
	const share = S.median(shares);
	const failures = Math.max(...results.map((r) => r.lost + r.failedItems));
	const duplicates = Math.max(...results.map((r) => r.duplicates));
	return {
		rows: [
			{
				figure: `Accepted requests per second, share of R = ${R}/s`,
				eigi: `${S.count(share * R)}/s`,
				baseline: `${R}/s (R)`,
				ratio: `${S.percent(share)} of R`,
				goal: '≥ 90%',
				met: share >= 0.9,
			},
			{
				figure: 'Failures (worst run)',
				eigi: S.count(failures),
				baseline: '',
				ratio: '',
				goal: '0',
				met: failures === 0,
			},
			{
				figure: 'Duplicate numbers (worst run)',
				eigi: S.count(duplicates),
				baseline: '',
				ratio: '',
				goal: '0',
				met: duplicates === 0,
			},
		],
		details: [
			`share of R: ${S.list(shares, S.percent)}`,
			`requests / 429s / span / node time: ${S.list(results, (r) => `${r.requests} / ${r.rateLimited} / ${S.seconds(r.spanMs)} / ${S.seconds(r.timeMs)}`)}`,
		],
		runs: `${runs}`,
	};
}

module.exports = {
	IDS: { eigi: ID },
	FAKE_OPTIONS: { rateLimit: { requestsPerSecond: R } },
	id: 4,
	title: `Rate-limit efficiency (5,000 contacts, batch size ${BATCH_SIZE}, R = ${R}/s)`,
	workflows,
	run,
};
