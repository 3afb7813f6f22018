// @ts-check
'use strict';
// Admin endpoints under /__admin/, for callers in another process (the end-to-end suite, the
// sandbox). They need no API key and never show it.

/** @typedef {import('./validation').Answer} Answer */

/**
 * @param {import('./server').FakeEigiServer} fake
 * @param {string} method
 * @param {string} path the path after /__admin
 * @param {unknown} body the parsed request body
 * @returns {Answer}
 */
function handleAdmin(fake, method, path, body) {
	const input =
		body && typeof body === 'object' && !Array.isArray(body)
			? /** @type {Record<string, any>} */ (body)
			: {};
	const sink = /^\/sink\/([^/]+)$/.exec(path);
	const end = /^\/conversations\/([^/]+)\/(end|complete)$/.exec(path);
	try {
		if (method === 'GET' && path === '/health') return ok({ ok: true });
		if (method === 'GET' && path === '/requests') return ok({ requests: fake.requests });
		if (method === 'GET' && path === '/calls') return ok({ numbers: fake.calledNumbers() });
		if (method === 'GET' && sink)
			return ok({ records: fake.sinkRecords(decodeURIComponent(sink[1])) });
		if (method === 'GET' && path === '/webhooks') return ok({ deliveries: fake.webhookDeliveries });
		if (method === 'GET' && path === '/stats') {
			return ok({
				requests: fake.requests.length,
				outboundRequests: fake.outboundRequests().length,
				calls: fake.calledNumbers().length,
				rateLimited: fake.rateLimitedCount,
				pendingFaults: fake.pendingFaults(),
			});
		}
		if (method === 'POST' && path === '/reset') {
			fake.reset();
			return ok({ ok: true });
		}
		if (method === 'GET' && path === '/options') return ok(fake.options);
		if (method === 'POST' && path === '/options') {
			fake.setOptions(input);
			return ok(fake.options);
		}
		if (method === 'POST' && path === '/faults') {
			for (const spec of Array.isArray(body) ? body : [body]) fake.injectFault(spec);
			return ok({ pending: fake.pendingFaults() });
		}
		if (method === 'DELETE' && path === '/faults') {
			fake.clearFaults();
			return ok({ ok: true });
		}
		if (method === 'POST' && path === '/down') {
			fake.setDown(input.down !== false, input.match);
			return ok({ down: input.down !== false });
		}
		if (method === 'GET' && path === '/conversations')
			return ok({ conversations: Object.values(fake.conversations) });
		if (method === 'POST' && path === '/conversations') return ok(fake.addConversation(input));
		if (method === 'POST' && path === '/past-calls') {
			// One past call gives its conversation; an array gives { conversations }.
			if (!Array.isArray(body)) return ok(fake.addPastCall(/** @type {any} */ (input)));
			return ok({ conversations: body.map((spec) => fake.addPastCall(spec)) });
		}
		if (method === 'POST' && end) {
			const conversation = fake.completeConversation(decodeURIComponent(end[1]), input.status);
			return conversation
				? ok(conversation)
				: { status: 404, body: { detail: 'Conversation not found' } };
		}
	} catch (error) {
		return {
			status: 400,
			body: { detail: error instanceof Error ? error.message : String(error) },
		};
	}
	return { status: 404, body: { detail: `No admin endpoint ${method} /__admin${path}` } };
}

/** @param {unknown} body @returns {Answer} */
function ok(body) {
	return { status: 200, body };
}

module.exports = { handleAdmin };
