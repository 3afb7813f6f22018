'use strict';
// Issue 21, "a CRM posts each new lead twice" (its webhook retried), shared by the single-n8n
// suite (scenarios/duplicates.js) and the queue-mode suite: the leads, the two posts of each
// with a gap between them, and what became of each lead (from the fake's call log and the
// eigi node's output item in each of the lead's executions).
const { sleep } = require('../../../tools/n8n-launcher/wait');

// The gaps between a lead's two posts, spread over the leads in turn: the same instant, a retry
// within a request's time, a quick retry, and retries after 1 and 5 seconds.
const GAPS_MS = [0, 50, 300, 1000, 5000];
// Between one lead's first post and the next lead's: a burst, 20 leads a second.
const SPACING_MS = 50;

/**
 * `count` leads with distinct US numbers (area `area`, lines from `firstLine`), each with the gap
 * between its two posts taken from `gaps` in turn.
 */
function makeLeads({ prefix, count, area = 415, firstLine, gaps = GAPS_MS }) {
	return Array.from({ length: count }, (_, index) => {
		const line = String(firstLine + index);
		return {
			id: `${prefix}-${String(index + 1).padStart(2, '0')}`,
			name: `Lead ${index + 1}`,
			phone: `(${area}) 555-${line}`,
			e164: `+1${area}555${line}`,
			gapMs: gaps[index % gaps.length],
		};
	});
}

async function postJson(url, body) {
	const sentAt = Date.now();
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(60000),
		});
		return { status: response.status, text: await response.text(), sentAt };
	} catch (error) {
		return { status: 0, text: error.message, sentAt };
	}
}

/**
 * Posts every lead twice, as a CRM whose webhook is retried does: lead i's first post at
 * i × SPACING_MS, its second `gapMs` later (both at once for 0). `urlFor(lead, post)` is where post
 * 1 or 2 goes. The body carries the lead and which post it is, so each run can be told apart.
 * Resolves with every post: `{ lead, post, url, sentAt, status, text }`.
 */
async function postPairs(leads, urlFor, { spacingMs = SPACING_MS } = {}) {
	const posts = [];
	leads.forEach((lead, index) => {
		for (const post of [1, 2]) {
			const delay = index * spacingMs + (post === 2 ? lead.gapMs : 0);
			const url = urlFor(lead, post);
			posts.push(
				sleep(delay)
					.then(() => postJson(url, { lead: lead.id, post, name: lead.name, phone: lead.phone }))
					.then((answer) => ({ lead: lead.id, post, url, ...answer })),
			);
		}
	});
	return Promise.all(posts);
}

/**
 * What one execution did: the lead and post its Webhook node received, and the eigi node's output
 * item (error items' facts lifted from `details`). `data` is the run data n8n saved
 * (IRunExecutionData).
 */
function runOutcome(data, { executionId, workflowId, webhookNode, callNode }) {
	const runData = data?.resultData?.runData ?? {};
	const lastJson = (name) => {
		const runs = runData[name] ?? [];
		return runs.at(-1)?.data?.main?.[0]?.[0]?.json ?? null;
	};
	const body = lastJson(webhookNode)?.body ?? {};
	const item = lastJson(callNode);
	const facts =
		item?.details && typeof item.details === 'object' ? { ...item, ...item.details } : item;
	const callRun = (runData[callNode] ?? []).at(-1);
	return {
		executionId: String(executionId),
		workflowId,
		lead: body.lead ?? null,
		post: body.post ?? null,
		item: facts,
		status: facts?.status ?? null,
		nodeStartMs: callRun?.startTime ?? null,
		nodeMs: callRun?.executionTime ?? null,
		runError: data?.resultData?.error?.message ?? null,
	};
}

/**
 * Each lead with its two posts (their actual gap), its runs (in post order) and how many calls
 * eigi placed to its number.
 */
function perLead(leads, posts, outcomes, calledNumbers) {
	const callCount = new Map();
	for (const number of calledNumbers) callCount.set(number, (callCount.get(number) ?? 0) + 1);
	return leads.map((lead) => {
		const sent = posts.filter((p) => p.lead === lead.id).sort((a, b) => a.post - b.post);
		const runs = outcomes
			.filter((outcome) => outcome.lead === lead.id)
			.sort((a, b) => a.post - b.post || Number(a.executionId) - Number(b.executionId));
		return {
			lead: lead.id,
			e164: lead.e164,
			gapMs: lead.gapMs,
			actualGapMs: sent.length === 2 ? sent[1].sentAt - sent[0].sentAt : null,
			calls: callCount.get(lead.e164) ?? 0,
			runs,
		};
	});
}

/** Per gap: leads, called once, called twice (or more), not called. */
function byGap(records) {
	const rows = new Map();
	for (const record of records) {
		const row = rows.get(record.gapMs) ?? {
			gapMs: record.gapMs,
			leads: 0,
			once: 0,
			twice: 0,
			notCalled: 0,
			actualGapMs: [],
		};
		row.leads += 1;
		if (record.calls === 1) row.once += 1;
		else if (record.calls === 0) row.notCalled += 1;
		else row.twice += 1;
		if (record.actualGapMs !== null) row.actualGapMs.push(record.actualGapMs);
		rows.set(record.gapMs, row);
	}
	return [...rows.values()]
		.sort((a, b) => a.gapMs - b.gapMs)
		.map(({ actualGapMs, ...row }) => ({
			...row,
			actualGapMs: actualGapMs.length ? [Math.min(...actualGapMs), Math.max(...actualGapMs)] : null,
		}));
}

/** "gap 0 ms: 8 leads, 8 once, 0 twice, 0 not called (sent 0-2 ms apart)", one line per gap. */
function describeByGap(rows) {
	return rows.map(
		(row) =>
			`gap ${String(row.gapMs).padStart(4)} ms: ${row.leads} leads, ${row.once} called once, ${row.twice} called twice or more, ${row.notCalled} not called${row.actualGapMs ? ` (posts sent ${row.actualGapMs[0]}-${row.actualGapMs[1]} ms apart)` : ''}`,
	);
}

module.exports = {
	GAPS_MS,
	SPACING_MS,
	makeLeads,
	postPairs,
	runOutcome,
	perLead,
	byGap,
	describeByGap,
};
