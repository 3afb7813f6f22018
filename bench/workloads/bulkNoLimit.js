'use strict';
// Workload 2, bulk initiation without a rate limit: 10,000 contacts, the fake answering every
// request after 20 ms. The HTTP Request node as it comes (no batching) sends every request at
// once, so latency barely costs it; eigi Outbound Call sends its batches one after another.
const { checkedContacts } = require('../lib/contacts');
const sides = require('../lib/sides');
const S = require('../lib/stats');

const CONTACTS = 10_000;
const LATENCY_MS = 20;
const IDS = { eigi: 'benchW2Eigi00001', http: 'benchW2Http00001' };

function workflows(ctx) {
	return sides.sideWorkflows(ctx, IDS, CONTACTS, {
		eigi: 'bench 2: eigi Outbound Call, 10,000 contacts, 20 ms',
		http: 'bench 2: HTTP Request, 10,000 contacts, 20 ms',
	});
}

async function run(ctx, { runs }) {
	const expected = checkedContacts(CONTACTS).map((contact) => contact.e164);
	const results = { eigi: [], http: [] };
	for (let i = 0; i < runs; i++) {
		for (const side of i % 2 ? ['http', 'eigi'] : ['eigi', 'http']) {
			results[side].push(await sides.runSide(ctx, IDS, side, expected, { latencyMs: LATENCY_MS }));
		}
	}
	const compared = sides.compareSides(results);
	const { time, timeRatio } = compared;
	return {
		rows: [
			{
				figure: 'Time',
				eigi: S.seconds(time.eigi),
				baseline: S.seconds(time.http),
				ratio: timeRatio >= 1 ? `${S.ratio(timeRatio)} faster` : `${S.ratio(1 / timeRatio)} slower`,
				goal: 'not slower',
				met: timeRatio !== null && timeRatio >= 1,
			},
			sides.requestsRow(compared, 50),
			sides.lostRow(compared),
			sides.peakMemoryRow(compared),
		],
		details: [
			`eigi Outbound Call (batch size 50): ${S.list(results.eigi, (r) => `${S.seconds(r.timeMs)}, ${r.requests} req, ${S.megabytes(r.peakTreeMb)}`)}`,
			`HTTP Request (no batching): ${S.list(results.http, (r) => `${S.seconds(r.timeMs)}, ${r.requests} req, ${S.megabytes(r.peakTreeMb)}`)}`,
		],
		runs: `${runs} each`,
	};
}

module.exports = {
	IDS,
	FAKE_OPTIONS: { latencyMs: LATENCY_MS },
	id: 2,
	title: 'Bulk initiation, no rate limit (10,000 contacts, 20 ms latency)',
	workflows,
	run,
};
