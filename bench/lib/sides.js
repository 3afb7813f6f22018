'use strict';
// Workloads that run eigi's node against the HTTP Request baseline (1 and 2): both sides'
// workflows and runs, each side's medians and worst losses, and the rows both report alike.
const { callRun } = require('./callRun');
const W = require('./workflows');
const S = require('./stats');

/**
 * The two workflows compared: Manual Trigger → `count` contacts → eigi Outbound Call, and the same
 * into the HTTP Request node (`httpOptions` for its settings). `titles`: { eigi, http } names.
 */
function sideWorkflows(ctx, ids, count, titles, httpOptions) {
	return [
		W.contactsInto(ids.eigi, titles.eigi, count, W.eigiCallNode(ctx.agentId)),
		W.contactsInto(
			ids.http,
			titles.http,
			count,
			W.httpRequestNode(ctx.fake.baseUrl, ctx.agentId, httpOptions),
		),
	];
}

/** One run of `side` ('eigi' or 'http'), its workflow `ids[side]`, on a fake set up with `fakeOptions`. */
function runSide(ctx, ids, side, expected, fakeOptions) {
	return callRun(ctx, { workflowId: ids[side], nodeName: W.NAMES[side], expected, fakeOptions });
}

/** `results`: { eigi: [callRun results], http: [...] } → the figures both sides are compared on. */
function compareSides(results) {
	const m = (side, key) => S.median(results[side].map((result) => result[key]));
	const time = { eigi: m('eigi', 'timeMs'), http: m('http', 'timeMs') };
	const requests = { eigi: m('eigi', 'requests'), http: m('http', 'requests') };
	const lost = {
		eigi: Math.max(...results.eigi.map((r) => r.lost)),
		http: Math.max(...results.http.map((r) => r.lost)),
	};
	return {
		m,
		time,
		requests,
		lost,
		timeRatio: S.divide(time.http, time.eigi),
		requestRatio: S.divide(requests.http, requests.eigi),
	};
}

/** "Requests sent", met when eigi sends at least `fewerBy` times fewer. */
function requestsRow({ requests, requestRatio }, fewerBy) {
	return {
		figure: 'Requests sent',
		eigi: S.count(requests.eigi),
		baseline: S.count(requests.http),
		ratio: `${S.ratio(requestRatio)} fewer`,
		goal: `≥ ${fewerBy}× fewer`,
		met: requestRatio !== null && requestRatio >= fewerBy,
	};
}

/** "Peak memory of n8n (process tree)", eigi's against the baseline's. */
function peakMemoryRow({ m }) {
	return {
		figure: 'Peak memory of n8n (process tree)',
		eigi: S.megabytes(m('eigi', 'peakTreeMb')),
		baseline: S.megabytes(m('http', 'peakTreeMb')),
		ratio: `${S.ratio(S.divide(m('eigi', 'peakTreeMb'), m('http', 'peakTreeMb')))} of baseline`,
		goal: '',
		met: null,
	};
}

/** "Contacts lost (worst run)"; with `noneLost`, met only when eigi lost none. */
function lostRow({ lost }, noneLost = false) {
	return {
		figure: 'Contacts lost (worst run)',
		eigi: S.count(lost.eigi),
		baseline: S.count(lost.http),
		ratio: '',
		goal: noneLost ? '0' : '',
		met: noneLost ? lost.eigi === 0 : null,
	};
}

module.exports = { sideWorkflows, runSide, compareSides, requestsRow, lostRow, peakMemoryRow };
