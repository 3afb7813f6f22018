'use strict';
// Workload 9, a duplicate burst (issue 21): a CRM posts each new lead twice (its webhook retried
// after a slow answer). 100 leads (--duplicate-leads) are posted within 10 s, evenly spread, to a
// published workflow Webhook → eigi Outbound Call with Contact Policy "Skip Numbers Called
// Recently" (24 hours) → sink (bench/lib/burst/, as workload 7), in one n8n with its default
// concurrency, against the fake eigi limited to 10 requests a second (--duplicate-limit; the limit
// counts history reads as well as call requests). Each lead is posted a second time 0 to 3 s after
// its first post (the gaps spread evenly over the leads, in no particular order). In the same run,
// the baseline: the same burst of other numbers, each posted once; the two sides alternate when
// --duplicate-runs gives several pairs (each side gets numbers of its own, so no side sees another
// side's calls).
//
// Reported: leads called twice and leads not called (goal 0 each), what the runs' items said,
// the time from the first post until the last lead was first called, with duplicates against
// without (goal close to 1: duplicates should cost only their history reads), and the requests
// eigi accepted (history reads and call requests) and refused with 429, which is what the limit
// alone makes of the two sides.
const { detail } = require('../../tools/n8n-launcher/log');
const { login } = require('../../tools/n8n-launcher/owner');
const { executionsText } = require('../lib/burst/executions');
const { DEFAULT_LIMIT, parseLimit } = require('../lib/burst/limit');
const { outcomeOf, sinkItems } = require('../lib/burst/outcomes');
const { evenPosts, POST_WINDOW_MS, postFailuresText } = require('../lib/burst/posts');
const { burstRound } = require('../lib/burst/round');
const { burstWorkflow } = require('../lib/burst/workflow');
const { checkedContacts } = require('../lib/contacts');
const { calledCounts, firstCalledAt, isAccepted } = require('../lib/fakeStats');
const { SingleMode } = require('../lib/singleMode');
const S = require('../lib/stats');

const DEFAULT_LEADS = 100;
const MAX_GAP_MS = 3_000;
const ID = 'benchW9Dupes0001';
const PATH = 'bench-duplicates';
const SINK = 'duplicates';
const CONVERSATIONS = '/v1/public/conversations';

function workflows(ctx) {
	return [
		burstWorkflow(ctx, {
			id: ID,
			name: 'bench 9: duplicate burst (Webhook → eigi Outbound Call, Skip Numbers Called Recently → sink)',
			webhookId: 'bench-duplicates-webhook',
			path: PATH,
			sink: SINK,
			callParameters: { contactPolicy: 'skipRecent', skipCalledWithinHours: 24 },
		}),
	];
}

/**
 * Each lead at its moment within POST_WINDOW_MS; with `duplicates`, again 0 to MAX_GAP_MS later
 * (golden-ratio steps: evenly spread gaps, unrelated to the lead's place in the burst).
 */
function schedule(leads, duplicates) {
	const first = evenPosts(leads);
	if (!duplicates) return first;
	const again = first.map(({ lead, atMs }, index) => ({
		lead,
		atMs: atMs + MAX_GAP_MS * ((index * 0.6180339887) % 1),
	}));
	return [...first, ...again].sort((a, b) => a.atMs - b.atMs);
}

async function oneSide(ctx, session, setup, { leads, limit, duplicates }) {
	const { fake } = ctx;
	const { posted, postFailures, gaveUp, executions } = await burstRound(ctx, session, setup, {
		workflowId: ID,
		path: PATH,
		sink: SINK,
		limit,
		posts: schedule(leads, duplicates),
	});

	const called = calledCounts(fake);
	const calledAt = firstCalledAt(fake);
	const firstCalls = leads.filter((lead) => calledAt.has(lead.e164));
	const requests = fake.server.requests;
	const result = {
		duplicates,
		posts: posted.count,
		twice: leads.filter((lead) => (called.get(lead.e164) ?? 0) > 1).length,
		notCalled: leads.length - firstCalls.length,
		lastCalledMs: firstCalls.length
			? Math.max(...firstCalls.map((lead) => calledAt.get(lead.e164))) - posted.firstPostMs
			: null,
		reads: requests.filter((r) => r.method === 'GET' && r.path === CONVERSATIONS && isAccepted(r))
			.length,
		calls: fake.server.outboundRequests().filter(isAccepted).length,
		rateLimited: requests.filter((r) => r.status === 429).length,
		outcomes: S.tally(sinkItems(fake, SINK).map(({ item }) => outcomeOf(item).split(':')[0])),
		postFailures: posted.failures.length,
		postFailureKinds: postFailures,
		slowestAnswerMs: posted.slowestAnswerMs,
		gaveUp,
		executions,
	};
	detail(`${sideName(duplicates)}: ${describe(result)}`);
	return result;
}

function sideName(duplicates) {
	return duplicates ? 'each lead posted twice' : 'each lead posted once';
}

const outcomesText = (outcomes) => outcomes.map(([status, n]) => `${n} ${status}`).join(', ');

function describe(r) {
	return (
		`${r.posts} posts, ${r.twice} leads called twice, ${r.notCalled} not called, ` +
		`last lead called ${S.seconds(r.lastCalledMs)} after the first post, ` +
		`${r.reads} history reads + ${r.calls} calls accepted, ${r.rateLimited} × 429, ` +
		`items: ${outcomesText(r.outcomes)}, slowest webhook answer ${S.seconds(r.slowestAnswerMs)}` +
		`${r.gaveUp ? ', GAVE UP waiting' : ''}` +
		postFailuresText(r) +
		`; executions ${executionsText(r.executions)}`
	);
}

async function run(ctx, { runs, leads, limit: limitText }) {
	const limit = limitText ? parseLimit(limitText, '--duplicate-limit') : DEFAULT_LIMIT;
	const leadCount = leads ?? DEFAULT_LEADS;
	// Numbers of their own for every side of every pair.
	const contacts = checkedContacts(2 * runs * leadCount);
	const setup = new SingleMode(ctx, PATH);
	const pairs = [];
	try {
		await setup.start();
		const session = await login(setup.restBaseUrl);
		for (let i = 0; i < runs; i++) {
			const pair = {};
			// Alternating which side goes first.
			for (const duplicates of i % 2 ? [true, false] : [false, true]) {
				const slice = (2 * i + (duplicates ? 1 : 0)) * leadCount;
				pair[duplicates ? 'with' : 'without'] = await oneSide(ctx, session, setup, {
					leads: contacts.slice(slice, slice + leadCount),
					limit,
					duplicates,
				});
			}
			pairs.push(pair);
		}
	} finally {
		await setup.stop();
	}
	const worst = (side, pick) => Math.max(...pairs.map((pair) => pick(pair[side])));
	const median = (side, pick) => S.median(pairs.map((pair) => pick(pair[side])));
	const pairRatio = (pick) =>
		S.median(pairs.map((pair) => S.divide(pick(pair.with), pick(pair.without))));
	const accepted = (r) => r.reads + r.calls;
	/** A count that must be 0 for eigi: its worst run with the policy, the baseline's without. */
	const noneRow = (figure, pick) => {
		const eigi = worst('with', pick);
		return {
			figure,
			eigi: S.count(eigi),
			baseline: S.count(worst('without', pick)),
			ratio: '',
			goal: '0',
			met: eigi === 0,
		};
	};
	const requestsText = (side) =>
		`${S.count(median(side, (r) => r.reads))} reads + ${S.count(median(side, (r) => r.calls))} calls (${S.count(median(side, (r) => r.rateLimited))} × 429)`;
	return {
		rows: [
			noneRow('Leads called twice (worst run)', (r) => r.twice),
			noneRow('Leads not called (worst run)', (r) => r.notCalled),
			{
				figure: "The runs' items (first run)",
				eigi: outcomesText(pairs[0].with.outcomes),
				baseline: outcomesText(pairs[0].without.outcomes),
				ratio: '',
				goal: `${leadCount} initiated, ${leadCount} skipped`,
				met: null,
			},
			{
				figure: 'Time from the first post until the last lead was called',
				eigi: S.seconds(median('with', (r) => r.lastCalledMs)),
				baseline: S.seconds(median('without', (r) => r.lastCalledMs)),
				ratio: `${S.ratio(pairRatio((r) => r.lastCalledMs))} of without`,
				goal: 'close to 1×',
				met: null,
			},
			{
				figure: 'Requests eigi accepted (what the limit alone makes of the time ratio)',
				eigi: requestsText('with'),
				baseline: requestsText('without'),
				ratio: `${S.ratio(pairRatio(accepted))} of without`,
				goal: '',
				met: null,
			},
		],
		details: pairs.map(
			(pair, i) =>
				`pair ${i + 1} (${i % 2 ? 'with' : 'without'} duplicates first): with duplicates: ${describe(pair.with)}; without: ${describe(pair.without)}`,
		),
		runs: `${runs} pair${runs === 1 ? '' : 's'}, eigi limit ${limit.count}/${limit.per}, ${setup.describe()}`,
		title: `Duplicate burst (${leadCount} leads in ${POST_WINDOW_MS / 1000} s, each posted twice 0 to ${MAX_GAP_MS / 1000} s apart, against each posted once; Skip Numbers Called Recently; eigi limit ${limit.count}/${limit.per}; single n8n)`,
	};
}

module.exports = {
	id: 9,
	title: `Duplicate burst (${DEFAULT_LEADS} leads each posted twice unless --duplicate-leads, eigi limit ${DEFAULT_LIMIT.count}/${DEFAULT_LIMIT.per} unless --duplicate-limit, single n8n)`,
	workflows,
	publish: [ID],
	run,
};
