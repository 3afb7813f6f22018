'use strict';
// The fake eigi API (this folder, shared with the integration tests), started in this process
// and read back through its /__admin endpoints, as another process would.
// This folder: the fake's module, for whoever needs more of it than startFake.
const FAKE_DIR = __dirname;

// The agent the fixtures call with; given to the fake so it exists there.
const AGENT = {
	id: '68ea2517dbb84c09bae1ba0e',
	agent_name: 'e2e Caller',
	agent_description: 'Agent of the end-to-end suite',
	agent_type: 'OUTBOUND',
	agent_mobile_number: ['+14155550100'],
	dynamic_variables: [{ name: 'customer_name', required: true }],
	first_message_prompt: 'Hi {{customer_name}}',
	created_at: '2026-01-01T00:00:00Z',
	updated_at: '2026-01-01T00:00:00Z',
};

class FakeClient {
	constructor(server, { deliverWebhook }) {
		this.server = server;
		this.baseUrl = server.baseUrl;
		this.apiKey = server.apiKey;
		this.deliverWebhook = deliverWebhook;
	}

	async admin(method, adminPath, body) {
		const response = await fetch(`${this.baseUrl}/__admin${adminPath}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(10000),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`fake eigi ${method} /__admin${adminPath}: ${response.status} ${text}`);
		return text ? JSON.parse(text) : null;
	}

	/** Forgets requests, calls, sinks and faults, back to the options given at start (plus `options`). */
	async reset(options = {}) {
		await this.admin('POST', '/reset');
		if (Object.keys(options).length) await this.admin('POST', '/options', options);
	}

	async requests() {
		return (await this.admin('GET', '/requests')).requests;
	}

	/** Every number a call was placed to, once per call (a number twice means it was called twice). */
	async calls() {
		return (await this.admin('GET', '/calls')).numbers.map((entry) =>
			typeof entry === 'string' ? entry : entry.mobile_number,
		);
	}

	async sink(name) {
		return (await this.admin('GET', `/sink/${encodeURIComponent(name)}`)).records;
	}

	sinkUrl(name) {
		return `${this.baseUrl}/sink/${encodeURIComponent(name)}`;
	}

	/** The `nth` outbound call request from now answers `status`, after placing its calls (the worst case). */
	async failOutboundRequest(nth, status) {
		await this.admin('POST', '/faults', {
			match: 'POST /v1/public/calls/outbound',
			nth,
			kind: { status, placeCalls: true },
		});
	}

	/** Any fault the fake knows (README.md beside this file), e.g. `{ nth: 1, kind: { status: 502, html: true } }`. */
	async injectFault(spec) {
		await this.admin('POST', '/faults', spec);
	}

	/** Places a call through the API as a client would; returns the new conversation's id. */
	async placeCall(agentId, mobileNumber) {
		await this.admin('POST', '/options', { responseShape: 'results' });
		const response = await fetch(`${this.baseUrl}/v1/public/calls/outbound`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': this.apiKey },
			body: JSON.stringify({
				agent_id: agentId,
				params: [{ mobile_number: mobileNumber }],
				telephony_provider: 'PLIVO',
			}),
			signal: AbortSignal.timeout(10000),
		});
		const body = await response.json();
		const id = JSON.stringify(body).match(/"conversation_id":"([^"]+)"/)?.[1];
		if (!response.ok || !id)
			throw new Error(`Placing a call on the fake gave ${response.status} ${JSON.stringify(body)}`);
		return id;
	}

	/**
	 * A webhook delivery exactly as eigi sends it (multipart POST/PUT/PATCH, or GET with query);
	 * `timeoutMs` bounds the wait for the answer (10 s by default).
	 */
	deliver(url, { event, payload, method = 'POST', timeoutMs }) {
		return this.deliverWebhook(url, {
			event,
			payload,
			method,
			...(timeoutMs ? { timeoutMs } : {}),
		});
	}

	async close() {
		await this.server.close();
	}
}

async function startFake(options = {}) {
	const fakeModule = require(FAKE_DIR);
	const server = await fakeModule.createFakeEigi({ agents: [AGENT], ...options });
	return new FakeClient(server, fakeModule);
}

module.exports = { startFake, AGENT, FAKE_DIR };
