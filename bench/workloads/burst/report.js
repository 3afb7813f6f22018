'use strict';
// Workload 7's report: the table's rows over all runs, and each run's line of details.
const { executionsText } = require('../../lib/burst/executions');
const { postFailuresText } = require('../../lib/burst/posts');
const S = require('../../lib/stats');

/** The bench's bound for "eigi not hammered" (issue 12, point 2): 429s per accepted call. */
const MAX_429_PER_CALL = 3;
// The last lead called within 1.2 times the least the limit allows: few leads wait long.
const MAX_TIME_OF_IDEAL = 1.2;

/**
 * The least time until the last lead can be called: leads / R for a per-second limit (as the issue
 * states it); under a per-minute sliding window the first `count` go at once, then `count` a minute.
 */
function idealMs(limit, leads) {
	return limit.per === 's'
		? (leads / limit.count) * 1000
		: (Math.ceil(leads / limit.count) - 1) * 60_000;
}

function idealText(limit, leads) {
	return limit.per === 's'
		? `${leads} / ${limit.count} per s`
		: `the first ${limit.count} at once, then ${limit.count} a minute`;
}

/** "main 412 MB, worker-1 630 MB, ..." */
function peaksText(peakByGroupMb) {
	return Object.entries(peakByGroupMb ?? {})
		.map(([name, mb]) => `${name} ${S.megabytes(mb)}`)
		.join(', ');
}

/** The line printed as one run ends. */
function runLine(result, { limit, leadCount }) {
	const r = result;
	return (
		`${r.once} leads called once, ${r.notCalled} not called, ${r.duplicates} duplicate calls, ` +
		`${r.rateLimited} × 429 (${S.count(r.per429)} per accepted call; per lead median ${r.p50_429PerLead}, 90th ${r.p90_429PerLead}, max ${r.max429PerLead}), ` +
		`lead waited median ${S.seconds(r.p50WaitMs)}, max ${S.seconds(r.maxWaitMs)}, last lead's first request ${S.seconds(r.lastFirstRequestMs)} and last lead called ${S.seconds(r.lastCalledMs)} after the first post (ideal ${S.seconds(idealMs(limit, leadCount))}), ` +
		`peak ${S.megabytes(r.peakTreeMb)}${r.peakByRoleMb ? ` (${peaksText(r.peakByRoleMb)}; not counted: ${peaksText(r.peakServicesMb)})` : ''}${r.gaveUp ? `, GAVE UP waiting after ${S.seconds(r.waitedMs)}${r.quiet ? ' (nothing moved for 3 min)' : ''}` : ''}`
	);
}

/** One run's details in the report. */
function describe(r) {
	return (
		`${r.once} once / ${r.notCalled} not called / ${r.duplicates} duplicates, ${r.requests} requests (${r.accepted} accepted, ${r.rateLimited} × 429` +
		`${r.otherStatuses.length ? `, ${r.otherStatuses.map(([s, n]) => `${n} × ${s}`).join(', ')}` : ''}), ` +
		`429s per lead median ${r.p50_429PerLead} / 90th ${r.p90_429PerLead} / max ${r.max429PerLead}, ` +
		`post to call median ${S.seconds(r.p50WaitMs)} / max ${S.seconds(r.maxWaitMs)}, ` +
		`last lead's first request ${S.seconds(r.lastFirstRequestMs)} and last call ${S.seconds(r.lastCalledMs)} after the first post, ` +
		`slowest webhook answer ${S.seconds(r.slowestAnswerMs)}, ${S.megabytes(r.peakTreeMb)}` +
		`${r.peakByRoleMb ? ` (peaks: ${peaksText(r.peakByRoleMb)}; Postgres and Redis, not counted: ${peaksText(r.peakServicesMb)})` : ''}` +
		`${r.gaveUp ? `, gave up waiting after ${S.seconds(r.waitedMs)}${r.quiet ? ' (nothing moved for 3 min)' : ''}` : ''}` +
		postFailuresText(r) +
		`; executions ${executionsText(r.executions)}` +
		`${r.notCalledOutcomes.length ? `; not called: ${r.notCalledOutcomes.map(([o, n]) => `${n} × "${o}"`).join('; ')}` : ''}`
	);
}

/** The table's rows over all runs. */
function rows(results, { limit, leadCount, queue }) {
	const median = (pick) => S.median(results.map(pick));
	const worst = (pick) => Math.max(...results.map(pick));
	const ideal = idealMs(limit, leadCount);
	const lastCalled = median((r) => r.lastCalledMs);
	const per429 = median((r) => r.per429);
	const notCalled = worst((r) => r.notCalled);
	const duplicates = worst((r) => r.duplicates);
	const once = Math.min(...results.map((r) => r.once));
	// The run with the highest peak memory, for the memory row.
	const peakRun = results.reduce((a, b) => ((b.peakTreeMb ?? 0) > (a.peakTreeMb ?? 0) ? b : a));
	return [
		{
			figure: 'Leads called exactly once (worst run)',
			eigi: S.count(once),
			baseline: S.count(leadCount),
			ratio: S.percent(once / leadCount),
			goal: 'all',
			met: once === leadCount,
		},
		{
			figure: 'Leads not called (worst run)',
			eigi: S.count(notCalled),
			baseline: '',
			ratio: '',
			goal: '0',
			met: notCalled === 0,
		},
		{
			figure: 'Duplicate calls (worst run)',
			eigi: S.count(duplicates),
			baseline: '',
			ratio: '',
			goal: '0',
			met: duplicates === 0,
		},
		{
			figure: '429 answers per accepted call',
			eigi: S.count(per429),
			baseline: '',
			ratio: `${S.count(median((r) => r.rateLimited))} × 429 for ${S.count(median((r) => r.accepted))} calls`,
			goal: `≤ ${MAX_429_PER_CALL}`,
			met: per429 !== null && per429 <= MAX_429_PER_CALL,
		},
		{
			figure: 'Time from the first post until the last lead was called',
			eigi: S.seconds(lastCalled),
			baseline: `${S.seconds(ideal)} (ideal: ${idealText(limit, leadCount)})`,
			ratio: `${S.ratio(S.divide(lastCalled, ideal))} of ideal`,
			goal: `≤ ${MAX_TIME_OF_IDEAL}× of ideal`,
			met: lastCalled !== null && ideal !== null && lastCalled / ideal <= MAX_TIME_OF_IDEAL,
		},
		{
			figure:
				"of which until every lead's first request reached eigi (n8n starting the runs, and the wait in the node's line after a 429)",
			eigi: S.seconds(median((r) => r.lastFirstRequestMs)),
			baseline: '',
			ratio: `${S.ratio(
				S.divide(
					median((r) => r.lastFirstRequestMs),
					ideal,
				),
			)} of ideal`,
			goal: '',
			met: null,
		},
		{
			figure: queue
				? 'Peak memory of n8n (process trees of the main, both workers and the webhook processor, summed)'
				: 'Peak memory of n8n (process tree)',
			eigi: S.megabytes(peakRun.peakTreeMb),
			baseline: '',
			// Each role's own peak in that run, reached at different moments.
			ratio: queue ? `each one's peak: ${peaksText(peakRun.peakByRoleMb)}` : '',
			goal: '',
			met: null,
		},
	];
}

module.exports = { rows, describe, runLine };
