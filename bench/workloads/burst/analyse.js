'use strict';
// Workload 7's figures for one run: everything the fake and the sink saw, per lead.
const { calledCounts, firstCalledAt, isAccepted, numberOf } = require('../../lib/fakeStats');
const { outcomeOf, sinkItems } = require('../../lib/burst/outcomes');
const { percentile, tally } = require('../../lib/stats');

/** Why a lead that was not called has no call: its item's outcome, or what became of its post. */
function notCalledOutcome(lead, index, items, postFailed) {
	if (items.has(lead.ref)) return outcomeOf(items.get(lead.ref));
	if (!postFailed.has(index)) return 'no item reached the sink (post answered 200)';
	return postFailed.get(index).status === 0
		? 'no item: the post had no answer within 2 minutes and its run never reached the sink'
		: `no item: n8n answered the post ${postFailed.get(index).status}`;
}

/** Everything the fake and the sink `sink` saw, per lead. */
function analyse(fake, sink, leads, posted) {
	const postFailed = new Map(posted.failures.map((failure) => [failure.index, failure]));
	const outbound = fake.server.outboundRequests();
	const accepted = outbound.filter(isAccepted);
	const rateLimited = outbound.filter((request) => request.status === 429);
	const otherStatuses = tally(
		outbound
			.filter((request) => request.status !== 429 && !isAccepted(request))
			.map((request) => String(request.status)),
	);
	const called = calledCounts(fake);
	const per429 = new Map();
	for (const request of rateLimited) {
		const number = numberOf(request);
		per429.set(number, (per429.get(number) ?? 0) + 1);
	}
	// When each lead's first request reached the fake: how fast n8n got the leads to the node.
	const firstRequestAt = new Map();
	for (const request of outbound) {
		const number = numberOf(request);
		if (!firstRequestAt.has(number)) firstRequestAt.set(number, request.timeMs);
	}
	const calledAt = firstCalledAt(fake);
	const items = new Map(sinkItems(fake, sink).map(({ ref, item }) => [ref, item]));
	const once = leads.filter((lead) => called.get(lead.e164) === 1).length;
	const notCalled = leads.filter((lead) => !called.has(lead.e164));
	const duplicates = [...called.values()].reduce((sum, times) => sum + times - 1, 0);
	const lastCalledMs = accepted.length
		? Math.max(...accepted.map((request) => request.timeMs + (request.durationMs ?? 0)))
		: null;
	// From each lead's post to its accepted call.
	const waits = leads
		.map((lead, index) =>
			calledAt.has(lead.e164) ? calledAt.get(lead.e164) - posted.sentMs[index] : null,
		)
		.filter((ms) => ms !== null);
	const rateLimitedPerLead = leads.map((lead) => per429.get(lead.e164) ?? 0);
	return {
		requests: outbound.length,
		accepted: accepted.length,
		rateLimited: rateLimited.length,
		otherStatuses,
		callsPlaced: [...called.values()].reduce((sum, times) => sum + times, 0),
		once,
		notCalled: notCalled.length,
		notCalledOutcomes: tally(
			notCalled.map((lead) => notCalledOutcome(lead, leads.indexOf(lead), items, postFailed)),
		),
		calledOutcomes: tally(
			leads
				.filter((lead) => called.has(lead.e164))
				.map((lead) =>
					items.has(lead.ref) ? outcomeOf(items.get(lead.ref)).split(':')[0] : 'no item',
				),
		),
		duplicates,
		duplicatedNumbers: [...called.values()].filter((times) => times > 1).length,
		unexpected: [...called.keys()].filter((number) => !leads.some((lead) => lead.e164 === number))
			.length,
		sinkRecords: fake.server.sinkRecords(sink).length,
		lastCalledMs: lastCalledMs === null ? null : lastCalledMs - posted.firstPostMs,
		firstRequestMs: outbound.length ? outbound[0].timeMs - posted.firstPostMs : null,
		lastFirstRequestMs: firstRequestAt.size
			? Math.max(...firstRequestAt.values()) - posted.firstPostMs
			: null,
		leadsThatRequested: leads.filter((lead) => firstRequestAt.has(lead.e164)).length,
		max429PerLead: Math.max(0, ...per429.values()),
		p50_429PerLead: percentile(rateLimitedPerLead, 0.5),
		p90_429PerLead: percentile(rateLimitedPerLead, 0.9),
		p50WaitMs: percentile(waits, 0.5),
		maxWaitMs: waits.length ? Math.max(...waits) : null,
	};
}

module.exports = { analyse };
