import type { TransportFailure } from './failures';

/**
 * When a request to eigi may be sent again, and after how long. The one rule behind them: a request
 * that may have reached eigi is never sent again, unless it only reads. So these are retried:
 * - a 429 (eigi refused it before doing anything), once eigi's Retry-After has passed, within a
 *   total waiting budget per request rather than a count: a burst of single-lead runs all meet
 *   429s, and giving up after a fixed number of them drops leads nobody runs again (bench
 *   workload 7: 82 of 500 at 10 requests/s). How the runs of one n8n share that wait is
 *   `rateLimitLane.ts`;
 * - a connection that was never made (refused, no such host): nothing was sent;
 * - for reads only, a 502/503/504 or a failure after sending.
 */
export const RETRY_LIMITS = {
	/** Total time one request may spend waiting for eigi's rate limit before it is reported as not placed. */
	rateLimitBudgetMs: 10 * 60_000,
	/** A single Retry-After longer than this is not waited for: the request is reported as not placed. */
	maxRetryAfterMs: 120_000,
	/** The shortest wait after a 429, even when Retry-After says 0: eigi is not asked again at once. */
	minRateLimitWaitMs: 1_000,
	/**
	 * Added at random when a 429 closes a credential's lane again with no accepted request since
	 * the last close, from 0 up to 0.25 s, 0.5 s, 1 s ... 30 s as such closes follow each other
	 * (exponential backoff, full jitter): then another n8n process (a queue-mode worker) is
	 * competing for the same slots. A first close adds nothing: within one process the lane
	 * already lets one request go alone after a close, and a spread there only slowed it (about
	 * 10% at 5 requests/s in test/integration/burst.test.ts).
	 */
	rateLimitSpreadMs: 250,
	maxRateLimitSpreadMs: 30_000,
	notSentRetries: 3,
	notSentWaitMs: 1_000,
	readRetries: 2,
	readRetryWaitMs: 1_000,
	defaultTimeoutMs: 30_000,
};

/** What one request has met so far. */
export interface RetryState {
	notSent: number;
	readRetries: number;
}

export function newRetryState(): RetryState {
	return { notSent: 0, readRetries: 0 };
}

/** The random part of a 429 wait, after `closesInARow` earlier closes with no accepted request between. */
export function rateLimitSpreadMs(
	closesInARow: number,
	random: () => number = Math.random,
): number {
	if (closesInARow < 1) return 0;
	const ceiling = Math.min(
		RETRY_LIMITS.maxRateLimitSpreadMs,
		RETRY_LIMITS.rateLimitSpreadMs * 2 ** (closesInARow - 1),
	);
	return Math.ceil(ceiling * random());
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
