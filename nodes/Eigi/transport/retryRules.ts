import { retryAfterMs } from './retryAfter';
import type { TransportFailure } from './failures';

/**
 * When a request to eigi may be sent again, and after how long. The one rule behind them: a request
 * that may have reached eigi is never sent again, unless it only reads. So these are retried:
 * - a 429 (eigi refused it before doing anything), waiting at least as its Retry-After asks plus
 *   a growing random delay, within a total waiting budget per request rather than a count: a
 *   burst of single-lead runs all meet 429s, and giving up after a fixed number of them drops
 *   leads nobody runs again (bench workload 7: 82 of 500 at 10 requests/s);
 * - a connection that was never made (refused, no such host): nothing was sent;
 * - for reads only, a 502/503/504 or a failure after sending.
 */
export const RETRY_LIMITS = {
	/** Total time one request may spend waiting out 429s before it is reported as not placed. */
	rateLimitBudgetMs: 10 * 60_000,
	/** A single Retry-After longer than this is not waited for: the request is reported as not placed. */
	maxRetryAfterMs: 120_000,
	/** The shortest wait after a 429, even when Retry-After says 0: eigi is not asked again at once. */
	minRateLimitWaitMs: 1_000,
	/**
	 * Added at random to every 429 wait, from 0 up to 1 s, 2 s, 4 s ... 30 s as the 429s of one
	 * request add up (exponential backoff, full jitter): runs refused in the same second spread
	 * out instead of all asking again when Retry-After says (bench workload 7).
	 */
	rateLimitJitterMs: 1_000,
	maxRateLimitJitterMs: 30_000,
	notSentRetries: 3,
	notSentWaitMs: 1_000,
	readRetries: 2,
	readRetryWaitMs: 1_000,
	defaultTimeoutMs: 30_000,
};

/** What one request has met so far. */
export interface RetryState {
	rateLimited: number;
	rateLimitWaitedMs: number;
	notSent: number;
	readRetries: number;
}

export function newRetryState(): RetryState {
	return { rateLimited: 0, rateLimitWaitedMs: 0, notSent: 0, readRetries: 0 };
}

/** Milliseconds to wait before sending again after a 429, or undefined to give up. */
export function rateLimitWait(
	state: RetryState,
	retryAfterHeader: unknown,
	nowMs: number,
	random: () => number = Math.random,
): number | undefined {
	const asked = retryAfterMs(retryAfterHeader, nowMs);
	if (asked !== undefined && asked > RETRY_LIMITS.maxRetryAfterMs) return undefined;
	const jitterCeiling = Math.min(
		RETRY_LIMITS.maxRateLimitJitterMs,
		RETRY_LIMITS.rateLimitJitterMs * 2 ** state.rateLimited,
	);
	const wait = Math.ceil(
		Math.max(RETRY_LIMITS.minRateLimitWaitMs, asked ?? 0) + jitterCeiling * random(),
	);
	if (state.rateLimitWaitedMs + wait > RETRY_LIMITS.rateLimitBudgetMs) return undefined;
	state.rateLimited++;
	state.rateLimitWaitedMs += wait;
	return wait;
}

/** Milliseconds to wait before sending again after no answer, or undefined to give up. */
export function failureWait(
	state: RetryState,
	failure: TransportFailure,
	idempotent: boolean,
): number | undefined {
	if (failure.kind === 'notSent' && state.notSent < RETRY_LIMITS.notSentRetries) {
		state.notSent++;
		return RETRY_LIMITS.notSentWaitMs * state.notSent;
	}
	if (failure.kind === 'maybeSent' && idempotent) return readWait(state);
	return undefined;
}

/** Milliseconds to wait before reading again after a 502/503/504, or undefined to give up. */
export function readWait(state: RetryState): number | undefined {
	if (state.readRetries >= RETRY_LIMITS.readRetries) return undefined;
	state.readRetries++;
	return RETRY_LIMITS.readRetryWaitMs * state.readRetries;
}
