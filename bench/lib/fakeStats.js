'use strict';
// What the fake eigi API saw during one run, read in-process (tools/fake-eigi/client.js starts it in
// this process): outbound requests, 429s, and which numbers were called how often and when.

/** Back to a clean fake with these options (rate limit, latency) for the next run. */
function resetFake(fake, options = {}) {
	fake.server.reset();
	if (Object.keys(options).length) fake.server.setOptions(options);
}

/** eigi accepted the request (2xx). */
function isAccepted(request) {
	return request.status >= 200 && request.status < 300;
}

/** How often each number was called: Map number → calls. */
function calledCounts(fake) {
	const counts = new Map();
	for (const number of fake.server.calledNumbers())
		counts.set(number, (counts.get(number) ?? 0) + 1);
	return counts;
}

/** The number a call request was for (single-lead runs send one number a request). */
function numberOf(request) {
	return request.body?.params?.[0]?.mobile_number ?? null;
}

/** When each number was first called: its first accepted request's answer. */
function firstCalledAt(fake) {
	const calledAt = new Map();
	for (const request of fake.server.outboundRequests()) {
		if (!isAccepted(request)) continue;
		const number = numberOf(request);
		if (!calledAt.has(number)) calledAt.set(number, request.timeMs + (request.durationMs ?? 0));
	}
	return calledAt;
}

/**
 * Requests sent, 429s, accepted requests, the time from the first request to the last accepted
 * one, and for the `expected` E.164 numbers: how many were never called (lost) and how many calls
 * repeated a number already called (duplicates).
 */
function outboundStats(fake, expected) {
	const outbound = fake.server.outboundRequests();
	const accepted = outbound.filter(isAccepted);
	const called = fake.server.calledNumbers();
	const counts = calledCounts(fake);
	let duplicates = 0;
	for (const times of counts.values()) duplicates += times - 1;
	const expectedSet = new Set(expected);
	const lost = expected.filter((number) => !counts.has(number)).length;
	const firstMs = outbound.length ? outbound[0].timeMs : null;
	const lastAccepted = accepted.at(-1);
	return {
		requests: outbound.length,
		rateLimited: outbound.filter((request) => request.status === 429).length,
		otherErrors: outbound.filter((request) => request.status !== 429 && !isAccepted(request))
			.length,
		accepted: accepted.length,
		callsPlaced: called.length,
		lost,
		duplicates,
		unexpected: [...counts.keys()].filter((number) => !expectedSet.has(number)).length,
		spanMs: lastAccepted ? lastAccepted.timeMs + (lastAccepted.durationMs ?? 0) - firstMs : null,
	};
}

module.exports = { resetFake, outboundStats, isAccepted, calledCounts, numberOf, firstCalledAt };
