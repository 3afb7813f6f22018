// @ts-check
'use strict';
// Conversations: created by accepted calls (or seeded by tests), read one by one or as pages,
// and moved from IN_PROGRESS to an end status after a time or a number of reads.
const crypto = require('node:crypto');

const { endConversation, eventFor } = require('./outcomes');
const {
	paginate,
	parseIsoTime,
	problem,
	queryDate,
	queryEnum,
	queryInt,
	single,
	unprocessable,
} = require('./validation');

/** @typedef {import('./validation').Answer} Answer */
/** @typedef {import('./outcomes').EndStatus} EndStatus */
/** @typedef {Record<string, any>} Conversation */
/**
 * @typedef {{
 *   mobileNumber: string, createdAt?: string | Date, ageMs?: number, agentId?: string,
 *   status?: 'IN_PROGRESS' | EndStatus, callingType?: 'OUTBOUND' | 'INBOUND',
 *   metadata?: Record<string, unknown>, provider?: string, conversationId?: string,
 * }} PastCall
 */
/**
 * @typedef {{
 *   conversation: Conversation,
 *   live: boolean,
 *   reads: number,
 *   createdMs: number,
 *   agentName: string,
 *   attempt?: number,
 *   timer?: NodeJS.Timeout,
 * }} Entry
 */

const CONVERSATION_TYPES = ['TELEPHONY', 'DAILY', 'WHATSAPP', 'CHAT'];
const CONVERSATION_STATUSES = ['IN_PROGRESS', 'COMPLETED', 'DISCONNECTED', 'FAILED'];
const CALLING_TYPES = ['INBOUND', 'OUTBOUND'];
const END_STATUSES = ['COMPLETED', 'FAILED', 'DISCONNECTED'];

/** A 24-hex id, like the MongoDB ids eigi uses for its records. */
function objectId() {
	return crypto.randomBytes(12).toString('hex');
}

class ConversationStore {
	/**
	 * @param {{
	 *   options: () => import('./options').RuntimeOptions,
	 *   baseUrl: () => string,
	 *   onEnded: (conversation: Conversation, event: string) => void,
	 * }} deps
	 */
	constructor(deps) {
		this.deps = deps;
		/** @type {Map<string, Entry>} */
		this.entries = new Map();
	}

	/**
	 * A conversation for a call eigi accepted. It ends on its own only when the options say so.
	 * @param {{ agent: import('./agents').Agent, mobileNumber: string, metadata: Record<string, unknown> | undefined, provider: string }} call
	 */
	create({ agent, mobileNumber, metadata, provider }) {
		// Counted before this call joins: every outbound call to the number so far, plus this one.
		const attempt = this.#outboundCallsTo(mobileNumber) + 1;
		const conversation = newConversation({
			agent,
			mobileNumber,
			metadata,
			provider,
			createdAt: new Date().toISOString(),
			callingType: 'OUTBOUND',
		});
		/** @type {Entry} */
		const entry = {
			conversation,
			live: true,
			reads: 0,
			createdMs: Date.now(),
			agentName: String(agent.agent_name ?? 'eigi'),
			attempt,
		};
		this.entries.set(conversation.conversation_id, entry);
		const delay = this.deps.options().completeAfterMs;
		if (delay > 0) {
			entry.timer = setTimeout(() => this.#end(entry), delay);
			entry.timer.unref();
		}
		return conversation;
	}

	/**
	 * Seeds a conversation exactly as given (a missing conversation_id is filled in). Seeded
	 * conversations never change on their own; end them with `end()`.
	 * @param {Record<string, unknown>} fields
	 */
	add(fields) {
		/** @type {Conversation} */
		const conversation = structuredClone(fields);
		// Kept as given (a test may leave fields out on purpose); only the key it is stored under is
		// filled in, so two seeds without one do not overwrite each other.
		conversation.conversation_id ??= crypto.randomUUID();
		const id = String(conversation.conversation_id);
		this.#stop(this.entries.get(id));
		this.entries.set(id, {
			conversation,
			live: false,
			reads: 0,
			createdMs: Date.now(),
			agentName: 'eigi',
		});
		return conversation;
	}

	/**
	 * A call made before the test began, as eigi recorded it: a whole conversation like one the
	 * fake places, dated `createdAt` (or `ageMs` ago), already ended as `status` (default
	 * COMPLETED) with its transcript. It never changes on its own and sends no webhook; it is not
	 * in calledNumbers(). For an INBOUND call the number is the caller's (from_mobile_number).
	 * @param {PastCall} spec
	 */
	addPast(spec) {
		const past = checkPastCall(spec);
		const agents = this.deps.options().agents;
		const agent =
			past.agentId === undefined
				? (agents[0] ?? { id: objectId() })
				: (agents.find((candidate) => candidate.id === past.agentId) ?? { id: past.agentId });
		const conversation = newConversation({ ...past, agent });
		if (past.conversationId !== undefined) conversation.conversation_id = past.conversationId;
		const createdMs = Date.parse(past.createdAt);
		const agentName = String(agent.agent_name ?? 'eigi');
		if (past.status !== 'IN_PROGRESS') {
			endConversation(conversation, past.status, {
				agentName,
				baseUrl: this.deps.baseUrl(),
				now: new Date(createdMs),
			});
			// It ended when the call did, not when the test seeded it.
			conversation.updated_at = new Date(
				createdMs + 1000 * Number(conversation.conversation_metadata.conversation_duration ?? 0),
			).toISOString();
		}
		const id = String(conversation.conversation_id);
		this.#stop(this.entries.get(id));
		this.entries.set(id, { conversation, live: false, reads: 0, createdMs, agentName });
		return conversation;
	}

	/**
	 * One conversation, brought up to date first. A counted read moves it on when
	 * `completeAfterReads` is set: reads 1..N see it in progress, read N+1 sees it ended.
	 * @param {string} id
	 * @param {{ countRead?: boolean }} [how]
	 */
	get(id, { countRead = false } = {}) {
		const entry = this.entries.get(id);
		if (!entry) return undefined;
		if (countRead) entry.reads += 1;
		this.#catchUp(entry);
		return entry.conversation;
	}

	/**
	 * Ends a conversation now (tests and the admin route use it). Without a status, the call's
	 * number decides, as when it ends on its own. Returns undefined for an unknown id.
	 * @param {string} id
	 * @param {EndStatus} [status]
	 */
	end(id, status) {
		const entry = this.entries.get(id);
		if (!entry) return undefined;
		if (status !== undefined && !END_STATUSES.includes(status))
			throw new Error(`End status should be one of ${END_STATUSES.join(', ')}`);
		entry.live = true;
		this.#end(entry, status);
		return entry.conversation;
	}

	/** Every conversation, oldest first, brought up to date. */
	all() {
		return [...this.entries.values()].map((entry) => {
			this.#catchUp(entry);
			return entry.conversation;
		});
	}

	/**
	 * GET /v1/public/conversations
	 * @param {Record<string, string | string[]>} query
	 * @returns {Answer}
	 */
	list(query) {
		/** @type {import('./validation').ValidationIssue[]} */
		const issues = [];
		const page = queryInt(issues, query, 'page', { fallback: 1, min: 1 });
		const pageSize = queryInt(issues, query, 'page_size', { fallback: 10, min: 1, max: 100 });
		const type = queryEnum(issues, query, 'conversation_type', CONVERSATION_TYPES);
		const callingType = queryEnum(issues, query, 'calling_type', CALLING_TYPES);
		const status = queryEnum(issues, query, 'conversation_status', CONVERSATION_STATUSES);
		const from = queryDate(issues, query, 'from_date', 'start');
		const to = queryDate(issues, query, 'to_date', 'end');
		if (issues.length) return unprocessable(issues);
		const agentId = single(query, 'agent_id');
		const search = (single(query, 'search') ?? '').trim().toLowerCase();
		// A number matches with or without its '+' or spacing (an unencoded '+' in a query string
		// even arrives as a space).
		const digits = search.replace(/[\s\-().+]/g, '');
		const numberSearch = /^\d{3,}$/.test(digits) ? digits : undefined;

		const matching = this.all().filter((conversation) => {
			const metadata = conversation.conversation_metadata ?? {};
			if (type && conversation.conversation_type !== type) return false;
			if (status && conversation.conversation_status !== status) return false;
			if (callingType && metadata.calling_type !== callingType) return false;
			if (agentId && conversation.agent_id !== agentId) return false;
			if (from !== undefined || to !== undefined) {
				const created =
					typeof conversation.created_at === 'string'
						? parseIsoTime(conversation.created_at)
						: undefined;
				if (
					created === undefined ||
					(from !== undefined && created < from) ||
					(to !== undefined && created > to)
				)
					return false;
			}
			const { searchCoversNumbers } = this.deps.options();
			if (!search || searchText(conversation, searchCoversNumbers).includes(search)) return true;
			return (
				searchCoversNumbers &&
				numberSearch !== undefined &&
				String(metadata.to_mobile_number ?? '')
					.replace(/\D/g, '')
					.includes(numberSearch)
			);
		});
		// Newest first; the sort is stable, so equal dates keep the order they were added in.
		const sorted = matching
			.map((conversation, index) => ({
				conversation,
				index,
				time: parseIsoTime(String(conversation.created_at ?? '')) ?? 0,
			}))
			.sort((a, b) => b.time - a.time || a.index - b.index)
			.map(({ conversation }) => conversation);
		const { items: found, ...numbers } = paginate(sorted, page, pageSize);
		const items = found.map((conversation) => this.#present(conversation));
		const body =
			this.deps.options().listShape === 'topLevel'
				? { data: items, ...numbers }
				: { data: items, pagination: numbers };
		return { status: 200, body };
	}

	/**
	 * GET /v1/public/conversations/{id}
	 * @param {string} id
	 * @returns {Answer}
	 */
	read(id) {
		const conversation = this.get(id, { countRead: true });
		return conversation
			? { status: 200, body: this.#present(conversation) }
			: problem(404, 'Conversation not found');
	}

	/**
	 * A conversation as the API answers it. With `listNumbersWithoutPlus`, its numbers lose the
	 * '+' (as in eigi's list example); the stored record keeps E.164.
	 * @param {Conversation} conversation
	 * @returns {Conversation}
	 */
	#present(conversation) {
		const metadata = conversation.conversation_metadata;
		if (!this.deps.options().listNumbersWithoutPlus || !metadata || typeof metadata !== 'object')
			return conversation;
		const shown = { ...metadata };
		for (const key of ['to_mobile_number', 'from_mobile_number']) {
			if (typeof shown[key] === 'string') shown[key] = shown[key].replace(/^\+/, '');
		}
		return { ...conversation, conversation_metadata: shown };
	}

	/** Forgets every conversation and stops their timers. */
	clear() {
		for (const entry of this.entries.values()) this.#stop(entry);
		this.entries.clear();
	}

	/** @param {Entry} entry */
	#catchUp(entry) {
		if (!entry.live) return;
		const { completeAfterMs, completeAfterReads } = this.deps.options();
		// Timers can fire late; a read after the due time must already see the end.
		const dueByTime = completeAfterMs > 0 && Date.now() - entry.createdMs >= completeAfterMs;
		const dueByReads = completeAfterReads > 0 && entry.reads > completeAfterReads;
		if (dueByTime || dueByReads) this.#end(entry);
	}

	/**
	 * @param {Entry} entry
	 * @param {EndStatus} [status]
	 */
	#end(entry, status) {
		if (!entry.live) return;
		this.#stop(entry);
		entry.live = false;
		const conversation = entry.conversation;
		const ending = status ?? this.#endingFor(entry);
		endConversation(conversation, ending, {
			agentName: entry.agentName,
			baseUrl: this.deps.baseUrl(),
			now: new Date(),
		});
		this.deps.onEnded(conversation, eventFor(ending));
	}

	/**
	 * How a call ends on its own: a listed number's fixed ending, else the answer plan's, else
	 * COMPLETED.
	 * @param {Entry} entry
	 * @returns {import('./outcomes').Ending}
	 */
	#endingFor(entry) {
		const number = entry.conversation.conversation_metadata?.to_mobile_number;
		const options = this.deps.options();
		if (options.failedCallNumbers.includes(number)) return 'FAILED';
		if (options.disconnectedNumbers.includes(number)) return 'DISCONNECTED';
		const plan = options.answerOnAttempt;
		if (!plan || typeof number !== 'string' || entry.attempt === undefined) return 'COMPLETED';
		const answersOn = plan[Number(number.slice(-1))];
		return answersOn > 0 && entry.attempt >= answersOn ? 'COMPLETED' : 'UNANSWERED';
	}

	/** @param {string} mobileNumber */
	#outboundCallsTo(mobileNumber) {
		let count = 0;
		for (const { conversation } of this.entries.values()) {
			const metadata = conversation.conversation_metadata ?? {};
			if (metadata.calling_type === 'OUTBOUND' && metadata.to_mobile_number === mobileNumber)
				count++;
		}
		return count;
	}

	/** @param {Entry | undefined} entry */
	#stop(entry) {
		if (entry?.timer) clearTimeout(entry.timer);
		if (entry) entry.timer = undefined;
	}
}

/**
 * A new call's conversation, in progress. For an INBOUND call the number is the caller's, and
 * the call came to the agent's number.
 * @param {{ agent: import('./agents').Agent, mobileNumber: string, metadata: Record<string, unknown> | undefined, provider: string, createdAt: string, callingType: string }} call
 * @returns {Conversation}
 */
function newConversation({ agent, mobileNumber, metadata, provider, createdAt, callingType }) {
	const numbers = Array.isArray(agent.agent_mobile_number) ? agent.agent_mobile_number : [];
	const agentNumber = typeof numbers[0] === 'string' ? numbers[0] : '+14155550100';
	const inbound = callingType === 'INBOUND';
	return {
		id: objectId(),
		conversation_id: crypto.randomUUID(),
		agent_id: agent.id,
		conversation_type: 'TELEPHONY',
		conversation_status: 'IN_PROGRESS',
		conversation_transcript: [],
		conversation_analysis: null,
		notes: null,
		conversation_metadata: {
			to_mobile_number: inbound ? agentNumber : mobileNumber,
			from_mobile_number: inbound ? mobileNumber : agentNumber,
			calling_type: callingType,
			telephony_provider: provider,
			conversation_recording_url: null,
			conversation_duration: null,
			dynamic_variables: metadata ? structuredClone(metadata) : {},
		},
		created_at: createdAt,
		updated_at: createdAt,
	};
}

const PAST_CALL_KEYS = [
	'mobileNumber',
	'createdAt',
	'ageMs',
	'agentId',
	'status',
	'callingType',
	'metadata',
	'provider',
	'conversationId',
];

/**
 * Checks a past call's description strictly (a typo must not seed the wrong history) and fills
 * in its defaults.
 * @param {PastCall} spec
 */
function checkPastCall(spec) {
	if (!spec || typeof spec !== 'object')
		throw new Error('A past call needs at least { mobileNumber }');
	const unknown = Object.keys(spec).find((key) => !PAST_CALL_KEYS.includes(key));
	if (unknown)
		throw new Error(`Unknown past call field "${unknown}" (${PAST_CALL_KEYS.join(', ')})`);
	const {
		mobileNumber,
		createdAt,
		ageMs,
		agentId,
		status = 'COMPLETED',
		callingType = 'OUTBOUND',
		metadata,
		provider = 'PLIVO',
		conversationId,
	} = spec;
	if (typeof mobileNumber !== 'string' || !mobileNumber)
		throw new Error('A past call needs a mobileNumber (E.164, e.g. +14155550111)');
	if (createdAt !== undefined && ageMs !== undefined)
		throw new Error('A past call takes createdAt or ageMs, not both');
	if (ageMs !== undefined && !(typeof ageMs === 'number' && ageMs >= 0))
		throw new Error("A past call's ageMs should be a number >= 0");
	const createdMs =
		createdAt === undefined
			? Date.now() - (ageMs ?? 0)
			: createdAt instanceof Date
				? createdAt.getTime()
				: typeof createdAt === 'string'
					? parseIsoTime(createdAt)
					: undefined;
	if (createdMs === undefined || Number.isNaN(createdMs))
		throw new Error("A past call's createdAt should be an ISO 8601 date-time or a Date");
	if (!CONVERSATION_STATUSES.includes(status))
		throw new Error(`A past call's status should be one of ${CONVERSATION_STATUSES.join(', ')}`);
	if (!CALLING_TYPES.includes(callingType))
		throw new Error(`A past call's callingType should be one of ${CALLING_TYPES.join(', ')}`);
	if (
		metadata !== undefined &&
		(metadata === null || typeof metadata !== 'object' || Array.isArray(metadata))
	)
		throw new Error("A past call's metadata should be an object");
	if (agentId !== undefined && typeof agentId !== 'string')
		throw new Error("A past call's agentId should be a string");
	if (conversationId !== undefined && typeof conversationId !== 'string')
		throw new Error("A past call's conversationId should be a string");
	return {
		mobileNumber,
		createdAt: new Date(createdMs).toISOString(),
		agentId,
		status: /** @type {'IN_PROGRESS' | EndStatus} */ (status),
		callingType,
		metadata,
		provider,
		conversationId,
	};
}

/**
 * @param {Conversation} conversation
 * @param {boolean} withNumbers
 */
function searchText(conversation, withNumbers) {
	const metadata = conversation.conversation_metadata ?? {};
	const transcript = Array.isArray(conversation.conversation_transcript)
		? conversation.conversation_transcript
				.map((/** @type {any} */ line) => line?.content ?? '')
				.join(' ')
		: '';
	return [
		conversation.conversation_id,
		conversation.id,
		withNumbers ? metadata.to_mobile_number : '',
		withNumbers ? metadata.from_mobile_number : '',
		JSON.stringify(metadata.dynamic_variables ?? {}),
		transcript,
	]
		.join(' ')
		.toLowerCase();
}

module.exports = { ConversationStore, objectId, CONVERSATION_STATUSES, END_STATUSES };
