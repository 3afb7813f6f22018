'use strict';
// What came back from a burst: the items in the sink, and what n8n answered to refused posts.
const { tally } = require('../stats');

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

module.exports = { sinkItems, outcomeOf, postFailureKinds };
