'use strict';
// Workloads that run eigi's node against the HTTP Request baseline (1 and 2): each side's medians
// and worst losses, and the rows both report alike.
const S = require('./stats');

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

module.exports = { compareSides, requestsRow, peakMemoryRow };
