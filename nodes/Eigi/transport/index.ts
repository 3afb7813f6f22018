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

// Per node run (n8n makes a new context for each): the credential is the same for every request.
const baseUrls = new WeakMap<EigiContext, string>();

/**
 * The checked Base URL, read once per run: reading the credential means a database read and a
 * decryption, which doubled the time between two requests of a large run (bench/, workload 3).
 */
async function resolveBaseUrl(context: EigiContext): Promise<string> {
	let baseUrl = baseUrls.get(context);
	if (baseUrl === undefined) {
		baseUrl = await readBaseUrl(context);
		baseUrls.set(context, baseUrl);
	}
	return baseUrl;
}

async function readBaseUrl(context: EigiContext): Promise<string> {
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
	return baseUrl;
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

/**
 * Sends a request the way every eigi call here must go: a 429 waits in the credential's lane
 * (rateLimitLane.ts) and goes again when Retry-After says, a failure that proves the request never
 * left is tried again, and nothing that may have reached eigi is ever sent twice (unless
 * `idempotent`, for reads). Resolves with eigi's last answer, whatever its status, or with the
 * reason no answer came.
 */
export async function eigiRequest(
	context: EigiContext,
	request: EigiRequest,
	{ idempotent = request.method === 'GET' } = {},
): Promise<EigiOutcome> {
	const baseUrl = await resolveBaseUrl(context);
	const lane = rateLimitLane(baseUrl, context.getNode().credentials?.eigiApi?.id ?? '');
	const deadlineMs = Date.now() + RETRY_LIMITS.rateLimitBudgetMs;
	const state = newRetryState();
	let admitted = await lane.enter(deadlineMs);
	for (;;) {
		if (!admitted) return { failure: RATE_LIMIT_WAIT_OVER };
		const outcome = await sendOnce(context, baseUrl, request);
		const { response, failure } = outcome;
		if (response?.statusCode === 429) {
			const askedMs = retryAfterMs(response.headers['retry-after'], Date.now());
			// Beyond what the node waits for (a quota rather than a burst): this request gives up alone.
			if ((askedMs ?? 0) > RETRY_LIMITS.maxRetryAfterMs) {
				lane.leave(false);
				return outcome;
			}
			if (lane.refused(askedMs) > deadlineMs) {
				lane.leave(false);
				return outcome;
			}
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
