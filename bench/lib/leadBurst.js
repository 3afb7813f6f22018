'use strict';
// What the burst workloads (7 and 9) share: a published workflow Webhook → eigi Outbound Call →
// HTTP Request posting the lead's reference and the call node's item to the fake's sink; leads
// posted to it at set moments; the wait until their items reached the sink; n8n's execution counts
// through its REST API; the one n8n with its default production concurrency (SingleMode).
const { detail } = require('../../tools/n8n-launcher/log');
const { sleep } = require('../../tools/n8n-launcher/wait');
const wf = require('../../tools/n8n-launcher/workflows');

const NAMES = { webhook: 'Webhook', call: 'eigi Outbound Call', sink: 'Post Outcome' };
const FINISHED = ['success', 'error', 'crashed', 'canceled'];
const GIVE_UP_AFTER_LAST_POST_MS = 12 * 60_000;
/** Nothing new at the fake or the sink for this long: the runs still missing will not come. */
const QUIET_MS = 3 * 60_000;

/**
 * Webhook (POST `path`, answer at once) → eigi Outbound Call (Calling Hours Any Time, Default
 * Country US, two metadata fields, `callParameters` on top, On Error "Continue" so a lead that is
 * not called still reaches the sink) → HTTP Request posting `{ ref, item }` to the sink `sink`.
 */
function burstWorkflow(ctx, { id, name, webhookId, path, sink, callParameters = {} }) {
	const webhook = wf.node(
		NAMES.webhook,
		'n8n-nodes-base.webhook',
		2.1,
		{ httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		{ webhookId },
	);
	const call = wf.callNode(
		NAMES.call,
		wf.initiateParameters(ctx.agentId, {
			callingHours: 'anyTime',
			phoneNumber: '={{ $json.body.phone }}',
			metadataMode: 'fields',
			metadataFields: {
				field: [
					{ name: 'customer_name', value: '={{ $json.body.name }}' },
					{ name: 'crm_ref', value: '={{ $json.body.ref }}' },
				],
			},
			options: { defaultCountry: 'US' },
			...callParameters,
		}),
		{ onError: 'continueRegularOutput' },
	);
	const sinkNode = wf.node(NAMES.sink, 'n8n-nodes-base.httpRequest', 4.2, {
		method: 'POST',
		url: ctx.fake.sinkUrl(sink),
		sendBody: true,
		specifyBody: 'json',
		jsonBody: `={{ JSON.stringify({ ref: $('${NAMES.webhook}').first().json.body.ref, item: $json }) }}`,
		options: {},
	});
	return wf.workflow(id, name, [webhook, call, sinkNode], wf.connect([webhook, call, sinkNode]));
}

/** "10/s" or "100/min" → { count, per }; `flag` names the option in the message. */
function parseLimit(text, flag = '--burst-limit') {
	const match = /^(\d+(?:\.\d+)?)\/(s|min)$/.exec(String(text ?? ''));
	if (!match || Number(match[1]) <= 0)
		throw new Error(`${flag} takes N/s or N/min (e.g. 10/s, 100/min), not "${text}"`);
	return { count: Number(match[1]), per: match[2] };
}

/** The fake's rateLimit option for a parsed limit. */
function limitOptions(limit) {
	return limit.per === 's'
		? { requestsPerSecond: limit.count }
		: { requestsPerMinute: limit.count };
}

/**
 * Posts each lead at its own moment (`posts`: `{ lead, atMs }`, atMs from the start), without
 * waiting for earlier answers. `failures` carry the index into `posts`.
 */
async function postLeads(url, posts) {
	const started = Date.now();
	const answers = await Promise.all(
		posts.map(async ({ lead, atMs }) => {
			const due = started + atMs;
			if (due > Date.now()) await sleep(due - Date.now());
			const sentMs = Date.now();
			try {
				const response = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ name: lead.name, ref: lead.ref, phone: lead.phone }),
					signal: AbortSignal.timeout(120_000),
				});
				const text = await response.text();
				return { sentMs, status: response.status, text, answeredMs: Date.now() };
			} catch (error) {
				return { sentMs, status: 0, text: error.message, answeredMs: Date.now() };
			}
		}),
	);
	return {
		count: posts.length,
		firstPostMs: Math.min(...answers.map((answer) => answer.sentMs)),
		sentMs: answers.map((answer) => answer.sentMs),
		lastPostMs: Math.max(...answers.map((answer) => answer.sentMs)),
		failures: answers
			.map((answer, index) => ({ ...answer, index }))
			.filter((answer) => answer.status !== 200),
		slowestAnswerMs: Math.max(...answers.map((answer) => answer.answeredMs - answer.sentMs)),
	};
}

async function countExecutions(session, workflowId, statuses) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status: statuses }));
	const { data } = await session.get(`/rest/executions?filter=${filter}&limit=1`);
	return data.count;
}

/** Executions of the workflow by status, as n8n's REST API lists them. */
async function executionsByStatus(session, workflowId) {
	const counts = {};
	for (const status of [...FINISHED, 'running', 'new', 'waiting'])
		counts[status] = await countExecutions(session, workflowId, [status]);
	return counts;
}

const finishedOf = (counts) => FINISHED.reduce((sum, status) => sum + counts[status], 0);

/** This run's executions by status: n8n's counts of finished ones are over every run so far. */
function executionsSince(before, after) {
	return Object.fromEntries(
		Object.keys(after).map((status) => [
			status,
			FINISHED.includes(status) ? after[status] - before[status] : after[status],
		]),
	);
}

/**
 * Waits until the item of every post n8n did not refuse reached the sink (a refused one never
 * runs), bounded by GIVE_UP_AFTER_LAST_POST_MS, or until nothing moved for QUIET_MS (no new
 * request at the fake, no new item in the sink); then, for at most a minute more, until n8n has
 * recorded those executions as finished (it lags behind the sink when busy), so the execution
 * counts and the memory peak include the end of the burst.
 */
async function waitForOutcomes(fake, session, { workflowId, sink, finishedBefore, posted }) {
	const deadline = posted.lastPostMs + GIVE_UP_AFTER_LAST_POST_MS;
	// A post n8n answered with an error started nothing; one the bench gave up on (no answer within
	// 2 minutes: n8n holds the answer until the execution starts) may still run.
	const expected = posted.count - posted.failures.filter((failure) => failure.status !== 0).length;
	const finished = async () =>
		(await countExecutions(session, workflowId, FINISHED)) - finishedBefore;
	let lastReport = Date.now();
	let lastProgress = Date.now();
	let seen = '';
	for (;;) {
		const sinkCount = fake.server.sinkRecords(sink).length;
		const now = `${sinkCount}/${fake.server.requests.length}`;
		if (now !== seen) {
			seen = now;
			lastProgress = Date.now();
		}
		if (sinkCount >= expected) {
			const settleBy = Math.min(deadline, Date.now() + 60_000);
			while ((await finished()) < expected && Date.now() < settleBy) await sleep(2000);
			return { gaveUp: false, quiet: false };
		}
		if (Date.now() - lastReport > 15_000) {
			lastReport = Date.now();
			detail(
				`... ${sinkCount} outcomes in the sink, ${await finished()} executions finished, ${fake.server.calledNumbers().length} calls placed, ${fake.server.rateLimitedCount} × 429 so far`,
			);
		}
		if (Date.now() - lastProgress > QUIET_MS) return { gaveUp: true, quiet: true };
		if (Date.now() > deadline) return { gaveUp: true, quiet: false };
		await sleep(500);
	}
}

function safeJson(text) {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

/** The sink's records as `{ ref, item }`, in arrival order. */
function sinkItems(fake, sink) {
	return fake.server
		.sinkRecords(sink)
		.map((record) => (typeof record.body === 'string' ? safeJson(record.body) : record.body))
		.filter((body) => body?.ref);
}

function tally(values) {
	const counts = new Map();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

/** What n8n answered to the posts that did not get 200, grouped: status, message, first lines of its stack. */
function postFailureKinds(failures) {
	return tally(
		failures.map((failure) => {
			const body = safeJson(failure.text);
			if (!body) return `${failure.status} ${failure.text.slice(0, 200)}`;
			const stack = String(body.stacktrace ?? '')
				.split('\n')
				.slice(1, 3)
				.map((line) => line.trim())
				.join(' | ');
			return `${failure.status} ${body.message ?? ''}${body.hint ? ` (${body.hint})` : ''}${stack ? ` [${stack}]` : ''}`;
		}),
	);
}

/** "status: message" of an output item, shortened; error items carry theirs under `details`. */
function outcomeOf(item) {
	if (!item || typeof item !== 'object') return 'no item';
	const facts = item.details && typeof item.details === 'object' ? item.details : item;
	const status = facts.status ?? (item.error !== undefined ? 'error' : 'unknown');
	const message = String(facts.message ?? item.error ?? item.message ?? '')
		.replace(/\+\d{6,}/g, '<number>')
		.slice(0, 200);
	return `${status}: ${message}`;
}

function percentile(values, share) {
	const sorted = [...values].sort((a, b) => a - b);
	if (!sorted.length) return null;
	return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}

/** The number a call request was for (single-lead runs send one number a request). */
function numberOf(request) {
	return request.body?.params?.[0]?.mobile_number ?? null;
}

/** When each number was first called: its first accepted request's answer. */
function firstCalledAt(fake) {
	const calledAt = new Map();
	for (const request of fake.server.outboundRequests()) {
		if (!(request.status >= 200 && request.status < 300)) continue;
		const number = numberOf(request);
		if (!calledAt.has(number)) calledAt.set(number, request.timeMs + (request.durationMs ?? 0));
	}
	return calledAt;
}

/**
 * The bench's one n8n, with n8n's default production concurrency (unlimited, -1) unless
 * --n8n-env sets one, and the webhook `path` registered. Same shape as QueueMode
 * (bench/lib/queueMode.js).
 */
class SingleMode {
	constructor(ctx, path) {
		this.n8n = ctx.n8n;
		this.path = path;
		this.concurrency = ctx.n8nEnv?.N8N_CONCURRENCY_PRODUCTION_LIMIT ?? '-1';
		this.savedLimit = undefined;
	}

	async start() {
		this.savedLimit = this.n8n.env.N8N_CONCURRENCY_PRODUCTION_LIMIT;
		this.n8n.env.N8N_CONCURRENCY_PRODUCTION_LIMIT = this.concurrency;
		await this.n8n.start();
		await this.n8n.waitForWebhook(this.path);
	}

	get webhookBaseUrl() {
		return this.n8n.baseUrl;
	}

	get restBaseUrl() {
		return this.n8n.baseUrl;
	}

	processes() {
		return { n8n: this.n8n.server.pid };
	}

	serviceProcesses() {
		return {};
	}

	describe() {
		return `single n8n, concurrency ${this.concurrency === '-1' ? 'unlimited (default)' : this.concurrency}`;
	}

	async stop() {
		await this.n8n.stop();
		this.n8n.env.N8N_CONCURRENCY_PRODUCTION_LIMIT = this.savedLimit;
	}
}

module.exports = {
	NAMES,
	FINISHED,
	burstWorkflow,
	parseLimit,
	limitOptions,
	postLeads,
	countExecutions,
	executionsByStatus,
	finishedOf,
	executionsSince,
	waitForOutcomes,
	sinkItems,
	tally,
	postFailureKinds,
	outcomeOf,
	percentile,
	numberOf,
	firstCalledAt,
	SingleMode,
};
