// Types for the fake eigi API (plain CommonJS in this folder), for TypeScript tests.

export type ResponseShape = 'plain' | 'results' | 'fastapi';
/** How a results entry writes `mobile_number` back: '+14155550111', '14155550111' or '+1 415 555 0111'. */
export type EchoNumbers = 'asSent' | 'noPlus' | 'spaced';
export type ListShape = 'pagination' | 'topLevel';
export type WebhookMethod = 'POST' | 'GET' | 'PUT' | 'PATCH';
export type EndStatus = 'COMPLETED' | 'FAILED' | 'DISCONNECTED';

export type FieldType = 'STRING' | 'NUMBER' | 'EMAIL' | 'PHONE';

/** How the default agents declare a variable in `dynamic_variables` (shape 'objects'). */
export interface AgentVariable {
	name: string;
	description?: string;
	required?: boolean;
	/** Default 'STRING'. Only the dynamic-variables route shows it typed. */
	field_type?: FieldType;
}

/** One entry of GET /v1/public/agents/{id}/dynamic-variables. */
export interface DynamicVariable {
	variable_name: string;
	required: boolean;
	field_type: FieldType;
	description: string | null;
}

export interface DynamicVariablesAnswer {
	agent_id: string;
	agent_name: string | null;
	dynamic_variables: DynamicVariable[];
}

export interface Agent {
	id: string;
	agent_name?: string;
	agent_description?: string;
	agent_type?: string;
	agent_mobile_number?: string[];
	dynamic_variables?: unknown;
	/**
	 * Fake-only, never answered by the agent routes: the typed variables behind names-only
	 * `dynamic_variables`, for the dynamic-variables route (entries like AgentVariable or
	 * DynamicVariable). Without it, that route reads `dynamic_variables`.
	 */
	variable_definitions?: Array<AgentVariable | DynamicVariable | string>;
	first_message_prompt?: string;
	created_at?: string;
	updated_at?: string;
	[field: string]: unknown;
}

export interface TranscriptLine {
	role: 'assistant' | 'user';
	content: string;
	timestamp: string;
}

export interface Conversation {
	/** Set on calls the fake placed; a seeded conversation has only what the test gave it. */
	id?: string;
	conversation_id: string;
	agent_id?: string;
	conversation_type?: string;
	conversation_status?: string;
	conversation_transcript?: TranscriptLine[] | null;
	conversation_analysis?: Record<string, unknown> | null;
	notes?: string | null;
	conversation_metadata?: {
		to_mobile_number?: string;
		from_mobile_number?: string;
		calling_type?: string;
		telephony_provider?: string;
		conversation_recording_url?: string | null;
		conversation_duration?: number | null;
		dynamic_variables?: Record<string, unknown>;
		[field: string]: unknown;
	};
	created_at?: string;
	updated_at?: string;
	[field: string]: unknown;
}

/** A results entry with responseShape 'results'. */
export interface CallResult {
	mobile_number: string;
	status: 'initiated' | 'failed';
	conversation_id?: string;
	error?: string;
}

/** A results entry with responseShape 'fastapi': every field present, null where unset. */
export interface FastApiCallResult {
	mobile_number: string;
	conversation_id: string | null;
	status: 'initiated' | 'failed';
	error: string | null;
}

/** A call made before the test began, for addPastCall and POST /__admin/past-calls. */
export interface PastCall {
	/** The customer's number: to_mobile_number of an OUTBOUND call, from_mobile_number of an INBOUND one. */
	mobileNumber: string;
	/** When it was placed (ISO 8601; a time without a zone is UTC). Default: now. */
	createdAt?: string | Date;
	/** Or how long ago it was placed, in ms (not both). */
	ageMs?: number;
	/** Default: the first agent. An unknown id is kept as given (a deleted agent). */
	agentId?: string;
	/** Default 'COMPLETED' (with a transcript); 'IN_PROGRESS' stays so until completeConversation(). */
	status?: 'IN_PROGRESS' | EndStatus;
	/** Default 'OUTBOUND'. */
	callingType?: 'OUTBOUND' | 'INBOUND';
	/** The call's dynamic variables. */
	metadata?: Record<string, unknown>;
	/** Default 'PLIVO'. */
	provider?: string;
	/** Default: a new UUID. */
	conversationId?: string;
}

export interface RateLimitOptions {
	requestsPerSecond?: number;
	requestsPerMinute?: number;
	/** Fixed Retry-After; by default it is computed from when a slot frees (at least 1). */
	retryAfterSeconds?: number;
}

/** Options that can change while running (setOptions, POST /__admin/options). */
export interface FakeEigiRuntimeOptions {
	/**
	 * 'plain' (default): the documented `{status, message}`; 'results': plus per-number `results`
	 * (entries leave out what is unset); 'fastapi': `results` entries with every field of
	 * {@link FastApiCallResult}, `null` where unset.
	 */
	responseShape: ResponseShape;
	/** How `mobile_number` is written back in results entries (default 'asSent'). */
	echoNumbers: EchoNumbers;
	/** 'pagination' (default): `{data, pagination: {...}}`; 'topLevel': `{data, total, page, ...}`. */
	listShape: ListShape;
	/**
	 * true: GET conversation(s) answers write to_mobile_number and from_mobile_number without the
	 * '+' (as eigi's list example does). Stored records, webhooks and the JS API keep E.164. Default false.
	 */
	listNumbersWithoutPlus: boolean;
	/** Most numbers in one outbound request (default 100); more gives 422. */
	maxParams: number;
	/** Numbers eigi rejects individually ("Number not reachable"): no call, no conversation. */
	failingNumbers: string[] | Set<string>;
	/** Numbers whose call is placed but ends FAILED (not answered). */
	failedCallNumbers: string[] | Set<string>;
	/** Numbers whose call is placed but ends DISCONNECTED (hung up early). */
	disconnectedNumbers: string[] | Set<string>;
	/**
	 * A campaign's callees, by the last digit of their number: entry d is the attempt on which a
	 * number ending in d answers (its call COMPLETED), 0 = never. An attempt counts every outbound
	 * call to the number the fake holds, seeded past calls included. A call before that attempt
	 * rings out: DISCONNECTED, no transcript, duration 0. failedCallNumbers and
	 * disconnectedNumbers still come first. null (default): every call completes.
	 */
	answerOnAttempt: number[] | null;
	/**
	 * What a webhook payload carries: 'conversation' (default: event, ids and the main conversation
	 * fields, metadata included) or 'idsOnly' (event, id, conversation_id, conversation_status),
	 * for a receiver that must fetch the rest.
	 */
	webhookPayload: 'conversation' | 'idsOnly';
	/**
	 * false: the list's `search` does not look at phone numbers (only ids, variables and the
	 * transcript), as an eigi whose search covers names only would. Default true.
	 */
	searchCoversNumbers: boolean;
	/** Calls end this many ms after they start; 0 (default) = only when told or by reads. */
	completeAfterMs: number;
	/** Calls end after this many reads: reads 1..N see IN_PROGRESS, read N+1 the end. 0 = off. */
	completeAfterReads: number;
	/** Replaces the default agents. */
	agents: Agent[];
	/**
	 * Shape of the default agents' `dynamic_variables`: `{name, description, required}` objects
	 * (default) or names. The dynamic-variables route keeps giving them typed either way.
	 */
	dynamicVariablesShape: 'objects' | 'strings';
	/** false: GET /v1/public/agents/{id}/dynamic-variables answers 404 `{detail: 'Not Found'}` (an older eigi). Default true. */
	dynamicVariablesEndpoint: boolean;
	rateLimit: RateLimitOptions | null;
	/** Every API answer comes this many ms late (admin, sink and recordings are not delayed). */
	latencyMs: number;
	/** Where to deliver webhooks when a call ends (and starts, with sendStartedEvents). */
	webhookUrls: string[];
	webhookMethod: WebhookMethod;
	sendStartedEvents: boolean;
}

export interface FakeEigiOptions extends Partial<FakeEigiRuntimeOptions> {
	/** Default 0 (any free port). Always 127.0.0.1. */
	port?: number;
	/** Default 'vk_test_fake_key_0123456789'. */
	apiKey?: string;
	/**
	 * Each reset() is a new eigi account: `apiKey` becomes `<apiKey>_account<N>`. A node keeps, per
	 * account, the numbers its runs are calling (its claims): tests that reset the fake between
	 * cases get a fresh account, as they get a fresh history. Default false.
	 */
	newAccountOnReset?: boolean;
	/** Receives a line for each call placed, call ended and webhook delivered. */
	log?: (line: string) => void;
}

export interface RecordedRequest {
	method: string;
	path: string;
	/** A repeated parameter gives an array. */
	query: Record<string, string | string[]>;
	/** X-API-Key is always '[redacted]'. */
	headers: Record<string, string | string[] | undefined>;
	contentType: string | null;
	/** Parsed by content type: JSON value, urlencoded object, `{fields, files}` for multipart, else text. */
	body: unknown;
	/** The first 64 KB of the body as text (key redacted). */
	rawBody: string;
	auth: 'valid' | 'invalid' | 'missing';
	/** null while unanswered, and for a connection reset on purpose. */
	status: number | null;
	/** The fault applied, as JSON ('down' for the down switch), or null. */
	fault: string | null;
	time: string;
	timeMs: number;
	durationMs: number | null;
}

export interface SinkRecord {
	method: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string | string[] | undefined>;
	contentType: string | null;
	/** Parsed like RecordedRequest.body; null for an empty body. */
	body: unknown;
	time: string;
}

export interface WebhookDeliveryRecord {
	url: string;
	method: WebhookMethod;
	event: string;
	conversation_id: string | undefined;
	/** The payload field exactly as sent (a JSON string). */
	payload: string;
	/** The receiver's status, or null if it has not answered (yet) or failed. */
	status: number | null;
	error: string | null;
	time: string;
}

/**
 * What a fault does. With `placeCalls: true` the request is served first (calls placed,
 * conversations created; for a read, its answer computed), then the fault answers instead.
 */
export type FaultKind =
	| {
			status: number;
			/** The JSON body; default eigi's `{detail}` for the status ("Rate limit exceeded" for 429, "Daily outbound call quota exceeded" for 403). */
			body?: unknown;
			headers?: Record<string, string>;
			/** Sends a Retry-After header (seconds). Without it, none is sent, even with 429. */
			retryAfter?: number;
			/**
			 * A text/html body instead: nginx's error page for the status (for 2xx, a web app's
			 * index page), or `body` when it is a string.
			 */
			html?: boolean;
			/**
			 * The first half of the JSON (`body`, else the served answer with placeCalls, else the
			 * documented success for 200 or `{detail}`), as application/json with a matching
			 * Content-Length: the answer arrives whole, the JSON does not parse.
			 */
			truncated?: boolean;
			/** No body at all (Content-Length 0, content-type application/json). */
			empty?: boolean;
			/** true: eigi placed the calls, then answered with this status. */
			placeCalls?: boolean;
			delayMs?: number;
	  }
	/** The connection is reset after the request body was read: no answer at all. */
	| { reset: true; placeCalls?: boolean; delayMs?: number }
	/** The connection stays open and is never answered, until the client gives up (or reset()/close()). */
	| { hang: true; placeCalls?: boolean; delayMs?: number }
	| { delayMs: number };

export interface FaultSpec {
	/** "METHOD /path", "/path" (any method), a path ending in * (prefix) or "*". Default 'POST /v1/public/calls/outbound'. */
	match?: string;
	/** 1-based among matching requests that arrive after injection; default 1 (the next one). */
	nth?: number;
	/** How many matching requests it applies to, from the nth on; default 1. */
	times?: number;
	kind: FaultKind;
}

export interface PendingFault {
	match: string;
	nth: number;
	times: number;
	kind: FaultKind;
	seen: number;
	used: number;
}

export interface FakeEigi {
	readonly baseUrl: string;
	readonly apiKey: string;
	readonly port: number;
	/** Every API request (not admin, sink or recordings), in arrival order, key redacted. */
	readonly requests: RecordedRequest[];
	/** Every conversation by conversation_id, brought up to date. */
	readonly conversations: Record<string, Conversation>;
	/** The options in force now (a copy). */
	readonly options: FakeEigiRuntimeOptions;
	/** 429 answers so far (rate limit and injected). */
	readonly rateLimitedCount: number;
	readonly webhookDeliveries: WebhookDeliveryRecord[];

	/** The recorded POST /v1/public/calls/outbound requests. */
	outboundRequests(): RecordedRequest[];
	/** Every number a call was actually placed to, in order, duplicates kept. */
	calledNumbers(): string[];
	sinkRecords(name: string): SinkRecord[];
	/** Seeds a conversation exactly as given (only a missing conversation_id is filled in); it never changes on its own. */
	addConversation(fields: Record<string, unknown>): Conversation;
	/**
	 * Seeds a whole conversation for a call made before the test began, at a given time:
	 * `addPastCall({ mobileNumber: '+14155550111', ageMs: 3 * 3600_000 })`. It never changes on
	 * its own, sends no webhook, and is not in calledNumbers().
	 */
	addPastCall(spec: PastCall): Conversation;
	/** Reads a conversation without counting the read. */
	getConversation(id: string): Conversation | undefined;
	/** Ends a conversation now (by default as its number says: COMPLETED, FAILED or DISCONNECTED) and sends its webhooks. */
	completeConversation(id: string, status?: EndStatus): Conversation | undefined;
	injectFault(spec: FaultSpec): void;
	clearFaults(): void;
	pendingFaults(): PendingFault[];
	/** While down, every matching request (default: the outbound call request) gets 503. */
	setDown(down: boolean, match?: string): void;
	setOptions(partial: Partial<FakeEigiRuntimeOptions>): void;
	/** Waits for webhook deliveries under way. */
	flushWebhooks(): Promise<void>;
	/** Back to the constructor's options; forgets requests, calls, conversations, sinks, faults, deliveries. */
	reset(): void;
	/** Closes every connection at once. */
	close(): Promise<void>;
}

export declare const DEFAULT_API_KEY: string;
export declare function createFakeEigi(options?: FakeEigiOptions): Promise<FakeEigi>;
/**
 * The default agents: Lead Qualifier (…ba0a), Payment Reminder (…ba0b), Front Desk (…ba0c,
 * INBOUND, no variables) and Appointment Booker (…ba0d, required variables of every field type).
 */
export declare function defaultAgents(shape?: 'objects' | 'strings'): Agent[];

/** Sends one webhook delivery exactly as eigi does (multipart for POST/PUT/PATCH, query for GET). */
export declare function deliverWebhook(
	url: string,
	delivery: {
		event: string;
		payload: unknown;
		method?: WebhookMethod;
		timeoutMs?: number;
		signal?: AbortSignal;
	},
): Promise<{ status: number; body: string }>;
/** The payload eigi sends for an event: event, id, conversation_id, then the conversation's main fields (or only its status, 'idsOnly'). */
export declare function webhookPayload(
	event: string,
	conversation: Conversation,
	shape?: 'conversation' | 'idsOnly',
): Record<string, unknown>;
/** A conversation.completed payload with a two-line transcript (the agent's `greeting`, then the callee's answer). */
export declare function completedDelivery(fields: {
	id: string;
	conversationId: string;
	greeting: string;
}): Record<string, unknown>;
export declare function encodeMultipart(fields: Record<string, string>): {
	body: Buffer;
	contentType: string;
	boundary: string;
};
export declare function parseMultipart(
	body: Buffer,
	contentType: string | undefined,
): {
	fields: Record<string, string>;
	files: Array<{ name: string; filename: string; contentType: string | undefined; size: number }>;
};
