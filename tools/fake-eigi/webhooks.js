// @ts-check
'use strict';
// Webhook deliveries exactly as eigi sends them: for POST, PUT and PATCH a multipart/form-data
// body with the text fields `event` and `payload` (a JSON string); for GET, the same two as
// query parameters. Not JSON.
const { setMaxListeners } = require('node:events');
const http = require('node:http');
const https = require('node:https');

const { encodeMultipart } = require('./multipart');

/** @typedef {'POST' | 'GET' | 'PUT' | 'PATCH'} WebhookMethod */
/**
 * @typedef {{
 *   url: string, method: WebhookMethod, event: string, conversation_id: string | undefined,
 *   payload: string, status: number | null, error: string | null, time: string,
 * }} DeliveryRecord
 */

/**
 * The payload eigi sends: `event`, `id` and `conversation_id` first, then the conversation's
 * main fields (or, with the shape 'idsOnly', only the status).
 * @param {string} event
 * @param {Record<string, any>} conversation
 * @param {'conversation' | 'idsOnly'} [shape]
 */
function webhookPayload(event, conversation, shape = 'conversation') {
	const { id, conversation_id, ...rest } = conversation;
	if (shape === 'idsOnly')
		return { event, id, conversation_id, conversation_status: rest.conversation_status };
	return {
		event,
		id,
		conversation_id,
		agent_id: rest.agent_id,
		conversation_type: rest.conversation_type,
		conversation_status: rest.conversation_status,
		conversation_metadata: rest.conversation_metadata,
		conversation_transcript: rest.conversation_transcript,
		conversation_analysis: rest.conversation_analysis,
		notes: rest.notes ?? null,
		created_at: rest.created_at,
		updated_at: rest.updated_at,
	};
}

/**
 * A `conversation.completed` payload as a test or benchmark sends it: a finished two-line
 * conversation (the agent's `greeting`, the callee's answer) with its number and duration.
 * @param {{ id: string, conversationId: string, greeting: string }} fields
 */
function completedDelivery({ id, conversationId, greeting }) {
	return {
		event: 'conversation.completed',
		id,
		conversation_id: conversationId,
		conversation_status: 'COMPLETED',
		conversation_transcript: [
			{ role: 'assistant', content: greeting, timestamp: '2026-01-01T10:00:00Z' },
			{ role: 'user', content: 'Hi! Yes, Tuesday works.', timestamp: '2026-01-01T10:00:04Z' },
		],
		conversation_metadata: { to_mobile_number: '+14155552671', conversation_duration: 42 },
	};
}

/**
 * Sends one delivery as eigi does. `payload` may be an object (sent as its JSON) or a string
 * (sent as it is). Resolves with the receiver's answer; rejects on a network error or timeout.
 * @param {string} url
 * @param {{ event: string, payload: unknown, method?: WebhookMethod, timeoutMs?: number, signal?: AbortSignal }} delivery
 * @returns {Promise<{ status: number, body: string }>}
 */
function deliverWebhook(url, { event, payload, method = 'POST', timeoutMs = 10_000, signal }) {
	const payloadText = typeof payload === 'string' ? payload : JSON.stringify(payload);
	const target = new URL(url);
	/** @type {Record<string, string | number>} */
	const headers = { 'user-agent': 'fake-eigi-webhooks/1.0', accept: '*/*', connection: 'close' };
	/** @type {Buffer | undefined} */
	let body;
	if (method === 'GET') {
		target.searchParams.set('event', event);
		target.searchParams.set('payload', payloadText);
	} else {
		const form = encodeMultipart({ event, payload: payloadText });
		body = form.body;
		headers['content-type'] = form.contentType;
		headers['content-length'] = form.body.length;
	}
	const transport = target.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		// No keep-alive agent: a finished delivery leaves no socket open behind it.
		const request = transport.request(
			target,
			{ method, headers, agent: false, signal, timeout: timeoutMs },
			(response) => {
				/** @type {Buffer[]} */
				const chunks = [];
				response.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						body: Buffer.concat(chunks).toString('utf8'),
					}),
				);
				response.on('error', reject);
			},
		);
		request.on('timeout', () =>
			request.destroy(new Error(`Webhook delivery timed out after ${timeoutMs} ms`)),
		);
		request.on('error', reject);
		request.end(body);
	});
}

/** One signal for every delivery under way: a campaign has more than Node's default 10 listeners. */
function unboundedController() {
	const controller = new AbortController();
	setMaxListeners(0, controller.signal);
	return controller;
}

/** Sends the server's deliveries to every configured URL and keeps a record of each. */
class WebhookDispatcher {
	/** @param {{ options: () => import('./options').RuntimeOptions, log: (line: string) => void }} deps */
	constructor(deps) {
		this.deps = deps;
		/** @type {DeliveryRecord[]} */
		this.records = [];
		/** @type {Set<Promise<void>>} */
		this.inFlight = new Set();
		this.controller = unboundedController();
	}

	/**
	 * @param {string} event
	 * @param {Record<string, any>} conversation
	 */
	send(event, conversation) {
		const { webhookUrls, webhookMethod, webhookPayload: shape } = this.deps.options();
		const payload = JSON.stringify(webhookPayload(event, conversation, shape));
		for (const url of webhookUrls) {
			/** @type {DeliveryRecord} */
			const record = {
				url,
				method: webhookMethod,
				event,
				conversation_id: conversation.conversation_id,
				payload,
				status: null,
				error: null,
				time: new Date().toISOString(),
			};
			this.records.push(record);
			const delivery = deliverWebhook(url, {
				event,
				payload,
				method: webhookMethod,
				signal: this.controller.signal,
			})
				.then(({ status }) => {
					record.status = status;
					this.deps.log(`webhook ${event} → ${url}: ${status}`);
				})
				.catch((/** @type {Error} */ error) => {
					record.error = error.message;
					this.deps.log(`webhook ${event} → ${url} failed: ${error.message}`);
				})
				.finally(() => this.inFlight.delete(delivery));
			this.inFlight.add(delivery);
		}
	}

	/** Waits until every delivery started so far has been answered or has failed. */
	async flush() {
		while (this.inFlight.size) await Promise.all([...this.inFlight]);
	}

	/** Aborts deliveries under way (their records get an error) and forgets the records. */
	clear() {
		this.controller.abort();
		this.controller = unboundedController();
		this.records = [];
	}
}

module.exports = { deliverWebhook, webhookPayload, completedDelivery, WebhookDispatcher };
