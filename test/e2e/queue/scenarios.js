'use strict';
// What queue mode must prove with this package: campaigns run on workers with every contact
// called once, a worker killed mid-campaign calls nobody twice and loses nothing silently, and
// eigi Trigger deliveries to the webhook processor start exactly one run each on the workers, and
// a lead posted twice (issue 21) is not called twice by one worker, with the window in which two
// workers can both call it measured.
const assert = require('node:assert/strict');

const { detail } = require('../../../tools/n8n-launcher/log');
const wf = require('../../../tools/n8n-launcher/workflows');
const { waitFor, sleep } = require('../../../tools/n8n-launcher/wait');
const dup = require('../lib/duplicateLeads');

const IDS = {
	campaign: 'queueCampaign001',
	crash: 'queueCrashCamp01',
	trigger: 'queueEigiTrigger',
	dupLeads: 'queueDupLeads001',
};
// Issue 21 across workers: a CRM posts each lead twice to a Webhook → eigi Outbound Call (Skip
// Numbers Called Recently) workflow, and the two runs of a lead may land on different workers.
// Within one worker the node's claims (the memory of one process) let one run call; across workers
// only eigi's history can, read when the node starts and once more right before a request leaves
// if that read is over 1 s old. Two workers deciding within about one eigi round trip of each
// other (up to about 1 s when a run sends without the last look) can both call: the residual
// window, reported by gap. Runs on one worker never both call.
const DUP_WEBHOOK = { path: 'queue-dup-leads', webhookId: 'queue-dup-leads-0000-4000-8000' };
const DUP_LEADS = dup.makeLeads({
	prefix: 'queue-dup',
	count: 48,
	area: 212,
	firstLine: 7000,
	gaps: [0, 50, 300, 1000, 2000, 5000],
});
const DUP_RATE_LIMIT = { requestsPerSecond: 5 };
// The same with eigi slow (every request answered after latencyMs, about a real round trip) and
// no rate limit, so that the window shows.
const DUP_SLOW = {
	latencyMs: 150,
	leads: dup.makeLeads({
		prefix: 'queue-dup-slow',
		count: 56,
		area: 212,
		firstLine: 7100,
		gaps: [0, 100, 200, 400, 700, 1000, 2000],
	}),
};
const CRASH_WEBHOOK = {
	path: 'queue-crash-campaign',
	webhookId: 'b1a7c0de-0000-4000-8000-00000000c0de',
};
const TRIGGER_WEBHOOK_ID = 'queue-eigi-trigger';
const TOKEN = 'queue-secret-token';
const SINK = 'queue-trigger';
const OUTBOUND = '/v1/public/calls/outbound';

const CAMPAIGN_SIZE = 2000;
const CRASH_SIZE = 400;
const CRASH_BATCH = 20;
const CRASH_LATENCY_MS = 800;
const DELIVERIES = 500;
const DELIVERY_PARALLEL = 10;

/** `count` distinct US contacts on `area`-555-1000 onwards; `e164` is what eigi must get. */
function contacts(count, area) {
	return Array.from({ length: count }, (_, index) => ({
		name: `Contact ${index + 1}`,
		phone: `(${area}) 555-${1000 + index}`,
		e164: `+1${area}555${1000 + index}`,
	}));
}

/** A Code node that makes the contacts itself (2,000 items need no 2,000-line fixture). */
function contactsNode(count, area) {
	return wf.node('Contacts', 'n8n-nodes-base.code', 2, {
		jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { name: 'Contact ' + (i + 1), phone: '(${area}) 555-' + (1000 + i) } }));`,
	});
}

function workflows(ctx) {
	const { agentId, fake } = ctx;
	const list = [];
	{
		// Started on the main with the editor's Execute button (REST API), run on a worker.
		const trigger = wf.manualTrigger();
		const source = contactsNode(CAMPAIGN_SIZE, 415);
		const call = wf.callNode(
			'eigi Outbound Call',
			wf.initiateParameters(agentId, { options: { batchSize: 100, defaultCountry: 'US' } }),
		);
		list.push(wf.chain(IDS.campaign, 'queue: 2,000-contact campaign', [trigger, source, call]));
	}
	{
		// A production campaign: a Webhook node (a CRM posts "start") on the webhook processor.
		const hook = wf.node(
			'Start Campaign',
			'n8n-nodes-base.webhook',
			2,
			{ httpMethod: 'POST', path: CRASH_WEBHOOK.path, responseMode: 'onReceived', options: {} },
			{ webhookId: CRASH_WEBHOOK.webhookId },
		);
		const source = contactsNode(CRASH_SIZE, 650);
		const call = wf.callNode(
			'eigi Outbound Call',
			// Skip Numbers Called Recently: what makes a re-run after a lost worker safe.
			wf.initiateParameters(agentId, {
				contactPolicy: 'skipRecent',
				skipCalledWithinHours: 24,
				options: { batchSize: CRASH_BATCH, defaultCountry: 'US' },
			}),
		);
		list.push(wf.chain(IDS.crash, 'queue: campaign whose worker dies', [hook, source, call]));
	}
	{
		const trigger = wf.triggerNode(
			'eigi Trigger',
			{
				events: ['conversation.completed', 'conversation.failed'],
				secretToken: TOKEN,
				fetchConversation: false,
			},
			{ webhookId: TRIGGER_WEBHOOK_ID },
		);
		const sink = wf.postToSink('Post to Sink', fake.sinkUrl(SINK));
		list.push(wf.chain(IDS.trigger, 'queue: eigi Trigger to a sink', [trigger, sink]));
	}
	{
		const hook = wf.node(
			'New lead',
			'n8n-nodes-base.webhook',
			2,
			{ httpMethod: 'POST', path: DUP_WEBHOOK.path, responseMode: 'onReceived', options: {} },
			{ webhookId: DUP_WEBHOOK.webhookId },
		);
		const call = wf.callNode(
			'eigi Outbound Call',
			wf.initiateParameters(agentId, {
				phoneNumber: '={{ $json.body.phone }}',
				contactPolicy: 'skipRecent',
				skipCalledWithinHours: 24,
				options: { defaultCountry: 'US' },
			}),
			{ onError: 'continueRegularOutput' },
		);
		list.push(
			wf.chain(IDS.dupLeads, 'queue: duplicate leads, Skip Numbers Called Recently', [hook, call]),
		);
	}
	return list;
}

const PUBLISH = [IDS.crash, IDS.trigger, IDS.dupLeads];
const WEBHOOK_PATHS = [CRASH_WEBHOOK.path, `${TRIGGER_WEBHOOK_ID}/webhook`, DUP_WEBHOOK.path];

const DONE = new Set(['success', 'error', 'crashed', 'canceled']);
// How long the SIGKILL test waits for n8n to notice the dead worker (lock 10 s + stalled check
// every 5 s with the suite's settings; 60 s + 30 s with n8n's defaults).
const STALL_WAIT_MS = 150000;

/** The campaign's production start: a POST to its Webhook node on the webhook processor. */
async function startCrashCampaign(cluster, body = {}) {
	const answer = await fetch(`${cluster.webhook.baseUrl}/webhook/${CRASH_WEBHOOK.path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ campaign: 'spring', ...body }),
		signal: AbortSignal.timeout(30000),
	});
	const text = await answer.text();
	assert.equal(answer.status, 200, `the webhook processor answered ${answer.status} ${text}`);
}

/** The execution as the editor's executions list gets it (GET /rest/executions). */
async function listedExecution(rest, workflowId, id) {
	const list = await rest.get(
		`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
	);
	const results = list?.data?.results ?? [];
	return results.find((entry) => String(entry.id) === String(id)) ?? null;
}

/** Waits (bounded) until no execution of the workflow is waiting or running. */
async function settle(db, workflowId, timeoutMs = 180000) {
	await waitFor(
		async () => {
			const rows = await db.query(
				`SELECT count(*)::int AS n FROM execution_entity WHERE "workflowId" = $1 AND status IN ('new', 'running')`,
				[workflowId],
			);
			return rows[0].n === 0;
		},
		{ timeoutMs, intervalMs: 1000, message: `the runs of ${workflowId} to end` },
	);
	await sleep(2000); // their last requests to the sink
}

function count(values) {
	const counts = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}

async function waitForExecution(db, id, { timeoutMs = 300000, message } = {}) {
	return waitFor(
		async () => {
			const row = await db.execution(id);
			return row && DONE.has(row.status) ? row : null;
		},
		{ timeoutMs, intervalMs: 500, message: message ?? `execution ${id} to end` },
	);
}

/** The newest execution of a workflow that appears after `afterId` (null if none yet). */
async function newestExecution(db, workflowId, afterId = 0) {
	const rows = await db.executions(workflowId);
	const fresh = rows.filter((row) => Number(row.id) > Number(afterId));
	return fresh.length ? fresh[fresh.length - 1] : null;
}

async function lastExecutionId(db) {
	const [row] = await db.query('SELECT COALESCE(MAX(id), 0)::text AS id FROM execution_entity');
	return row.id;
}

/** The lines of an n8n log that mention execution `id`. */
function grepLog(file, id) {
	const { readLog } = require('../../../tools/n8n-launcher/queue/cluster');
	return readLog(file)
		.split('\n')
		.filter((line) => new RegExp(`[Ee]xecution ${id}\\b|executionId.{0,5}${id}\\b`).test(line))
		.slice(0, 20);
}

function duplicates(list) {
	const seen = new Set();
	const twice = new Set();
	for (const entry of list) (seen.has(entry) ? twice : seen).add(entry);
	return [...twice];
}

async function outboundPosts(fake) {
	return (await fake.requests()).filter(
		(request) => request.method === 'POST' && request.path === OUTBOUND,
	);
}

/** Sends `total` deliveries, `parallel` at a time; resolves with every answer (status, body). */
async function deliverMany(fake, url, total, parallel, makePayload) {
	const answers = new Array(total);
	let next = 0;
	const lane = async () => {
		while (next < total) {
			const index = next++;
			try {
				const sentAt = Date.now();
				answers[index] = await fake.deliver(url, {
					method: 'POST',
					timeoutMs: 60000,
					...makePayload(index),
				});
				answers[index].ms = Date.now() - sentAt;
			} catch (error) {
				answers[index] = { status: 0, body: error.message, ms: null };
			}
		}
	};
	await Promise.all(Array.from({ length: parallel }, lane));
	return answers;
}

function completed(conversationId) {
	return {
		event: 'conversation.completed',
		payload: {
			event: 'conversation.completed',
			id: `evt_${conversationId}`,
			conversation_id: conversationId,
			conversation_status: 'COMPLETED',
			conversation_metadata: { to_mobile_number: '+14155552671', conversation_duration: 42 },
		},
	};
}

/**
 * When eigi answered each accepted outbound call request (ms, from its request log), by the
 * number called, earliest first: from then on a history read lists that call.
 */
function answeredCallsByNumber(requests) {
	const byNumber = new Map();
	for (const request of requests) {
		if (request.method !== 'POST' || request.path !== '/v1/public/calls/outbound') continue;
		if (!(request.status >= 200 && request.status < 300)) continue;
		const answeredMs = request.timeMs + (request.durationMs ?? 0);
		for (const number of request.rawBody.match(/\+\d{8,15}/g) ?? [])
			byNumber.set(number, [...(byNumber.get(number) ?? []), answeredMs]);
	}
	for (const times of byNumber.values()) times.sort((a, b) => a - b);
	return byNumber;
}

/**
 * Issue 21 across workers: `leads` each posted twice to the webhook processor (`fakeOptions`: the
 * fake eigi's rate limit or latency), run by the two workers. Reports calls by gap and by worker
 * pair; fails when a lead is never called or called more than twice, when two runs on one worker
 * (one process: its claims) both call, or when both call although one run's eigi node started
 * after eigi had answered the other's call (its history read would have listed that call). How
 * far apart the posts were is no bound: n8n's queue moves runs closer or further apart than that.
 */
async function duplicateBurst(ctx, { key, leads, fakeOptions }) {
	const { cluster, fake, db, findings } = ctx;
	await fake.reset({ responseShape: 'results', ...fakeOptions });
	const before = await lastExecutionId(db);
	const started = Date.now();
	const posts = await dup.postPairs(
		leads,
		() => `${cluster.webhook.baseUrl}/webhook/${DUP_WEBHOOK.path}`,
	);
	const refused = posts.filter((p) => p.status !== 200);
	assert.deepEqual(
		refused.slice(0, 5).map((p) => `${p.lead} post ${p.post}: ${p.status} ${p.text}`),
		[],
		`${refused.length} of ${posts.length} posts not answered 200`,
	);
	const expected = posts.length;
	let fresh = [];
	await waitFor(
		async () => {
			fresh = (await db.executions(IDS.dupLeads)).filter((e) => Number(e.id) > Number(before));
			return fresh.length >= expected && fresh.every((e) => DONE.has(e.status));
		},
		{
			timeoutMs: 180000,
			intervalMs: 1000,
			message: () => `${expected} finished runs; ${fresh.length} so far`,
		},
	);
	const doneS = (Date.now() - started) / 1000;
	assert.equal(fresh.length, expected, 'one execution per post');
	assert.deepEqual(count(fresh.map((e) => e.status)), { success: expected }, 'every run succeeded');
	const byWorker = cluster.workerExecutionIds();
	const outcomes = [];
	for (const execution of fresh) {
		const outcome = dup.runOutcome(await db.runData(execution.id), {
			executionId: execution.id,
			workflowId: IDS.dupLeads,
			webhookNode: 'New lead',
			callNode: 'eigi Outbound Call',
		});
		outcome.worker = byWorker.findIndex((ids) => ids.has(String(execution.id))) + 1;
		outcomes.push(outcome);
	}
	const calls = await fake.calls();
	const callAnswers = answeredCallsByNumber(await fake.requests());
	const stats = await fake.admin('GET', '/stats');
	const records = dup.perLead(leads, posts, outcomes, calls);
	// How far apart in time a lead's two runs started their eigi node (n8n's run data).
	const apart = (r) =>
		r.runs.length === 2 && r.runs.every((run) => run.nodeStartMs)
			? Math.abs(r.runs[1].nodeStartMs - r.runs[0].nodeStartMs)
			: null;
	const rows = dup.byGap(records).map((row) => {
		const atGap = records.filter((r) => r.gapMs === row.gapMs && r.runs.length === 2);
		const crossWorker = atGap.filter((r) => r.runs[0].worker !== r.runs[1].worker);
		const starts = crossWorker.map(apart).filter((ms) => ms !== null);
		return {
			...row,
			pairsOnTwoWorkers: crossWorker.length,
			twiceOnTwoWorkers: crossWorker.filter((r) => r.calls > 1).length,
			// How far apart the eigi nodes of those pairs started (n8n's run data).
			nodeStartsApartMs: starts.length ? [Math.min(...starts), Math.max(...starts)] : null,
		};
	});
	const doubled = records
		.filter((r) => r.calls > 1)
		.map((r) => ({
			lead: r.lead,
			gapMs: r.gapMs,
			postedApartMs: r.actualGapMs,
			workers: r.runs.map((run) => run.worker),
			// When each run's eigi node started, relative to the first's.
			nodeStartsApartMs:
				r.runs.length === 2 && r.runs.every((run) => run.nodeStartMs)
					? r.runs[1].nodeStartMs - r.runs[0].nodeStartMs
					: null,
		}));
	// How close in time the two runs of a lead on two workers came and still called once.
	const onceOnTwoWorkers = records
		.filter((r) => r.calls === 1 && r.runs.length === 2 && r.runs[0].worker !== r.runs[1].worker)
		.map(apart)
		.filter((ms) => ms !== null)
		.sort((a, b) => a - b);
	findings[key] = {
		onceOnTwoWorkersNodeStartsApartMs: onceOnTwoWorkers,
		leads: leads.length,
		posts: posts.length,
		allRunInS: doneS,
		eigiRequests: stats.requests,
		rateLimited: stats.rateLimited,
		calls: calls.length,
		byGap: rows,
		calledTwice: doubled,
		pairs: records.map((r) => ({
			lead: r.lead,
			gapMs: r.gapMs,
			calls: r.calls,
			workers: r.runs.map((run) => run.worker),
			statuses: r.runs.map((run) => run.status),
			nodeStartsApartMs: apart(r),
		})),
	};
	detail(
		`${posts.length} posts; all runs done ${doneS.toFixed(1)} s after the first; worker-1 ran ${outcomes.filter((o) => o.worker === 1).length}, worker-2 ${outcomes.filter((o) => o.worker === 2).length}; eigi: ${stats.requests} requests, ${stats.rateLimited} refused (429), ${calls.length} calls for ${leads.length} leads`,
	);
	for (const [index, line] of dup.describeByGap(rows).entries())
		detail(
			`${line}; pairs on two workers ${rows[index].pairsOnTwoWorkers}${rows[index].nodeStartsApartMs ? ` (eigi nodes started ${rows[index].nodeStartsApartMs.join('-')} ms apart)` : ''}, of them called twice ${rows[index].twiceOnTwoWorkers}`,
		);
	if (onceOnTwoWorkers.length)
		detail(
			`pairs on two workers called once: their eigi nodes started ${onceOnTwoWorkers.slice(0, 8).join(', ')}${onceOnTwoWorkers.length > 8 ? ', ...' : ''} ms apart`,
		);
	for (const entry of doubled)
		detail(
			`called twice: ${entry.lead} (gap ${entry.gapMs} ms, posted ${entry.postedApartMs} ms apart, workers ${entry.workers.join(' and ')}, eigi nodes started ${entry.nodeStartsApartMs} ms apart)`,
		);

	const problems = [];
	for (const record of records) {
		const label = `${record.lead} ${record.e164} (gap ${record.gapMs} ms)`;
		if (record.calls === 0) problems.push(`${label}: never called`);
		if (record.calls > 2) problems.push(`${label}: called ${record.calls} times`);
		if (record.runs.map((run) => run.post).join() !== '1,2') {
			problems.push(`${label}: runs for posts [${record.runs.map((r) => r.post)}]`);
			continue;
		}
		const statuses = record.runs.map((run) => run.status).sort();
		const want = record.calls === 1 ? ['initiated', 'skipped'] : ['initiated', 'initiated'];
		if (record.calls <= 2 && statuses.join() !== want.join())
			problems.push(`${label}: ${record.calls} calls, runs ended ${statuses.join(', ')}`);
		if (record.calls > 1 && record.runs[0].worker === record.runs[1].worker)
			problems.push(`${label}: called twice by runs on the same worker (${record.runs[0].worker})`);
		if (record.calls > 1) {
			// The design's window: both runs read eigi's history before either call was listed.
			const firstAnswered = (callAnswers.get(record.e164) ?? [])[0];
			const laterStart = Math.max(...record.runs.map((run) => run.nodeStartMs ?? 0));
			if (firstAnswered !== undefined && laterStart > firstAnswered)
				problems.push(
					`${label}: called twice, the later run's eigi node started ${laterStart - firstAnswered} ms after eigi answered the first call`,
				);
		}
	}
	assert.deepEqual(problems, [], 'what the design does not allow');
}

function tests(ctx) {
	const { cluster, fake, db, findings } = ctx;
	const rest = {
		get: (urlPath) => ctx.rest.get(urlPath),
		post: (urlPath, body) => ctx.rest.post(urlPath, body),
	};
	const triggerUrl = (query = '') =>
		`${cluster.webhook.baseUrl}/webhook/${TRIGGER_WEBHOOK_ID}/webhook${query}`;
	return [
		[
			`Queue: a ${CAMPAIGN_SIZE.toLocaleString('en')}-contact campaign started on the main runs on a worker, every contact called once, one output item per input`,
			async () => {
				await fake.reset();
				const started = Date.now();
				const answer = await rest.post(`/rest/workflows/${IDS.campaign}/run`, {
					triggerToStartFrom: { name: 'Manual Trigger' },
				});
				const executionId = answer?.data?.executionId;
				assert.ok(executionId, `the main answered ${JSON.stringify(answer)}`);
				const row = await waitForExecution(db, executionId, { timeoutMs: 240000 });
				const seconds = ((Date.now() - started) / 1000).toFixed(1);
				assert.equal(row.status, 'success', `execution ${executionId} ended ${row.status}`);
				const runs = cluster.workerRuns(executionId);
				detail(
					`execution ${executionId} (mode ${row.mode}): ${seconds}s; started by worker-1 ${runs[0]}x, worker-2 ${runs[1]}x`,
				);
				assert.equal(runs[0] + runs[1], 1, 'exactly one worker ran it');
				assert.doesNotMatch(
					require('../../../tools/n8n-launcher/queue/cluster').readLog(cluster.main.logFile),
					new RegExp(`Execution ${executionId} .*failed`),
				);
				const expected = contacts(CAMPAIGN_SIZE, 415);
				const called = await fake.calls();
				assert.equal(called.length, CAMPAIGN_SIZE, 'calls placed');
				assert.deepEqual(duplicates(called), [], 'nobody called twice');
				assert.deepEqual([...called].sort(), expected.map((c) => c.e164).sort(), 'everyone called');
				assert.equal(
					(await outboundPosts(fake)).length,
					CAMPAIGN_SIZE / 100,
					'requests of 100 numbers',
				);
				const data = await db.runData(executionId);
				const items = data.resultData.runData['eigi Outbound Call'][0].data.main[0];
				assert.equal(items.length, CAMPAIGN_SIZE, 'one output item per input item');
				items.forEach((item, index) => {
					assert.equal(
						item.json.status,
						'initiated',
						`item ${index}: ${JSON.stringify(item.json)}`,
					);
					assert.equal(item.json.phoneNumber, expected[index].e164);
					assert.equal(
						item.pairedItem?.item ?? item.pairedItem?.[0]?.item,
						index,
						`item ${index} pairing`,
					);
				});
				findings.campaign = {
					executionId,
					seconds: Number(seconds),
					mode: row.mode,
					workerRuns: runs,
				};
			},
			{ timeoutMs: 300000 },
		],
		[
			'Queue: a worker killed (SIGKILL) mid-campaign: the run ends as an error on the list, nobody is called twice, the other worker does not re-run it',
			async () => {
				// Each request to eigi takes CRASH_LATENCY_MS, so the campaign takes many seconds.
				await fake.reset({ latencyMs: CRASH_LATENCY_MS });
				const before = await lastExecutionId(db);
				await startCrashCampaign(cluster);
				const execution = await waitFor(() => newestExecution(db, IDS.crash, before), {
					timeoutMs: 30000,
					message: 'the campaign execution to be created',
				});
				const id = execution.id;
				await waitFor(async () => (await outboundPosts(fake)).length >= 5, {
					timeoutMs: 90000,
					message: 'five call requests to reach the fake',
				});
				const victim = cluster.workerRuns(id).findIndex((count) => count > 0);
				assert.ok(victim >= 0, `no worker log says it started execution ${id}`);
				const requestsAtKill = (await outboundPosts(fake)).length;
				const callsAtKill = (await fake.calls()).length;
				const killedAt = Date.now();
				await cluster.killWorker(victim);
				detail(
					`execution ${id} on worker-${victim + 1}: SIGKILL after ${requestsAtKill} call requests (${callsAtKill} calls answered)`,
				);

				// Watch what n8n does with it, and go on watching a while after it ends (a re-run
				// by the other worker would show then).
				const timeline = [];
				let last = '';
				let endedAt = null;
				const deadline = Date.now() + STALL_WAIT_MS;
				while (Date.now() < deadline) {
					const row = await db.execution(id);
					const requests = (await outboundPosts(fake)).length;
					const label = `${row.status}/${requests}`;
					if (label !== last) {
						const afterKillS = Number(((Date.now() - killedAt) / 1000).toFixed(1));
						timeline.push({ afterKillS, status: row.status, requests });
						detail(
							`+${afterKillS}s: status "${row.status}", call requests at the fake ${requests}`,
						);
						last = label;
					}
					if (DONE.has(row.status) && !endedAt) endedAt = Date.now();
					if (endedAt && Date.now() - endedAt > 15000) break;
					await sleep(1000);
				}
				assert.ok(
					endedAt,
					`execution ${id} was still "${(await db.execution(id)).status}" ${STALL_WAIT_MS / 1000}s after the kill`,
				);

				const row = await db.execution(id);
				const data = await db.runData(id);
				const called = await fake.calls();
				const requests = (await outboundPosts(fake)).length;
				const listed = await listedExecution(rest, IDS.crash, id);
				const sigkill = {
					executionId: id,
					killedWorker: `worker-${victim + 1}`,
					requestsAtKill,
					callsAnsweredAtKill: callsAtKill,
					secondsToEnd: Number(((endedAt - killedAt) / 1000).toFixed(1)),
					timeline,
					status: row.status,
					finished: row.finished,
					listedStatus: listed?.status ?? null,
					error: data?.resultData?.error?.message ?? null,
					nodesWithSavedData: Object.keys(data?.resultData?.runData ?? {}),
					nodeExecutionStack: data?.executionData?.nodeExecutionStack?.length ?? null,
					requests,
					calls: called.length,
					duplicates: duplicates(called).length,
					workerRuns: cluster.workerRuns(id),
					enqueuerLog: grepLog(cluster.webhook.logFile, id),
				};
				findings.sigkill = sigkill;
				ctx.crash = { id, victim, called };

				assert.deepEqual(duplicates(called), [], 'nobody called twice');
				assert.equal(
					requests,
					requestsAtKill,
					'no request after the kill: nobody picked the run up again',
				);
				assert.equal(
					called.length,
					requests * CRASH_BATCH,
					'the request in flight at the kill was placed by eigi all the same',
				);
				const expected = new Set(contacts(CRASH_SIZE, 650).map((c) => c.e164));
				for (const number of called) assert.ok(expected.has(number), `${number} is not a contact`);
				assert.deepEqual(
					sigkill.workerRuns.sort(),
					[0, 1],
					'one worker started it, none restarted it',
				);
				assert.equal(
					row.status,
					'error',
					'the executions list shows the run failed (not success, not running)',
				);
				assert.equal(listed?.status, 'error', 'as the executions list (REST) shows it');
				assert.match(String(sigkill.error), /failed to be processed too many times/);
				assert.deepEqual(
					sigkill.nodesWithSavedData,
					[],
					'n8n saved no node output of the killed run',
				);
				detail(`ended "${row.status}" ${sigkill.secondsToEnd}s after the kill: "${sigkill.error}"`);
				detail(
					`${called.length} of ${CRASH_SIZE} called (${requests} requests), none twice; the output of no node was saved`,
				);
			},
			{ timeoutMs: 300000 },
		],
		[
			'Queue: after the SIGKILL, Retry on the executions list calls nobody; a new run with Skip Numbers Called Recently calls exactly the contacts not yet called',
			async () => {
				assert.ok(ctx.crash, 'needs the SIGKILL test before it');
				const { id, victim, called: calledBefore } = ctx.crash;
				// The killed worker comes back, as an orchestrator would restart it.
				await cluster.startWorker(victim);
				await fake.admin('POST', '/options', { latencyMs: 0 });

				const retry = await rest.post(`/rest/executions/${id}/retry`, { loadWorkflow: false });
				const retryId = String(retry?.data?.id ?? '');
				assert.ok(retryId, `retry answered ${JSON.stringify(retry).slice(0, 300)}`);
				await waitForExecution(db, retryId, { timeoutMs: 60000 });
				await sleep(3000);
				const afterRetry = await fake.calls();
				const original = (await db.executions(IDS.crash)).find((e) => e.id === id);
				const retryRow = await db.execution(retryId);
				const retryListed = await listedExecution(rest, IDS.crash, retryId);
				findings.retry = {
					retryExecutionId: retryId,
					status: retryRow.status,
					listedStatus: retryListed?.status ?? null,
					finished: retryRow.finished,
					originalRetrySuccessId: original.retrySuccessId,
					newCalls: afterRetry.length - calledBefore.length,
				};
				assert.equal(afterRetry.length, calledBefore.length, 'Retry placed no call');
				detail(
					`Retry: execution ${retryId} "${retryRow.status}" (finished ${retryRow.finished}), original's retrySuccessId ${original.retrySuccessId ?? 'none'}; 0 calls`,
				);

				// The recovery the README gives: run the campaign again with Skip Numbers Called
				// Within on; eigi's own history says who was called, whatever n8n lost.
				const before = await lastExecutionId(db);
				await startCrashCampaign(cluster, { rerun: true });
				const rerun = await waitFor(() => newestExecution(db, IDS.crash, before), {
					timeoutMs: 30000,
					message: 'the re-run to be created',
				});
				const row = await waitForExecution(db, rerun.id, { timeoutMs: 120000 });
				assert.equal(row.status, 'success', `re-run ${rerun.id} ended ${row.status}`);
				const items = (await db.runData(rerun.id)).resultData.runData[
					'eigi Outbound Call'
				][0].data.main[0].map((item) => item.json);
				const called = await fake.calls();
				const expected = contacts(CRASH_SIZE, 650).map((c) => c.e164);
				assert.equal(items.length, CRASH_SIZE, 'one output item per contact');
				const skipped = items.filter((item) => item.status === 'skipped');
				const initiated = items.filter((item) => item.status === 'initiated');
				assert.equal(
					skipped.length,
					calledBefore.length,
					'every contact called before the kill is skipped',
				);
				assert.equal(
					initiated.length,
					CRASH_SIZE - calledBefore.length,
					'every other contact is called',
				);
				for (const item of skipped)
					assert.ok(item.earlierCall, `skipped item without earlierCall: ${JSON.stringify(item)}`);
				assert.deepEqual(duplicates(called), [], 'nobody called twice over both runs');
				assert.deepEqual(
					[...called].sort(),
					[...expected].sort(),
					'every contact called once over both runs',
				);
				findings.rerun = {
					executionId: rerun.id,
					skipped: skipped.length,
					initiated: initiated.length,
					totalCalls: called.length,
				};
				detail(
					`re-run ${rerun.id}: ${skipped.length} skipped (called before the kill), ${initiated.length} called; ${called.length} of ${CRASH_SIZE} contacts called once in all`,
				);
			},
			{ timeoutMs: 300000 },
		],
		[
			`Queue: ${DELIVERIES} eigi Trigger deliveries (multipart POST) to the webhook processor start ${DELIVERIES} runs on the workers, none lost, none doubled`,
			async () => {
				await fake.reset();
				const before = await lastExecutionId(db);
				const started = Date.now();
				const answers = await deliverMany(
					fake,
					triggerUrl(`?token=${TOKEN}`),
					DELIVERIES,
					DELIVERY_PARALLEL,
					(index) => completed(`conv-queue-${String(index).padStart(4, '0')}`),
				);
				const answeredS = (Date.now() - started) / 1000;
				const bad = answers
					.map((answer, index) => ({ index, ...answer }))
					.filter((answer) => answer.status !== 200);
				const times = answers
					.map((answer) => answer.ms)
					.filter((ms) => ms !== null)
					.sort((a, b) => a - b);
				const answerMs = {
					median: times[Math.floor(times.length / 2)],
					p95: times[Math.floor(times.length * 0.95)],
					max: times[times.length - 1],
				};
				detail(
					`${DELIVERIES} deliveries, ${DELIVERY_PARALLEL} at a time, answered in ${answeredS.toFixed(1)}s (answer time median ${answerMs.median} ms, p95 ${answerMs.p95} ms, max ${answerMs.max} ms)`,
				);
				if (bad.length) await settle(db, IDS.trigger); // later tests must not see these runs
				assert.deepEqual(bad.slice(0, 5), [], `${bad.length} deliveries not answered 200`);
				for (const answer of answers)
					assert.deepEqual(JSON.parse(answer.body), { message: 'Workflow was started' });
				const records = await waitFor(
					async () => {
						const list = await fake.sink(SINK);
						return list.length >= DELIVERIES ? list : null;
					},
					{ timeoutMs: 240000, intervalMs: 1000, message: `${DELIVERIES} records at the sink` },
				);
				const doneS = (Date.now() - started) / 1000;
				await sleep(5000); // a doubled run would arrive late
				const final = await fake.sink(SINK);
				const keys = final.map((record) => record.body.eventKey);
				const expectedKeys = answers.map(
					(_, index) => `conversation.completed:conv-queue-${String(index).padStart(4, '0')}`,
				);
				assert.deepEqual(duplicates(keys), [], 'no delivery ran twice');
				assert.deepEqual([...keys].sort(), expectedKeys.sort(), 'every delivery ran');
				const executions = (await db.executions(IDS.trigger)).filter(
					(e) => Number(e.id) > Number(before),
				);
				assert.equal(executions.length, DELIVERIES, 'one execution per delivery');
				const statuses = count(executions.map((e) => e.status));
				assert.deepEqual(statuses, { success: DELIVERIES }, 'all succeeded');
				const perWorker = cluster
					.workerExecutionIds()
					.map((ids) => executions.filter((e) => ids.has(e.id)).length);
				assert.equal(
					perWorker[0] + perWorker[1],
					DELIVERIES,
					`runs per worker ${perWorker}: every run was on a worker`,
				);
				findings.deliveries = {
					deliveries: DELIVERIES,
					parallel: DELIVERY_PARALLEL,
					answeredInS: answeredS,
					answerMs,
					allRunInS: doneS,
					sinkRecords: records.length,
					executions: executions.length,
					perWorker,
					modes: count(executions.map((e) => e.mode)),
				};
				detail(
					`all ${DELIVERIES} runs done ${doneS.toFixed(1)}s after the first delivery; worker-1 ran ${perWorker[0]}, worker-2 ${perWorker[1]}`,
				);
			},
			{ timeoutMs: 360000 },
		],
		[
			'Queue: on the webhook processor, a wrong or missing token gets 401 and an unselected event 200, and neither starts a run',
			async () => {
				await settle(db, IDS.trigger);
				await fake.reset();
				const before = await lastExecutionId(db);
				const payload = completed('conv-queue-bad-token');
				const wrong = await fake.deliver(triggerUrl('?token=not-the-token'), {
					method: 'POST',
					...payload,
				});
				assert.equal(wrong.status, 401, `wrong token: ${wrong.body}`);
				const missing = await fake.deliver(triggerUrl(), { method: 'POST', ...payload });
				assert.equal(missing.status, 401, `missing token: ${missing.body}`);
				const unselected = await fake.deliver(triggerUrl(`?token=${TOKEN}`), {
					method: 'POST',
					event: 'conversation.started',
					payload: { event: 'conversation.started', conversation_id: 'conv-queue-started' },
				});
				assert.equal(unselected.status, 200, `unselected event: ${unselected.body}`);
				assert.match(unselected.body, /not selected/i);
				// A good delivery afterwards proves the workflow is live and is the only run.
				const good = await fake.deliver(triggerUrl(`?token=${TOKEN}`), {
					method: 'POST',
					...completed('conv-queue-good'),
				});
				assert.equal(good.status, 200, `good delivery: ${good.body}`);
				const records = await waitFor(
					async () => {
						const list = await fake.sink(SINK);
						return list.length >= 1 ? list : null;
					},
					{ timeoutMs: 60000, message: 'the good delivery at the sink' },
				);
				await sleep(3000);
				const final = await fake.sink(SINK);
				assert.deepEqual(
					final.map((record) => record.body.conversation_id),
					['conv-queue-good'],
				);
				const fresh = (await db.executions(IDS.trigger)).filter(
					(e) => Number(e.id) > Number(before),
				);
				assert.equal(
					fresh.length,
					1,
					`executions started: ${fresh.length} (only the good delivery's)`,
				);
				assert.equal(records.length, 1);
				findings.tokenAndFilter = {
					wrongToken: wrong.status,
					missingToken: missing.status,
					unselected: unselected.status,
					unselectedBody: unselected.body,
					executionsStarted: fresh.length,
				};
			},
			{ timeoutMs: 120000 },
		],
		[
			`Queue: duplicate leads across workers: ${DUP_LEADS.length} leads each posted twice to the webhook processor (gaps 0 ms to 5 s), Skip Numbers Called Recently, eigi limited to 5 requests a second: none dropped, none called more than twice, none twice when the two runs share a worker or one run's eigi node started after eigi had answered the other's call; the figure by gap is reported`,
			() =>
				duplicateBurst(ctx, {
					key: 'duplicateLeads',
					leads: DUP_LEADS,
					fakeOptions: { rateLimit: DUP_RATE_LIMIT },
				}),
			{ timeoutMs: 300000 },
		],
		[
			`Queue: duplicate leads across workers, eigi answering in ${DUP_SLOW.latencyMs} ms (no rate limit): ${DUP_SLOW.leads.length} leads each posted twice (gaps 0 ms to 2 s): none dropped, none called more than twice, none twice on one worker or once eigi had answered the first call; the residual window by gap is reported`,
			() =>
				duplicateBurst(ctx, {
					key: 'duplicateLeadsSlowEigi',
					leads: DUP_SLOW.leads,
					fakeOptions: { latencyMs: DUP_SLOW.latencyMs },
				}),
			{ timeoutMs: 300000 },
		],
	];
}

module.exports = {
	IDS,
	PUBLISH,
	WEBHOOK_PATHS,
	workflows,
	tests,
	contacts,
	duplicates,
	outboundPosts,
	deliverMany,
	completed,
	waitForExecution,
	newestExecution,
	lastExecutionId,
	TRIGGER_WEBHOOK_ID,
	TOKEN,
	SINK,
	CRASH_WEBHOOK,
	CRASH_SIZE,
	CRASH_BATCH,
	CRASH_LATENCY_MS,
	DELIVERIES,
	DUP_LEADS,
	sleep,
};
