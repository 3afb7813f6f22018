// @ts-check
'use strict';
// The fake eigi API server: wiring, request recording, and the order in which a request meets
// latency, the down switch, injected faults, authentication, the rate limit and its route.
const http = require('node:http');

const { handleAdmin } = require('./admin');
const { getAgent, getDynamicVariables, listAgents } = require('./agents');
const { initiateCalls } = require('./calls');
const { ConversationStore } = require('./conversations');
const { Faults } = require('./faults');
const {
	parseBody,
	queryObject,
	readBody,
	redact,
	redactHeaders,
	sendJson,
	sendRaw,
	REDACTED,
} = require('./httpUtil');
const { checkOptions, defaultOptions, mergeOptions } = require('./options');
const { RateLimiter } = require('./rateLimit');
const { Sinks } = require('./sink');
const { WebhookDispatcher } = require('./webhooks');

/** @typedef {import('./validation').Answer} Answer */
/** @typedef {import('./options').RuntimeOptions} RuntimeOptions */
/**
 * @typedef {{
 *   method: string, path: string, query: Record<string, string | string[]>,
 *   headers: Record<string, string | string[] | undefined>, contentType: string | null,
 *   body: unknown, rawBody: string, auth: 'valid' | 'invalid' | 'missing',
 *   status: number | null, fault: string | null, time: string, timeMs: number, durationMs: number | null,
 * }} RecordedRequest
 * @typedef {{ method: string, path: string, query: Record<string, string | string[]>, body: unknown, contentType: string | undefined, parseError?: string }} ApiRequest
 */

const DEFAULT_API_KEY = 'vk_test_fake_key_0123456789';
const OUTBOUND_PATH = '/v1/public/calls/outbound';
const BODY_LIMIT = 5 * 1024 * 1024;
const RAW_BODY_LIMIT = 64 * 1024;
// A few bytes that start like an MP3 file, for the recording URLs of ended calls.
const FAKE_MP3 = Buffer.concat([
	Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00', 'latin1'),
	Buffer.alloc(118),
]);

class FakeEigiServer {
	/**
	 * @param {Partial<RuntimeOptions> & { port?: number, apiKey?: string, newAccountOnReset?: boolean, log?: (line: string) => void }} [options]
	 */
	constructor(options = {}) {
		const {
			port = 0,
			apiKey = DEFAULT_API_KEY,
			newAccountOnReset = false,
			log,
			...runtime
		} = options;
		if (typeof apiKey !== 'string' || apiKey.length < 8)
			throw new Error('The fake eigi API key should be a string of at least 8 characters');
		this.apiKey = apiKey;
		// A reset as a new eigi account, with a key of its own: what a node remembers of the calls it
		// placed with one account (its claims on numbers) does not reach the next test.
		this.firstApiKey = apiKey;
		this.newAccountOnReset = newAccountOnReset;
		this.port = port;
		this.baseUrl = '';
		/** @type {(line: string) => void} */
		this.log = log ?? (() => {});
		this.initialOptions = mergeOptions(defaultOptions(), checkOptions(runtime));
		this.current = this.initialOptions;
		/** @type {RecordedRequest[]} */
		this.requests = [];
		/** @type {string[]} */
		this.called = [];
		this.rateLimitedCount = 0;
		this.sinks = new Sinks();
		this.faults = new Faults();
		this.limiter = new RateLimiter();
		this.webhooks = new WebhookDispatcher({
			options: () => this.current,
			log: (line) => this.log(line),
		});
		this.store = new ConversationStore({
			options: () => this.current,
			baseUrl: () => this.baseUrl,
			onEnded: (conversation, event) => {
				this.log(
					`call to ${conversation.conversation_metadata?.to_mobile_number} ended: ${conversation.conversation_status}`,
				);
				this.webhooks.send(event, conversation);
			},
		});
		/** @type {Map<NodeJS.Timeout, () => void>} */
		this.sleeps = new Map();
		/** @type {Set<import('node:net').Socket>} connections held by a hang fault, never answered */
		this.hanging = new Set();
		// Bumped by reset(): a request still waiting from before a reset must not touch the new state.
		this.generation = 0;
		this.closed = false;
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error) => {
				this.log(`fake eigi internal error: ${error instanceof Error ? error.stack : error}`);
				sendJson(res, 500, { detail: 'Fake eigi internal error' });
			});
		});
	}

	/** @returns {Promise<this>} */
	async listen() {
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.port, '127.0.0.1', () => resolve(undefined));
		});
		const address = /** @type {import('node:net').AddressInfo} */ (this.server.address());
		this.port = address.port;
		this.baseUrl = `http://127.0.0.1:${address.port}`;
		return this;
	}

	// ---- test controls ----

	/** The options in force now (a copy). */
	get options() {
		return structuredClone(this.current);
	}

	/** @param {Partial<RuntimeOptions>} partial */
	setOptions(partial) {
		this.current = mergeOptions(
			this.current,
			checkOptions(/** @type {Record<string, unknown>} */ (partial ?? {})),
		);
	}

	/** Every conversation by `conversation_id`, brought up to date. */
	get conversations() {
		return Object.fromEntries(
			this.store.all().map((conversation) => [conversation.conversation_id, conversation]),
		);
	}

	/** @param {Record<string, unknown>} fields */
	addConversation(fields) {
		return this.store.add(fields);
	}

	/**
	 * Seeds a call made before the test began (see ConversationStore.addPast), e.g.
	 * `addPastCall({ mobileNumber: '+14155550111', ageMs: 3 * 3600_000 })`.
	 * @param {import('./conversations').PastCall} spec
	 */
	addPastCall(spec) {
		return this.store.addPast(spec);
	}

	/** @param {string} id */
	getConversation(id) {
		return this.store.get(id);
	}

	/**
	 * @param {string} id
	 * @param {import('./outcomes').EndStatus} [status]
	 */
	completeConversation(id, status) {
		return this.store.end(id, status);
	}

	outboundRequests() {
		return this.requests.filter(
			(request) => request.method === 'POST' && request.path === OUTBOUND_PATH,
		);
	}

	calledNumbers() {
		return [...this.called];
	}

	/** @param {string} name */
	sinkRecords(name) {
		return this.sinks.get(name);
	}

	get webhookDeliveries() {
		return [...this.webhooks.records];
	}

	async flushWebhooks() {
		await this.webhooks.flush();
	}

	/** @param {import('./faults').FaultSpec} spec */
	injectFault(spec) {
		this.faults.inject(spec);
	}

	clearFaults() {
		this.faults.queue = [];
	}

	pendingFaults() {
		return this.faults.pending();
	}

	/**
	 * @param {boolean} down
	 * @param {string} [match]
	 */
	setDown(down, match) {
		this.faults.setDown(down, match);
	}

	/** Back to the state right after start: options as given to the constructor, nothing recorded. */
	reset() {
		this.generation += 1;
		if (this.newAccountOnReset) this.apiKey = `${this.firstApiKey}_account${this.generation}`;
		this.current = this.initialOptions;
		this.requests.length = 0;
		this.called.length = 0;
		this.rateLimitedCount = 0;
		this.sinks.clear();
		this.faults.clear();
		this.limiter.reset();
		this.store.clear();
		this.webhooks.clear();
		this.dropHanging();
	}

	/** Ends the connections a hang fault holds: their clients see the connection close. */
	dropHanging() {
		for (const socket of this.hanging) socket.destroy();
		this.hanging.clear();
	}

	/** Stops listening and drops every connection at once, so test runners exit promptly. */
	async close() {
		if (this.closed) return;
		this.closed = true;
		for (const timer of this.sleeps.keys()) clearTimeout(timer);
		this.sleeps.clear();
		this.store.clear();
		this.webhooks.clear();
		this.dropHanging();
		const closing = new Promise((resolve) => this.server.close(() => resolve(undefined)));
		this.server.closeAllConnections();
		await closing;
		await this.webhooks.flush();
	}

	// ---- request handling ----

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 */
	async handle(req, res) {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = (req.method ?? 'GET').toUpperCase();
		const path = url.pathname;
		const query = queryObject(url.searchParams);
		const contentType = req.headers['content-type'];
		const kind = /^\/__admin(\/|$)/.test(path)
			? 'admin'
			: path.startsWith('/sink/')
				? 'sink'
				: path.startsWith('/recordings/')
					? 'recording'
					: 'api';

		/** @type {RecordedRequest | undefined} */
		let entry;
		if (kind === 'api') {
			// Recorded on arrival, so the order is the order requests came in.
			const key = req.headers['x-api-key'];
			entry = {
				method,
				path: redact(path, this.apiKey),
				query: redact(query, this.apiKey),
				headers: redactHeaders(req.headers, this.apiKey),
				contentType: contentType ?? null,
				body: null,
				rawBody: '',
				auth:
					key === undefined || key === '' ? 'missing' : key === this.apiKey ? 'valid' : 'invalid',
				status: null,
				fault: null,
				time: new Date().toISOString(),
				timeMs: Date.now(),
				durationMs: null,
			};
			this.requests.push(entry);
		}
		const { buffer, tooLarge } = await readBody(req, BODY_LIMIT);
		const parsed = parseBody(buffer, contentType);
		if (entry) {
			entry.body = redact(parsed.body, this.apiKey);
			entry.rawBody = redact(buffer.subarray(0, RAW_BODY_LIMIT).toString('utf8'), this.apiKey);
		}
		if (tooLarge)
			return this.answer(res, entry, { status: 413, body: { detail: 'Request body too large' } });

		if (kind === 'admin') {
			return this.answer(
				res,
				undefined,
				handleAdmin(this, method, path.replace(/^\/__admin/, ''), parsed.body),
			);
		}
		if (kind === 'sink') {
			const name = decodeURIComponent(path.slice('/sink/'.length));
			const count = this.sinks.add(name, {
				method,
				query: redact(query, this.apiKey),
				headers: redactHeaders(req.headers, this.apiKey),
				contentType: contentType ?? null,
				body: redact(parsed.body, this.apiKey),
				time: new Date().toISOString(),
			});
			return this.answer(res, undefined, { status: 200, body: { ok: true, count } });
		}
		if (kind === 'recording') {
			if (method !== 'GET' && method !== 'HEAD')
				return this.answer(res, undefined, { status: 405, body: { detail: 'Method Not Allowed' } });
			return sendRaw(res, 200, FAKE_MP3, 'audio/mpeg');
		}
		const request = {
			method,
			path,
			query,
			body: parsed.body,
			contentType,
			parseError: parsed.parseError,
		};
		return this.api(req, res, /** @type {RecordedRequest} */ (entry), request);
	}

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @param {RecordedRequest} entry
	 * @param {ApiRequest} request
	 */
	async api(req, res, entry, request) {
		const generation = this.generation;
		const stale = () => generation !== this.generation;
		const { latencyMs } = this.current;
		if (latencyMs > 0) await this.sleep(latencyMs);
		if (stale()) return void req.socket.destroy();

		if (this.faults.isDown(request.method, request.path)) {
			entry.fault = 'down';
			return this.answer(res, entry, { status: 503, body: { detail: 'Service Unavailable' } });
		}

		const fault = this.faults.take(request.method, request.path);
		if (fault) {
			entry.fault = JSON.stringify(fault);
			if (fault.delayMs) await this.sleep(fault.delayMs);
			if (stale()) return void req.socket.destroy();
			const placeCalls = 'placeCalls' in fault && fault.placeCalls === true;
			if ('reset' in fault && fault.reset) {
				// "The calls went out, then the connection died": eigi acted, the client never hears.
				if (placeCalls) this.serve(entry, request);
				entry.status = null;
				entry.durationMs = Date.now() - entry.timeMs;
				const socket = /** @type {import('node:net').Socket & { resetAndDestroy?: () => void }} */ (
					req.socket
				);
				return void (socket.resetAndDestroy ? socket.resetAndDestroy() : socket.destroy());
			}
			if ('hang' in fault && fault.hang) {
				// "Accepted, then silence": the client waits until it gives up (or reset()/close()).
				if (placeCalls) this.serve(entry, request);
				const socket = req.socket;
				this.hanging.add(socket);
				socket.once('close', () => this.hanging.delete(socket));
				return;
			}
			if ('status' in fault) {
				const served = placeCalls ? this.serve(entry, request) : undefined;
				return this.answer(res, entry, faultAnswer(fault, served));
			}
		}

		if (entry.auth !== 'valid')
			return this.answer(res, entry, {
				status: 401,
				body: { detail: 'Invalid or missing API key' },
			});
		const limited = this.limiter.check(this.current.rateLimit);
		if (!limited.ok) {
			return this.answer(res, entry, {
				status: 429,
				body: { detail: 'Rate limit exceeded' },
				headers: { 'retry-after': String(limited.retryAfter) },
			});
		}
		return this.answer(res, entry, this.route(request));
	}

	/**
	 * Authentication and the route, without faults or the rate limit: what eigi did behind a
	 * fault that "placed the calls anyway".
	 * @param {RecordedRequest} entry
	 * @param {ApiRequest} request
	 * @returns {Answer}
	 */
	serve(entry, request) {
		if (entry.auth !== 'valid')
			return { status: 401, body: { detail: 'Invalid or missing API key' } };
		return this.route(request);
	}

	/**
	 * @param {ApiRequest} request
	 * @returns {Answer}
	 */
	route({ method, path, query, body, contentType, parseError }) {
		const conversation = /^\/v1\/public\/conversations\/([^/]+)$/.exec(path);
		const agent = /^\/v1\/public\/agents\/([^/]+)$/.exec(path);
		// An older eigi without the route answers as FastAPI does for any unknown path.
		const variables = this.current.dynamicVariablesEndpoint
			? /^\/v1\/public\/agents\/([^/]+)\/dynamic-variables$/.exec(path)
			: null;
		/** @type {Array<[boolean, string, () => Answer]>} */
		const routes = [
			[
				path === OUTBOUND_PATH,
				'POST',
				() =>
					initiateCalls(
						{ body, contentType, parseError },
						{ options: this.current, placeCall: (call) => this.placeCall(call) },
					),
			],
			[path === '/v1/public/conversations', 'GET', () => this.store.list(query)],
			[
				conversation !== null,
				'GET',
				() => this.store.read(decodeURIComponent(conversation?.[1] ?? '')),
			],
			[path === '/v1/public/agents', 'GET', () => listAgents(this.current.agents, query)],
			[
				agent !== null,
				'GET',
				() => getAgent(this.current.agents, decodeURIComponent(agent?.[1] ?? '')),
			],
			[
				variables !== null,
				'GET',
				() => getDynamicVariables(this.current.agents, decodeURIComponent(variables?.[1] ?? '')),
			],
		];
		const found = routes.find(([matches]) => matches);
		if (!found) return { status: 404, body: { detail: 'Not Found' } };
		if (found[1] !== method)
			return { status: 405, body: { detail: 'Method Not Allowed' }, headers: { allow: found[1] } };
		return found[2]();
	}

	/**
	 * @param {Parameters<ConversationStore['create']>[0]} call
	 * @returns {{ conversation_id: string }}
	 */
	placeCall(call) {
		const conversation = /** @type {{ conversation_id: string }} */ (this.store.create(call));
		this.called.push(call.mobileNumber);
		this.log(
			`call placed to ${call.mobileNumber} (agent ${call.agent.agent_name ?? call.agent.id}), conversation ${conversation.conversation_id}`,
		);
		if (this.current.sendStartedEvents) this.webhooks.send('conversation.started', conversation);
		return conversation;
	}

	/**
	 * Sends an answer (never containing the key) and completes the request's record.
	 * @param {import('node:http').ServerResponse} res
	 * @param {RecordedRequest | undefined} entry
	 * @param {Answer} answer
	 */
	answer(res, entry, { status, body, headers, contentType }) {
		if (entry) {
			entry.status = status;
			entry.durationMs = Date.now() - entry.timeMs;
			if (status === 429) this.rateLimitedCount += 1;
		}
		if (typeof body === 'string')
			return sendRaw(
				res,
				status,
				redact(body, this.apiKey),
				contentType ?? 'text/plain; charset=utf-8',
				headers,
			);
		return sendJson(res, status, redact(body, this.apiKey), headers);
	}

	/**
	 * A wait that close() cancels (it then never resolves, and the request is dropped).
	 * @param {number} ms
	 */
	sleep(ms) {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.sleeps.delete(timer);
				resolve(undefined);
			}, ms);
			this.sleeps.set(timer, () => resolve(undefined));
		});
	}
}

/**
 * The answer a status fault sends. Retry-After goes out only when the fault asks for it.
 * @param {import('./faults').StatusFault} fault
 * @param {Answer} [served] what eigi answered behind the fault (placeCalls), for `truncated`
 * @returns {Answer}
 */
function faultAnswer(fault, served) {
	/** @type {Record<string, string | number>} */
	const headers = { ...(fault.headers ?? {}) };
	if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
	const { status } = fault;
	if (fault.empty) return { status, body: '', contentType: 'application/json', headers };
	if (fault.html)
		return {
			status,
			body: typeof fault.body === 'string' ? fault.body : htmlPage(status),
			contentType: 'text/html; charset=utf-8',
			headers,
		};
	const fallback =
		status === 429
			? 'Rate limit exceeded'
			: status === 403
				? 'Daily outbound call quota exceeded'
				: (http.STATUS_CODES[status] ?? 'Error');
	if (!fault.truncated) return { status, body: fault.body ?? { detail: fallback }, headers };
	// The JSON eigi meant to send, cut in half and sent with a matching Content-Length: the answer
	// arrives whole, the JSON does not.
	const meant =
		fault.body ??
		served?.body ??
		(status === 200
			? { status: 'success', message: 'Outbound calls initiated successfully' }
			: { detail: fallback });
	const text = JSON.stringify(meant);
	return {
		status,
		body: text.slice(0, Math.max(1, Math.floor(text.length / 2))),
		contentType: 'application/json',
		headers,
	};
}

/**
 * An HTML page where JSON was expected: a proxy's error page (nginx's, the commonest in front of
 * an API), or for 200 a web app's index page (a base URL that points at the dashboard).
 * @param {number} status
 */
function htmlPage(status) {
	if (status >= 200 && status < 300) {
		return '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>eigi</title></head>\n<body><div id="root"></div><script src="/assets/index.js"></script></body>\n</html>\n';
	}
	const title = `${status} ${http.STATUS_CODES[status] ?? 'Error'}`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * Starts a fake eigi API on 127.0.0.1.
 * @param {ConstructorParameters<typeof FakeEigiServer>[0]} [options]
 */
async function createFakeEigi(options) {
	return await new FakeEigiServer(options).listen();
}

module.exports = { createFakeEigi, FakeEigiServer, DEFAULT_API_KEY, REDACTED };
