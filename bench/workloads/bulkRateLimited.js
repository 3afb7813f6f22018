'use strict';
// Workload 1, bulk initiation under eigi's rate limit: 2,000 contacts, the fake allowing 10
// requests per second (429 with Retry-After beyond it; eigi's own limits of 100 or 500 per minute
// scaled so the run stays short). This is what decides how long a real campaign takes.
//
// The HTTP Request node is set up as a careful user would: its Batching option sending 10 requests
// every 1.1 s (the limit with 10% headroom, since a sliding window punishes a batch that lands a
// few ms early). Not Retry On Fail: it reruns the whole node, so every contact already called
// would be called again. "On Error: Continue" turns a refused request into an error item (a lost
// contact, counted here) rather than ending the run.
const { checkedContacts } = require('../lib/contacts');
const sides = require('../lib/sides');
const S = require('../lib/stats');

const CONTACTS = 2_000;
const RATE_LIMIT = { requestsPerSecond: 10 };
const BATCHING = { batchSize: 10, batchInterval: 1100 };
const IDS = { eigi: 'benchW1Eigi00001', http: 'benchW1Http00001' };

function workflows(ctx) {
	return sides.sideWorkflows(
		ctx,
		IDS,
		CONTACTS,
		{
			eigi: 'bench 1: eigi Outbound Call, 2,000 contacts, rate limit',
			http: 'bench 1: HTTP Request with batching, 2,000 contacts, rate limit',
		},
		{ batching: BATCHING },
	);
}

async function run(ctx, { runs, baselineRuns }) {
	const expected = checkedContacts(CONTACTS).map((contact) => contact.e164);
	const results = { eigi: [], http: [] };
	const once = async (side) =>
		results[side].push(await sides.runSide(ctx, IDS, side, expected, { rateLimit: RATE_LIMIT }));
	// The baseline takes minutes a run: it runs `baselineRuns` times, between eigi's runs.
	for (let i = 0; i < runs; i++) {
		await once('eigi');
		if (i < baselineRuns) await once('http');
	}
	const compared = sides.compareSides(results);
	const { m, time, timeRatio } = compared;
	return {
		rows: [
			{
				figure: 'Time until every call was accepted',
				eigi: S.seconds(time.eigi),
				baseline: S.seconds(time.http),
				ratio: `${S.ratio(timeRatio)} less time`,
				goal: '≥ 40× less',
				met: timeRatio !== null && timeRatio >= 40,
			},
			sides.requestsRow(compared, 40),
			{
				figure: '429 answers received',
				eigi: S.count(m('eigi', 'rateLimited')),
				baseline: S.count(m('http', 'rateLimited')),
				ratio: '',
				goal: '',
				met: null,
			},
			sides.lostRow(compared, true),
			sides.peakMemoryRow(compared),
		],
		details: [
			`eigi Outbound Call (batch size 50): ${S.list(results.eigi, (r) => `${S.seconds(r.timeMs)} (${S.seconds(r.spanMs)} from first request to last accepted), ${r.requests} req, ${r.rateLimited}×429, ${r.lost} lost, ${S.megabytes(r.peakTreeMb)}`)}`,
			`HTTP Request (batching ${BATCHING.batchSize} per ${BATCHING.batchInterval} ms): ${S.list(results.http, (r) => `${S.seconds(r.timeMs)}, ${r.requests} req, ${r.rateLimited}×429, ${r.lost} lost, ${S.megabytes(r.peakTreeMb)}`)}`,
		],
		runs: `eigi ${results.eigi.length}, baseline ${results.http.length}`,
	};
}

module.exports = {
	IDS,
	FAKE_OPTIONS: { rateLimit: RATE_LIMIT },
	id: 1,
	title: 'Bulk initiation under the rate limit (2,000 contacts, 10 req/s)',
	workflows,
	run,
};
