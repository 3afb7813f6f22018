'use strict';
// Issue 21: a CRM posts each new lead twice (its webhook retried), and the two runs of one lead
// overlap. In the real n8n, published workflows Webhook (Respond: Immediately) → eigi Outbound
// Call (On Error: continue, Calling Hours: Any Time, Default Country US), the fake eigi limited to
// 5 requests a second, a burst of leads each posted twice with gaps from 0 ms to 5 s:
//   - Skip Numbers Called Recently: every lead called exactly once, the other run `skipped`
//     with the earlier call;
//   - Redial Until Reached: every lead called exactly once, the other run `held` by the policy;
//   - two workflows on one credential, each lead posted to both: every lead called once;
//   - Call Every Item (the default): every post called, as before (the burst does make two runs
//     of one lead call, when nothing stops them);
// and, run with `n8n execute`, an AI Agent whose model calls the eigi tool twice for the same
// number in one turn (Skip Numbers Called Recently): one call, at typeVersion 3 (n8n 2.40.7 and
// 2.0.0 hand the tool calls to the engine as an EngineRequest, and n8n-core's WorkflowExecute
// runs them one after the other from its node execution stack) and at 2.2 (LangChain's
// AgentExecutor runs them side by side, Promise.all). What is checked comes from the fake's call
// log and from n8n's own executions (REST, as the editor's list shows them).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const wf = require('../../../tools/n8n-launcher/workflows');
const { detail } = require('../../../tools/n8n-launcher/log');
const { login } = require('../../../tools/n8n-launcher/owner');
const { Executions } = require('../lib/executions');
const { assertSucceeded } = require('../lib/runData');
const dup = require('../lib/duplicateLeads');
const agent = require('./agent');

const IDS = {
	skip: 'e2eDupLeadsSkip1',
	redial: 'e2eDupLeadsRedl1',
	sharedA: 'e2eDupSharedCrA1',
	sharedB: 'e2eDupSharedCrB1',
	every: 'e2eDupEveryItem1',
	agentV2: 'e2eDupAgentV2Tw1',
};
const PATHS = {
	skip: 'e2e-dup-skip',
	redial: 'e2e-dup-redial',
	sharedA: 'e2e-dup-shared-a',
	sharedB: 'e2e-dup-shared-b',
	every: 'e2e-dup-every',
};
const WEBHOOK_NODE = 'New lead';
const CALL_NODE = 'eigi Outbound Call';
const RATE_LIMIT = { requestsPerSecond: 5 };
const MAX_ATTEMPTS = 3;
const MIN_GAP_MINUTES = 120;
// Which of a lead's two runs calls is not asserted, only reported: a run claims the number once
// its history read is answered, and under the rate limit the reads wait in one line and may be
// answered side by side, so even a run posted a second later can claim first (seen once at 1 s).

const LEADS = {
	skip: dup.makeLeads({ prefix: 'dup-skip', count: 40, firstLine: 6000 }),
	redial: dup.makeLeads({ prefix: 'dup-redial', count: 20, firstLine: 6100 }),
	shared: dup.makeLeads({ prefix: 'dup-shared', count: 20, firstLine: 6200 }),
	every: dup.makeLeads({ prefix: 'dup-every', count: 10, firstLine: 6300 }),
};

function leadWorkflow(agentId, id, name, webhookPath, policy) {
	const hook = wf.node(
		WEBHOOK_NODE,
		'n8n-nodes-base.webhook',
		2,
		{ httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
		{ webhookId: `e2e-dup-${id}` },
	);
	const call = wf.callNode(
		CALL_NODE,
		wf.initiateParameters(agentId, {
			phoneNumber: '={{ $json.body.phone }}',
			...policy,
			options: { defaultCountry: 'US' },
		}),
		{ onError: 'continueRegularOutput' },
	);
	return wf.chain(id, name, [hook, call]);
}

const SKIP_RECENT = { contactPolicy: 'skipRecent', skipCalledWithinHours: 24 };
const REDIAL = {
	contactPolicy: 'redial',
	maxAttempts: MAX_ATTEMPTS,
	hoursBetweenAttempts: MIN_GAP_MINUTES / 60,
};

function workflows(ctx) {
	const lead = (...args) => leadWorkflow(ctx.agentId, ...args);
	return [
		lead(IDS.skip, 'e2e: duplicate leads, Skip Numbers Called Recently', PATHS.skip, SKIP_RECENT),
		lead(IDS.redial, 'e2e: duplicate leads, Redial Until Reached', PATHS.redial, REDIAL),
		lead(IDS.sharedA, 'e2e: duplicate leads, shared credential A', PATHS.sharedA, SKIP_RECENT),
		lead(IDS.sharedB, 'e2e: duplicate leads, shared credential B', PATHS.sharedB, SKIP_RECENT),
		lead(IDS.every, 'e2e: duplicate leads, Call Every Item', PATHS.every, {
			contactPolicy: 'none',
		}),
		// The AI Agent of agent.js at typeVersion 2.2, whose LangChain executor runs the tool calls
		// of one turn side by side (agent.js's IDS.calledWithin is the same at typeVersion 3).
		agent.agentWorkflow(
			IDS.agentV2,
			'e2e: AI Agent 2.2, eigi tool with Skip Numbers Called Recently',
			agent.eigiTool(ctx.agentId, SKIP_RECENT),
			ctx.openAi,
			{ agentVersion: 2.2 },
		),
	];
}

const PUBLISH = [IDS.skip, IDS.redial, IDS.sharedA, IDS.sharedB, IDS.every];
const WEBHOOK_PATHS = PUBLISH.map((id) => pathOf(id));

/**
 * What is wrong with each lead's pair of runs, when exactly one call per lead is the rule: `loser`
 * is the status the run that does not call must have, `check(item, winner)` its further facts.
 */
function pairProblems(records, { loser, check }) {
	const problems = [];
	for (const record of records) {
		const label = `${record.lead} ${record.e164} (gap ${record.gapMs} ms)`;
		if (record.calls !== 1) problems.push(`${label}: called ${record.calls} times`);
		const posts = record.runs.map((run) => run.post).join(',');
		if (posts !== '1,2') {
			problems.push(`${label}: runs for posts [${posts}], expected one run per post`);
			continue;
		}
		for (const run of record.runs)
			if (run.runError)
				problems.push(`${label}: execution ${run.executionId} failed: ${run.runError}`);
		const statuses = record.runs.map((run) => run.status);
		const winner = record.runs.find((run) => run.status === 'initiated');
		const other = record.runs.find((run) => run !== winner);
		if (!winner || other.status !== loser) {
			problems.push(
				`${label}: post 1's run ${statuses[0]}, post 2's ${statuses[1]} (expected one initiated, one ${loser})`,
			);
			continue;
		}
		if (winner.item.callPlaced !== 'yes')
			problems.push(`${label}: the calling run says callPlaced ${winner.item.callPlaced}`);
		if (other.item.callPlaced !== 'no')
			problems.push(`${label}: the ${loser} run says callPlaced ${other.item.callPlaced}`);
		for (const problem of check(other.item, winner)) problems.push(`${label}: ${problem}`);
	}
	return problems;
}

/**
 * A skipped item names the call before it: its conversation once eigi listed it or answered with
 * its id, and, while another run of this n8n places it, that run (`placedByExecution`). Whatever
 * it names must be the lead's other run.
 */
function checkSkipped(item, winner) {
	const earlier = item.earlierCall;
	if (!earlier || typeof earlier !== 'object')
		return [`skipped without earlierCall: ${JSON.stringify(item)}`];
	const problems = [];
	const text = JSON.stringify(earlier);
	const conversation = earlier.conversationId ?? null;
	const byExecution = earlier.placedByExecution?.executionId ?? null;
	if (conversation === null && byExecution === null)
		problems.push(`earlierCall ${text} names neither a conversation nor an execution`);
	if (conversation !== null && conversation !== winner.item.conversationId)
		problems.push(
			`earlierCall names conversation ${conversation}, the call was ${winner.item.conversationId}`,
		);
	if (byExecution !== null && String(byExecution) !== winner.executionId)
		problems.push(
			`earlierCall names execution ${byExecution}, the call was placed by ${winner.executionId}`,
		);
	if (!/Skip Numbers Called Recently/.test(String(item.message)))
		problems.push(`skipped with the message "${item.message}"`);
	return problems;
}

function checkHeld(item) {
	const problems = [];
	if (item.heldBy !== 'contactPolicy') problems.push(`held by ${item.heldBy}`);
	const from = Date.parse(item.callableFrom);
	if (!(from > Date.now())) problems.push(`callableFrom ${item.callableFrom} is not in the future`);
	return problems;
}

/** "post 2's run did not call: 7 of 8 at gap 0 ms, ..." */
function describeOrder(records) {
	const gaps = [...new Set(records.map((record) => record.gapMs))].sort((a, b) => a - b);
	return gaps
		.map((gap) => {
			const atGap = records.filter((record) => record.gapMs === gap && record.runs.length === 2);
			const second = atGap.filter(
				(record) => record.runs[1].status !== 'initiated' && record.runs[0].status === 'initiated',
			).length;
			return `${second} of ${atGap.length} at ${gap} ms`;
		})
		.join(', ');
}

function tests(ctx) {
	const { n8n, fake } = ctx;
	const url = (webhookPath) => `${n8n.baseUrl}/webhook/${webhookPath}`;
	let executions;
	const findings = {};

	async function session() {
		executions ??= new Executions(await login(n8n.baseUrl), n8n.runtime);
		return executions;
	}

	/**
	 * Posts `leads` twice each (`urlFor(lead, post)`), waits for the runs of `workflowIds` to end,
	 * and returns each lead's record: its calls at the fake, its runs with the eigi node's item.
	 */
	async function burst(name, leads, workflowIds, urlFor) {
		const list = await session();
		const before = new Map();
		for (const id of workflowIds)
			before.set(id, new Set((await list.list(id)).map((e) => String(e.id))));
		await fake.reset({ rateLimit: RATE_LIMIT, responseShape: 'results' });
		const started = Date.now();
		const posts = await dup.postPairs(leads, urlFor);
		const postedS = (Date.now() - started) / 1000;
		const refused = posts.filter((p) => p.status !== 200);
		assert.deepEqual(
			refused
				.slice(0, 5)
				.map((p) => `${p.lead} post ${p.post}: ${p.status} ${p.text.slice(0, 200)}`),
			[],
			`${refused.length} of ${posts.length} posts not answered 200`,
		);
		// Each workflow's runs: as many as posts went to it.
		const outcomes = [];
		for (const id of workflowIds) {
			const expected = posts.filter((p) => p.url.includes(`/${pathOf(id)}`)).length;
			const all = await list.waitForAll(id, before.get(id).size + expected, { timeoutMs: 150000 });
			const fresh = all.filter((e) => !before.get(id).has(String(e.id)));
			assert.equal(fresh.length, expected, `${id}: one execution per post`);
			const statuses = fresh.map((e) => e.status);
			assert.ok(
				statuses.every((status) => status === 'success'),
				`${id}: executions ended ${JSON.stringify(countOf(statuses))}`,
			);
			for (const execution of fresh) {
				const run = await list.run(execution.id);
				outcomes.push(
					dup.runOutcome(run.data, {
						executionId: execution.id,
						workflowId: id,
						webhookNode: WEBHOOK_NODE,
						callNode: CALL_NODE,
					}),
				);
			}
		}
		const doneS = (Date.now() - started) / 1000;
		const calls = await fake.calls();
		const stats = await fake.admin('GET', '/stats');
		const records = dup.perLead(leads, posts, outcomes, calls);
		const rows = dup.byGap(records);
		detail(
			`${posts.length} posts in ${postedS.toFixed(1)} s; all ${outcomes.length} runs done ${doneS.toFixed(1)} s after the first; eigi: ${stats.requests} requests, ${stats.rateLimited} refused (429), ${calls.length} calls`,
		);
		for (const line of dup.describeByGap(rows)) detail(line);
		findings[name] = {
			rows,
			requests: stats.requests,
			rateLimited: stats.rateLimited,
			doneS,
			records,
		};
		fs.writeFileSync(
			path.join(n8n.userFolder, 'duplicates-findings.json'),
			`${JSON.stringify(findings, null, 2)}\n`,
		);
		return { records, calls };
	}

	return [
		[
			`Duplicate leads: ${LEADS.skip.length} leads each posted twice (gaps 0 ms to 5 s), Webhook → eigi Outbound Call with Skip Numbers Called Recently, eigi limited to 5 requests a second: every lead called exactly once; of each lead's two runs one called and the other came out skipped with the earlier call`,
			async () => {
				const { records } = await burst('skipRecent', LEADS.skip, [IDS.skip], () =>
					url(PATHS.skip),
				);
				detail(`the second post's run was the skipped one: ${describeOrder(records)}`);
				assert.deepEqual(
					pairProblems(records, { loser: 'skipped', check: checkSkipped }),
					[],
					'leads not called exactly once, or runs that did not say why',
				);
			},
			{ timeoutMs: 240000 },
		],
		[
			`Duplicate leads: ${LEADS.redial.length} leads each posted twice, eigi Outbound Call with Redial Until Reached (${MAX_ATTEMPTS} attempts, ${MIN_GAP_MINUTES} minutes apart): every lead called exactly once; the other run held by the Contact Policy with callableFrom`,
			async () => {
				const { records } = await burst('redial', LEADS.redial, [IDS.redial], () =>
					url(PATHS.redial),
				);
				detail(`the second post's run was the held one: ${describeOrder(records)}`);
				const problems = pairProblems(records, { loser: 'held', check: checkHeld });
				for (const record of records) {
					const winner = record.runs.find((run) => run.status === 'initiated');
					if (winner && winner.item.attempts !== 1)
						problems.push(
							`${record.lead}: the call went out counting ${winner.item.attempts} attempts`,
						);
				}
				assert.deepEqual(problems, [], 'leads not called exactly once, or runs not held');
			},
			{ timeoutMs: 240000 },
		],
		[
			`Duplicate leads: two workflows with one credential, each its own webhook, Skip Numbers Called Recently; ${LEADS.shared.length} leads each posted to both (gaps 0 ms to 5 s): every lead called exactly once, the other workflow's run skipped`,
			async () => {
				// Which workflow gets the first post alternates from lead to lead.
				const first = (lead) => LEADS.shared.indexOf(lead) % 2 === 0;
				const { records } = await burst(
					'sharedCredential',
					LEADS.shared,
					[IDS.sharedA, IDS.sharedB],
					(lead, post) => url(first(lead) === (post === 1) ? PATHS.sharedA : PATHS.sharedB),
				);
				const problems = pairProblems(records, { loser: 'skipped', check: checkSkipped });
				for (const record of records) {
					const workflowsRun = record.runs.map((run) => run.workflowId).sort();
					if (workflowsRun.join() !== [IDS.sharedA, IDS.sharedB].sort().join())
						problems.push(`${record.lead}: runs of ${workflowsRun.join(', ')}`);
				}
				assert.deepEqual(problems, [], 'leads not called exactly once across the two workflows');
			},
			{ timeoutMs: 240000 },
		],
		[
			`Duplicate leads: Call Every Item (the default) is unchanged: ${LEADS.every.length} leads each posted twice, every post called (two calls per lead)`,
			async () => {
				const { records } = await burst('callEveryItem', LEADS.every, [IDS.every], () =>
					url(PATHS.every),
				);
				const problems = [];
				for (const record of records) {
					if (record.calls !== 2) problems.push(`${record.lead}: called ${record.calls} times`);
					const statuses = record.runs.map((run) => run.status).join(',');
					if (statuses !== 'initiated,initiated')
						problems.push(`${record.lead}: runs ended ${statuses}`);
				}
				assert.deepEqual(problems, [], 'posts that were not called');
			},
			{ timeoutMs: 120000 },
		],
	];
}

function pathOf(workflowId) {
	const key = Object.keys(IDS).find((k) => IDS[k] === workflowId);
	return PATHS[key];
}

function countOf(values) {
	const counts = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}

/**
 * Run with `n8n execute` (before n8n's server starts): an AI Agent whose eigi tool has Skip
 * Numbers Called Recently, its model asking for the same number twice in one turn, eigi slow (300
 * ms a request) and limited to 5 requests a second. The AI Agent at typeVersion 3 (agent.js's
 * workflow) hands the tool calls to n8n's engine; at 2.2 LangChain's executor runs them. Each test
 * reports whether the two tool runs overlapped in time (side by side) or not.
 */
function executeTests(ctx) {
	const { n8n, fake, openAi } = ctx;

	async function twoToolCalls(workflowId, label) {
		await fake.reset({ rateLimit: RATE_LIMIT, latencyMs: 300, responseShape: 'results' });
		openAi.reset({ answers: agent.ANSWERS, toolCallsPerTurn: 2 });
		const result = await n8n.execute(workflowId);
		const requests = await fake.requests();
		fs.writeFileSync(
			path.join(n8n.userFolder, `duplicates-agent-${label}.json`),
			`${JSON.stringify({ openAi: openAi.requests(), eigi: requests, run: result.run }, null, 2)}\n`,
		);
		assertSucceeded(result);
		const timing = toolTiming(result.run, requests);
		for (const line of timing.lines) detail(line);
		detail(`n8n ran the two tool calls ${timing.verdict}`);
		assert.deepEqual(await fake.calls(), [agent.E164], 'one call placed');
		const { chats, toolMessages } = agent.conversation(openAi);
		assert.equal(chats[0].answer.tool_calls.length, 2, 'the model asked twice in one turn');
		assert.equal(toolMessages.length, 2, 'the model got both results');
		const items = toolMessages.map((message) => {
			const parsed = JSON.parse(message.content);
			return Array.isArray(parsed) ? parsed[0] : parsed;
		});
		assert.deepEqual(
			items.map((item) => item.status).sort(),
			['initiated', 'skipped'],
			JSON.stringify(items),
		);
		const skipped = items.find((item) => item.status === 'skipped');
		const initiated = items.find((item) => item.status === 'initiated');
		assert.equal(skipped.callPlaced, 'no');
		assert.ok(skipped.earlierCall, JSON.stringify(skipped));
		if (skipped.earlierCall.conversationId)
			assert.equal(skipped.earlierCall.conversationId, initiated.conversationId);
		return timing;
	}

	const what =
		'calls the eigi tool twice for the same number in one turn (Skip Numbers Called Recently, eigi slow and limited to 5 requests a second): the number is called once, the model gets "initiated" and "skipped"';
	return [
		[
			`Duplicate tool calls: the AI Agent's model (AI Agent 3, tool calls run by n8n's engine) ${what}`,
			async () => {
				await twoToolCalls(agent.IDS.calledWithin, 'v3');
			},
		],
		[
			`Duplicate tool calls: the AI Agent's model (AI Agent 2.2, tool calls run by LangChain's executor) ${what}`,
			async () => {
				await twoToolCalls(IDS.agentV2, 'v2.2');
			},
		],
	];
}

/**
 * When each run of the tool node started and ended (n8n's run data), and eigi's requests (the
 * fake's log): tool runs that overlap in time ran side by side; so did eigi requests that overlap.
 */
function toolTiming(run, requests) {
	const runs = (run.data.resultData.runData[agent.TOOL_NODE] ?? [])
		.filter((entry) => entry.startTime > 0)
		.map((entry) => ({ start: entry.startTime, end: entry.startTime + (entry.executionTime ?? 0) }))
		.sort((a, b) => a.start - b.start);
	const t0 = Math.min(...requests.map((r) => r.timeMs), ...runs.map((r) => r.start));
	const lines = runs.map(
		(r, index) => `tool run ${index + 1}: +${r.start - t0} ms to +${r.end - t0} ms (n8n run data)`,
	);
	for (const request of requests)
		lines.push(
			`eigi ${request.method} ${request.path}: +${request.timeMs - t0} ms, answered ${request.status} after ${request.durationMs} ms`,
		);
	const overlap = (list) =>
		list.some((a, i) => list.some((b, j) => j > i && b.start < a.end && a.start < b.end));
	const eigiOverlap = overlap(
		requests.map((r) => ({ start: r.timeMs, end: r.timeMs + (r.durationMs ?? 0) })),
	);
	let verdict;
	if (runs.length >= 2)
		verdict = overlap(runs)
			? 'side by side (the tool runs overlap in time)'
			: 'one after the other (each tool run ended before the next started)';
	else
		verdict = `in an order n8n's run data does not tell (${runs.length} tool runs recorded); eigi's requests ${eigiOverlap ? 'overlapped' : 'did not overlap'}`;
	return { lines, verdict, runs, eigiOverlap };
}

module.exports = {
	IDS,
	PUBLISH,
	WEBHOOK_PATHS,
	LEADS,
	workflows,
	tests,
	executeTests,
	pairProblems,
	checkSkipped,
};
