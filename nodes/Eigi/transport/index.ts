import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import { createHash } from 'crypto';

import { checkEigiApiKey, EIGI_DEFAULT_BASE_URL } from '../../../credentials/EigiApi.credentials';
import { describeEigiError, explainStatus } from './errors';
import { classifyTransportError, type TransportFailure } from './failures';

export type { TransportFailure } from './failures';
import { rateLimitLane } from './rateLimitLane';
import { retryAfterMs } from './retryAfter';
import { failureWait, newRetryState, readWait, RETRY_LIMITS } from './retryRules';

export type EigiContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions
	| IHookFunctions;

export interface EigiRequest {
	method: IHttpRequestMethods;
	/** Path from the API root, such as `/v1/public/agents`. */
	endpoint: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Milliseconds before the request is abandoned; a POST abandoned this way may still have reached eigi. */
	timeout?: number;
}

export interface EigiResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

export { RETRY_LIMITS } from './retryRules';

export function normalizeBaseUrl(raw: unknown): string {
	const text = typeof raw === 'string' && raw.trim() ? raw.trim() : EIGI_DEFAULT_BASE_URL;
	// Older eigi pages show the base URL with /v1; every endpoint here already starts with it.
	return text.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/** The eigi account a credential opens: its host, and a digest of its key (never the key itself). */
export interface EigiAccount {
	baseUrl: string;
	/** The same for every credential, in any workflow, that holds the same key for the same host. */
	key: string;
}

// Per node run (n8n makes a new context for each): the credential is the same for every request.
const accounts = new WeakMap<EigiContext, EigiAccount>();

/**
 * The checked Base URL and account, read once per run: reading the credential means a database
 * read and a decryption, which doubled the time between two requests of a large run (bench/,
 * workload 3).
 */
export async function eigiAccount(context: EigiContext): Promise<EigiAccount> {
	let account = accounts.get(context);
	if (account === undefined) {
		account = await readAccount(context);
		accounts.set(context, account);
	}
	return account;
}

async function readAccount(context: EigiContext): Promise<EigiAccount> {
	const credentials = await context.getCredentials('eigiApi');
	try {
		checkEigiApiKey(credentials.apiKey);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description: 'Open the eigi.ai API credential and check the API key.',
		});
	}
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	if (!/^https?:\/\/[^/\s]+/i.test(baseUrl)) {
		throw new NodeOperationError(
			context.getNode(),
			`The Base URL in the eigi.ai API credential ("${baseUrl}") is not a web address`,
			{ description: `Use ${EIGI_DEFAULT_BASE_URL} unless eigi gave you another host.` },
		);
	}
	const key = createHash('sha256')
		.update(`${baseUrl}\n${String(credentials.apiKey).trim()}`, 'utf8')
		.digest('hex');
	return { baseUrl, key };
}

/** Either eigi's answer, whatever its status, or why no answer came. */
export type EigiOutcome =
	| { response: EigiResponse; failure?: undefined }
	| { response?: undefined; failure: TransportFailure };

/**
 * One attempt. Status errors are answers too (ignoreHttpStatusErrors), so nothing inside n8n's
 * helpers ever resends the request on its own.
 */
async function sendOnce(
	context: EigiContext,
	baseUrl: string,
	request: EigiRequest,
): Promise<EigiOutcome> {
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL: baseUrl,
		url: request.endpoint,
		qs: request.qs,
		body: request.body,
		json: true,
		timeout: request.timeout ?? RETRY_LIMITS.defaultTimeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			'eigiApi',
			options,
		)) as { statusCode: number; headers: IDataObject; body: unknown };
		return {
			response: {
				statusCode: response.statusCode,
				headers: response.headers ?? {},
				body: response.body,
			},
		};
	} catch (error) {
		return { failure: classifyTransportError(error) };
	}
}

/** Why a request that waited for eigi's rate limit until its budget ran out was not sent. */
const RATE_LIMIT_WAIT_OVER: TransportFailure = {
	kind: 'notSent',
	code: 'RATE_LIMITED',
	message: `the request waited ${RETRY_LIMITS.rateLimitBudgetMs / 60_000} minutes behind eigi's rate limit for this API key and was not sent`,
	hint: 'Your eigi plan allows a fixed number of requests per minute, and other runs of this n8n with the same API key were ahead of this one. For bursts of one-lead runs, queue the leads and call them in bulk on a schedule (README: Bursts of single-lead runs); nobody was called for this request.',
};

/** Why a request was not sent: its last look settled every call it carried. */
const NOTHING_LEFT: TransportFailure = {
	kind: 'notSent',
	code: 'NOTHING_LEFT',
	message: 'the last look before sending settled every call of the request, so it was not sent',
};

/**
 * The answer of a last look: the request to send (it may carry fewer calls than planned), nothing
 * (every call was settled), or eigi's 429 to the look's own read (the request waits in line again).
 */
export type LastLookAnswer = { send: EigiRequest } | { send: null } | { refused: EigiResponse };

/**
 * Runs in the request's place in the lane, right before it leaves, each time it is about to
 * leave: the last moment to look at eigi once more. `readNow` sends a read at once, outside the
 * lane and without retries, since the request already holds a place.
 */
export type LastLook = (
	readNow: (request: EigiRequest) => Promise<EigiOutcome>,
) => Promise<LastLookAnswer>;

/**
 * Sends a request the way every eigi call here must go: a 429 waits in the credential's lane
 * (rateLimitLane.ts) and goes again when Retry-After says, a failure that proves the request never
 * left is tried again, and nothing that may have reached eigi is ever sent twice (unless
 * `idempotent`, for reads). `lastLook`, when given, decides what leaves once the request has its
 * place. Resolves with eigi's last answer, whatever its status, or with the reason no answer came.
 */
export async function eigiRequest(
	context: EigiContext,
	request: EigiRequest,
	{
		idempotent = request.method === 'GET',
		lastLook,
	}: { idempotent?: boolean; lastLook?: LastLook } = {},
): Promise<EigiOutcome> {
	const { baseUrl } = await eigiAccount(context);
	const lane = rateLimitLane(baseUrl, context.getNode().credentials?.eigiApi?.id ?? '');
	const deadlineMs = Date.now() + RETRY_LIMITS.rateLimitBudgetMs;
	const state = newRetryState();
	/** After a 429: whether the request may wait in line for another place. */
	const mayWaitAgain = (response: EigiResponse): boolean => {
		const askedMs = retryAfterMs(response.headers['retry-after'], Date.now());
		// Beyond what the node waits for (a quota rather than a burst): this request gives up alone.
		if ((askedMs ?? 0) > RETRY_LIMITS.maxRetryAfterMs || lane.refused(askedMs) > deadlineMs) {
			lane.leave(false);
			return false;
		}
		return true;
	};
	let admitted = await lane.enter(deadlineMs);
	for (;;) {
		if (!admitted) return { failure: RATE_LIMIT_WAIT_OVER };
		let toSend = request;
		if (lastLook) {
			let look: LastLookAnswer | undefined;
			try {
				look = await lastLook(async (read) => await sendOnce(context, baseUrl, read));
			} finally {
				// A look that threw gives its place to the next in line.
				if (look === undefined) lane.leave(false);
			}
			if ('refused' in look) {
				if (!mayWaitAgain(look.refused)) return { response: look.refused };
				admitted = await lane.again(deadlineMs);
				continue;
			}
			if (!look.send) {
				lane.leave(true);
				return { failure: NOTHING_LEFT };
			}
			toSend = look.send;
		}
		const outcome = await sendOnce(context, baseUrl, toSend);
		const { response, failure } = outcome;
		if (response?.statusCode === 429) {
			if (!mayWaitAgain(response)) return outcome;
			admitted = await lane.again(deadlineMs);
			continue;
		}
		lane.leave(response !== undefined);
		const wait = failure
			? failureWait(state, failure, idempotent)
			: idempotent && [502, 503, 504].includes(response.statusCode)
				? readWait(state)
				: undefined;
		if (wait === undefined) return outcome;
		await sleep(wait);
		admitted = await lane.enter(deadlineMs);
	}
}

export function isSuccess(response: EigiResponse): boolean {
	return response.statusCode >= 200 && response.statusCode < 300;
}

/** The NodeApiError for a non-2xx answer: eigi's own words, what the status means, never the key. */
export function eigiApiError(
	context: EigiContext,
	response: EigiResponse,
	itemIndex?: number,
): NodeApiError {
	const detail = describeEigiError(response.body);
	const { message, hint } = explainStatus(response.statusCode, detail);
	return new NodeApiError(
		context.getNode(),
		{
			message,
			httpCode: String(response.statusCode),
			body: response.body,
		} as unknown as JsonObject,
		{ message, description: hint, httpCode: String(response.statusCode), itemIndex },
	);
}

/** The NodeApiError for a request that got no answer at all. */
export function transportApiError(
	context: EigiContext,
	failure: TransportFailure,
	itemIndex?: number,
): NodeApiError {
	const message = `Could not reach eigi: ${failure.message}`;
	// The error code goes into the description only: given to NodeApiError it would replace the message.
	return new NodeApiError(context.getNode(), { message } as JsonObject, {
		message,
		description:
			failure.hint ??
			`${failure.code ? `(${failure.code}) ` : ''}Check the Base URL in the eigi.ai API credential and that this n8n can reach it.`,
		itemIndex,
	});
}

/** For reads and other requests whose failure simply stops the item: the body of a 2xx, or a clear error. */
export async function eigiApiRequest<T = unknown>(
	context: EigiContext,
	method: IHttpRequestMethods,
	endpoint: string,
	qs?: IDataObject,
	itemIndex?: number,
): Promise<T> {
	const { response, failure } = await eigiRequest(context, { method, endpoint, qs });
	if (failure) throw transportApiError(context, failure, itemIndex);
	if (!isSuccess(response)) throw eigiApiError(context, response, itemIndex);
	return response.body as T;
}
