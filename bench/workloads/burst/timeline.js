'use strict';
// Workload 7's arrival pattern: per 10 s from the first post, leads whose first request reached the
// fake, accepted calls and 429s; printed, and saved with every request for a replay elsewhere.
const fs = require('node:fs');
const path = require('node:path');

const { detail } = require('../../../tools/n8n-launcher/log');
const { isAccepted, numberOf } = require('../../lib/fakeStats');

let counterFile = 0;

/**
 * Per 10 s from the first post: leads whose first request reached the fake, accepted calls, 429s.
 * Printed, and saved with every request's time, number and status in the n8n user folder
 * (kept with --keep), to replay the arrival pattern elsewhere.
 */
function writeTimeline(ctx, fake, posted) {
	const outbound = fake.server.outboundRequests();
	const seen = new Set();
	const buckets = [];
	const rows = outbound.map((request) => {
		const number = numberOf(request);
		const atMs = request.timeMs - posted.firstPostMs;
		const bucket = (buckets[Math.floor(atMs / 10_000)] ??= { first: 0, accepted: 0, limited: 0 });
		if (!seen.has(number)) {
			seen.add(number);
			bucket.first++;
		}
		if (request.status === 429) bucket.limited++;
		else if (isAccepted(request)) bucket.accepted++;
		return [atMs, number, request.status];
	});
	detail(
		`  per 10 s (first requests/accepted/429s): ${Array.from(buckets, (b) => (b ? `${b.first}/${b.accepted}/${b.limited}` : '0/0/0')).join(' ')}`,
	);
	counterFile += 1;
	fs.writeFileSync(
		path.join(ctx.userFolder, `burst-timeline-${counterFile}.json`),
		JSON.stringify({ postsMs: posted.sentMs.map((ms) => ms - posted.firstPostMs), requests: rows }),
	);
}

module.exports = { writeTimeline };
