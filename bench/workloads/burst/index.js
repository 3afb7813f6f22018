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
//
// analyse.js works out a run's figures, timeline.js prints and saves its arrival pattern, report.js
// words them; the parts workload 9 shares are in bench/lib/burst/.
const { detail } = require('../../../tools/n8n-launcher/log');
const { login } = require('../../../tools/n8n-launcher/owner');
const { burstWorkflow } = require('../../lib/burst/workflow');
const { DEFAULT_LIMIT, parseLimit } = require('../../lib/burst/limit');
const { evenPosts, POST_WINDOW_MS } = require('../../lib/burst/posts');
const { finishedOf } = require('../../lib/burst/executions');
const { burstRound } = require('../../lib/burst/round');
const { checkedContacts } = require('../../lib/contacts');
const { QueueMode } = require('../../lib/queueMode');
const { SingleMode } = require('../../lib/singleMode');
const S = require('../../lib/stats');
const { analyse } = require('./analyse');
const { describe, rows, runLine } = require('./report');
const { writeTimeline } = require('./timeline');

const DEFAULT_LEADS = 500;
const ID = 'benchW7Burst0001';
const WEBHOOK_ID = 'bench-burst-webhook';
const PATH = 'bench-burst';
const SINK = 'burst';

function workflows(ctx) {
	return [
		burstWorkflow(ctx, {
			id: ID,
			name: 'bench 7: burst of single-lead runs (Webhook → eigi Outbound Call → sink)',
			webhookId: WEBHOOK_ID,
			path: PATH,
			sink: SINK,
		}),
	];
}

/** --burst-mode's values: how each sets n8n up. */
const MODES = {
	single: (ctx) => new SingleMode(ctx, PATH),
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

async function oneRun(ctx, session, leads, setup, limit) {
	const round = await burstRound(ctx, session, setup, {
		workflowId: ID,
		path: PATH,
		sink: SINK,
		limit,
		posts: evenPosts(leads),
		sampleMemory: true,
		sayPosted: true,
	});
	const { posted, memory } = round;
	const result = analyse(ctx.fake, SINK, leads, posted);
	writeTimeline(ctx, ctx.fake, posted);
	Object.assign(result, {
		gaveUp: round.gaveUp,
		quiet: round.quiet,
		waitedMs: round.waitedMs,
		postFailures: posted.failures.length,
		postFailureKinds: round.postFailures,
		slowestAnswerMs: posted.slowestAnswerMs,
		executions: round.executions,
		executionsFinished: finishedOf(round.executions),
		peakTreeMb: memory.n8n.peakTreeMb,
		// Each process group's own peak, when there are several (queue mode's roles).
		peakByRoleMb:
			Object.keys(memory.n8n.peakByGroupMb ?? {}).length > 1 ? memory.n8n.peakByGroupMb : null,
		peakServicesMb: Object.keys(memory.services.peakByGroupMb ?? {}).length
			? memory.services.peakByGroupMb
			: null,
		per429: S.divide(result.rateLimited, result.accepted),
	});
	detail(runLine(result, { limit, leadCount: leads.length }));
	for (const [outcome, times] of result.notCalledOutcomes)
		detail(`  not called ×${times}: ${outcome}`);
	if (result.otherStatuses.length)
		detail(
			`  other answers: ${result.otherStatuses.map(([status, times]) => `${status} ×${times}`).join(', ')}`,
		);
	return result;
}

async function run(ctx, { runs, limit: limitText, leads, mode }) {
	const limit = limitText ? parseLimit(limitText) : DEFAULT_LIMIT;
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
	const queue = modeName === 'queue';
	return {
		rows: rows(results, { limit, leadCount, queue }),
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
	parseLimit,
	parseMode,
};
