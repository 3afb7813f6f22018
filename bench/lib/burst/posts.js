'use strict';
// Posting leads to the burst workflow's webhook at set moments, as a CRM would.
const { sleep } = require('../../../tools/n8n-launcher/wait');

/** The window the burst workloads spread their leads' first posts over. */
const POST_WINDOW_MS = 10_000;

/** Every lead at its own moment, spread evenly over POST_WINDOW_MS. */
function evenPosts(leads) {
	return leads.map((lead, index) => ({ lead, atMs: (index * POST_WINDOW_MS) / leads.length }));
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

/** ", N posts not answered 200 (n × kind; ...)" for a run's details, or nothing. */
function postFailuresText(result) {
	return result.postFailures
		? `, ${result.postFailures} posts not answered 200 (${result.postFailureKinds.map(([k, n]) => `${n} × ${k.slice(0, 120)}`).join('; ')})`
		: '';
}

module.exports = { POST_WINDOW_MS, evenPosts, postLeads, postFailuresText };
