'use strict';
// Workload 7, a burst of single-lead runs: a CRM fires one webhook per new lead, so n8n runs one
// execution per lead, each with one item, and batching cannot help. 500 leads (--burst-leads) are
// posted within about 10 s (evenly spread) to a published workflow, Webhook → eigi Outbound Call
// (Calling Hours Any Time) → HTTP Request posting the call node's output item to the fake's sink,
// against the fake eigi limited to 10 requests per second (eigi's 100/min Free plan, scaled;
// --burst-limit 100/min gives the plan unscaled). The call node's On Error is "Continue", so a
// lead that is not called still reaches the sink with what its item says.
//
// --burst-mode single (the default): one n8n with its default concurrency (unlimited: the bench's
// limit of 8 for workload 5 is lifted here unless --n8n-env sets one). --burst-mode queue: n8n in
// queue mode as the queue suite runs it (bench/lib/queueMode.js: a main, two workers with
// --concurrency=10 each, a webhook processor, Postgres and Redis); the leads are posted to the
// webhook processor, executions are counted through the main's REST API.
//
// Reported: leads called exactly once, leads not called (and their items' statuses and messages),
// duplicates, 429s received (in total, per accepted call, per lead), the time from the first post
// until the last lead was called against the ideal (leads / limit) and until the last lead's first
// request reached eigi, and peak memory of n8n (in queue mode the sum over its four
// processes' groups, and each one's peak). Waiting ends when the item of every lead
// whose post n8n accepted reached the sink, when nothing moved for 3 minutes, or 12 minutes after
// the last post.
const fs = require('node:fs');
const path = require('node:path');

const { detail } = require('../../tools/n8n-launcher/log');
const { login } = require('../../tools/n8n-launcher/owner');
const { checkedContacts } = require('../lib/contacts');
const { sampleGroups } = require('../lib/memory');
const { QueueMode } = require('../lib/queueMode');
const { resetFake } = require('../lib/fakeStats');
const B = require('../lib/leadBurst');
const S = require('../lib/stats');

const DEFAULT_LEADS = 500;
const POST_WINDOW_MS = 10_000;
/** eigi's Free plan (100 requests a minute) scaled to 10 a second; --burst-limit 100/min gives it unscaled. */
const DEFAULT_LIMIT = { count: 10, per: 's' };
/** The bench's bound for "eigi not hammered" (issue 12, point 2): 429s per accepted call. */
const MAX_429_PER_CALL = 3;
// The last lead called within 1.2 times the least the limit allows: few leads wait long.
const MAX_TIME_OF_IDEAL = 1.2;
const ID = 'benchW7Burst0001';
const WEBHOOK_ID = 'bench-burst-webhook';
const PATH = 'bench-burst';
const SINK = 'burst';

function workflows(ctx) {
	return [
		B.burstWorkflow(ctx, {
			id: ID,
			name: 'bench 7: burst of single-lead runs (Webhook → eigi Outbound Call → sink)',
			webhookId: WEBHOOK_ID,
			path: PATH,
			sink: SINK,
		}),
	];
}

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

/** Every lead at its own moment, spread evenly over POST_WINDOW_MS. */
function evenPosts(leads) {
	return leads.map((lead, index) => ({ lead, atMs: (index * POST_WINDOW_MS) / leads.length }));
}

/** Everything the fake and the sink saw, per lead. */
function analyse(fake, leads, posted) {
	const postFailed = new Map(posted.failures.map((failure) => [failure.index, failure]));
	const outbound = fake.server.outboundRequests();
	const { numberOf } = B;
	const accepted = outbound.filter((request) => request.status >= 200 && request.status < 300);
	const rateLimited = outbound.filter((request) => request.status === 429);
	const otherStatuses = B.tally(
		outbound
			.filter(
				(request) => request.status !== 429 && !(request.status >= 200 && request.status < 300),
			)
			.map((request) => String(request.status)),
	);
	const called = new Map();
	for (const number of fake.server.calledNumbers())
		called.set(number, (called.get(number) ?? 0) + 1);
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
	const calledAt = B.firstCalledAt(fake);
	const items = new Map(B.sinkItems(fake, SINK).map(({ ref, item }) => [ref, item]));
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
	return {
		requests: outbound.length,
		accepted: accepted.length,
		rateLimited: rateLimited.length,
		otherStatuses,
		callsPlaced: [...called.values()].reduce((sum, times) => sum + times, 0),
		once,
		notCalled: notCalled.length,
		notCalledOutcomes: B.tally(
			notCalled.map((lead) =>
				items.has(lead.ref)
					? B.outcomeOf(items.get(lead.ref))
					: postFailed.has(leads.indexOf(lead))
						? postFailed.get(leads.indexOf(lead)).status === 0
							? 'no item: the post had no answer within 2 minutes and its run never reached the sink'
							: `no item: n8n answered the post ${postFailed.get(leads.indexOf(lead)).status}`
						: 'no item reached the sink (post answered 200)',
			),
		),
		calledOutcomes: B.tally(
			leads
				.filter((lead) => called.has(lead.e164))
				.map((lead) =>
					items.has(lead.ref) ? B.outcomeOf(items.get(lead.ref)).split(':')[0] : 'no item',
				),
		),
		duplicates,
		duplicatedNumbers: [...called.values()].filter((times) => times > 1).length,
		unexpected: [...called.keys()].filter((number) => !leads.some((lead) => lead.e164 === number))
			.length,
		sinkRecords: fake.server.sinkRecords(SINK).length,
		lastCalledMs: lastCalledMs === null ? null : lastCalledMs - posted.firstPostMs,
		firstRequestMs: outbound.length ? outbound[0].timeMs - posted.firstPostMs : null,
		lastFirstRequestMs: firstRequestAt.size
			? Math.max(...firstRequestAt.values()) - posted.firstPostMs
			: null,
		leadsThatRequested: leads.filter((lead) => firstRequestAt.has(lead.e164)).length,
		max429PerLead: Math.max(0, ...per429.values()),
		p50_429PerLead: B.percentile(
			leads.map((lead) => per429.get(lead.e164) ?? 0),
			0.5,
		),
		p90_429PerLead: B.percentile(
			leads.map((lead) => per429.get(lead.e164) ?? 0),
			0.9,
		),
		p50WaitMs: B.percentile(waits, 0.5),
		maxWaitMs: waits.length ? Math.max(...waits) : null,
	};
}

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
		const number = B.numberOf(request);
		const atMs = request.timeMs - posted.firstPostMs;
		const bucket = (buckets[Math.floor(atMs / 10_000)] ??= { first: 0, accepted: 0, limited: 0 });
		if (!seen.has(number)) {
			seen.add(number);
			bucket.first++;
		}
		if (request.status === 429) bucket.limited++;
		else if (request.status >= 200 && request.status < 300) bucket.accepted++;
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
let counterFile = 0;

/** --burst-mode's values: how each sets n8n up. */
const MODES = {
	single: (ctx) => new B.SingleMode(ctx, PATH),
	queue: (ctx) =>
		new QueueMode(ctx, { workflows: workflows(ctx), publish: [ID], webhookPaths: [PATH] }),
};

/** --burst-mode's value, checked: single (the default) or queue. */
function parseMode(text) {
	const mode = text ?? 'single';
	if (!Object.hasOwn(MODES, mode))
		throw new Error(`--burst-mode takes ${Object.keys(MODES).join(' or ')}, not "${text}"`);
	return mode;
}

/** "main 412 MB, worker-1 630 MB, ..." */
function peaksText(peakByGroupMb) {
	return Object.entries(peakByGroupMb ?? {})
		.map(([name, mb]) => `${name} ${S.megabytes(mb)}`)
		.join(', ');
}

async function oneRun(ctx, session, leads, setup, limit) {
	const { fake } = ctx;
	resetFake(fake, { rateLimit: B.limitOptions(limit) });
	const before = await B.executionsByStatus(session, ID);
	const sampler = sampleGroups(setup.processes());
	const servicesSampler = sampleGroups(setup.serviceProcesses());
	const posted = await B.postLeads(`${setup.webhookBaseUrl}/webhook/${PATH}`, evenPosts(leads));
	detail(
		`posted ${posted.count} leads in ${S.seconds(posted.lastPostMs - posted.firstPostMs)}, ${posted.failures.length} not answered 200, slowest answer ${S.seconds(posted.slowestAnswerMs)}`,
	);
	const postFailures = B.postFailureKinds(posted.failures);
	for (const [kind, times] of postFailures) detail(`  ×${times}: ${kind}`);
	const { gaveUp, quiet } = await B.waitForOutcomes(fake, session, {
		workflowId: ID,
		sink: SINK,
		finishedBefore: B.finishedOf(before),
		posted,
	});
	const waitedMs = Date.now() - posted.firstPostMs;
	const memory = sampler.stop();
	const servicesMemory = servicesSampler.stop();
	const result = analyse(fake, leads, posted);
	writeTimeline(ctx, fake, posted);
	const executions = B.executionsSince(before, await B.executionsByStatus(session, ID));
	Object.assign(result, {
		gaveUp,
		quiet,
		waitedMs,
		postFailures: posted.failures.length,
		postFailureKinds: postFailures,
		slowestAnswerMs: posted.slowestAnswerMs,
		executions,
		executionsFinished: B.finishedOf(executions),
		peakTreeMb: memory.peakTreeMb,
		// Each process group's own peak, when there are several (queue mode's roles).
		peakByRoleMb: Object.keys(memory.peakByGroupMb ?? {}).length > 1 ? memory.peakByGroupMb : null,
		peakServicesMb: Object.keys(servicesMemory.peakByGroupMb ?? {}).length
			? servicesMemory.peakByGroupMb
			: null,
		per429: S.divide(result.rateLimited, result.accepted),
	});
	detail(
		`${result.once} leads called once, ${result.notCalled} not called, ${result.duplicates} duplicate calls, ` +
			`${result.rateLimited} × 429 (${S.count(result.per429)} per accepted call; per lead median ${result.p50_429PerLead}, 90th ${result.p90_429PerLead}, max ${result.max429PerLead}), ` +
			`lead waited median ${S.seconds(result.p50WaitMs)}, max ${S.seconds(result.maxWaitMs)}, last lead's first request ${S.seconds(result.lastFirstRequestMs)} and last lead called ${S.seconds(result.lastCalledMs)} after the first post (ideal ${S.seconds(idealMs(limit, leads.length))}), ` +
			`peak ${S.megabytes(result.peakTreeMb)}${result.peakByRoleMb ? ` (${peaksText(result.peakByRoleMb)}; not counted: ${peaksText(result.peakServicesMb)})` : ''}${gaveUp ? `, GAVE UP waiting after ${S.seconds(waitedMs)}${quiet ? ' (nothing moved for 3 min)' : ''}` : ''}`,
	);
	for (const [outcome, times] of result.notCalledOutcomes)
		detail(`  not called ×${times}: ${outcome}`);
	if (result.otherStatuses.length)
		detail(
			`  other answers: ${result.otherStatuses.map(([status, times]) => `${status} ×${times}`).join(', ')}`,
		);
	return result;
}

async function run(ctx, { runs, limit: limitText, leads, mode }) {
	const limit = limitText ? B.parseLimit(limitText) : DEFAULT_LIMIT;
	const leadCount = leads ?? DEFAULT_LEADS;
	const contacts = checkedContacts(leadCount);
	const modeName = parseMode(mode);
	const setup = MODES[modeName](ctx);
	const results = [];
	try {
		await setup.start();
		// Executions are counted through the REST API of the main (the only n8n in single mode).
		const session = await login(setup.restBaseUrl);
		for (let i = 0; i < runs; i++) results.push(await oneRun(ctx, session, contacts, setup, limit));
	} finally {
		await setup.stop();
	}
	const median = (pick) => S.median(results.map(pick));
	const worst = (pick) => Math.max(...results.map(pick));
	const ideal = idealMs(limit, leadCount);
	const lastCalled = median((r) => r.lastCalledMs);
	const per429 = median((r) => r.per429);
	const notCalled = worst((r) => r.notCalled);
	const duplicates = worst((r) => r.duplicates);
	const once = Math.min(...results.map((r) => r.once));
	const queue = modeName === 'queue';
	// The run with the highest peak memory, for the memory row.
	const peakRun = results.reduce((a, b) => ((b.peakTreeMb ?? 0) > (a.peakTreeMb ?? 0) ? b : a));
	const describe = (r) =>
		`${r.once} once / ${r.notCalled} not called / ${r.duplicates} duplicates, ${r.requests} requests (${r.accepted} accepted, ${r.rateLimited} × 429` +
		`${r.otherStatuses.length ? `, ${r.otherStatuses.map(([s, n]) => `${n} × ${s}`).join(', ')}` : ''}), ` +
		`429s per lead median ${r.p50_429PerLead} / 90th ${r.p90_429PerLead} / max ${r.max429PerLead}, ` +
		`post to call median ${S.seconds(r.p50WaitMs)} / max ${S.seconds(r.maxWaitMs)}, ` +
		`last lead's first request ${S.seconds(r.lastFirstRequestMs)} and last call ${S.seconds(r.lastCalledMs)} after the first post, ` +
		`slowest webhook answer ${S.seconds(r.slowestAnswerMs)}, ${S.megabytes(r.peakTreeMb)}` +
		`${r.peakByRoleMb ? ` (peaks: ${peaksText(r.peakByRoleMb)}; Postgres and Redis, not counted: ${peaksText(r.peakServicesMb)})` : ''}` +
		`${r.gaveUp ? `, gave up waiting after ${S.seconds(r.waitedMs)}${r.quiet ? ' (nothing moved for 3 min)' : ''}` : ''}` +
		`${r.postFailures ? `, ${r.postFailures} posts not answered 200 (${r.postFailureKinds.map(([k, n]) => `${n} × ${k.slice(0, 120)}`).join('; ')})` : ''}` +
		`; executions ${Object.entries(r.executions)
			.filter(([, n]) => n)
			.map(([s, n]) => `${s} ${n}`)
			.join(', ')}` +
		`${r.notCalledOutcomes.length ? `; not called: ${r.notCalledOutcomes.map(([o, n]) => `${n} × "${o}"`).join('; ')}` : ''}`;
	return {
		rows: [
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
		],
		details: results.map(describe),
		runs: `${runs}, eigi limit ${limit.count}/${limit.per}, ${setup.describe()}`,
		title: `Burst of single-lead runs (${leadCount} webhook posts in ${POST_WINDOW_MS / 1000} s, eigi limit ${limit.count}/${limit.per}; ${queue ? 'queue mode, 2 workers' : 'single n8n'})`,
	};
}

module.exports = {
	id: 7,
	title: `Burst of single-lead runs (${DEFAULT_LEADS} webhook posts in ${POST_WINDOW_MS / 1000} s unless --burst-leads, eigi limit ${DEFAULT_LIMIT.count}/${DEFAULT_LIMIT.per} unless --burst-limit, single n8n unless --burst-mode queue)`,
	workflows,
	publish: [ID],
	run,
	parseLimit: B.parseLimit,
	parseMode,
};
