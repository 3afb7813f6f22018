// @ts-check
'use strict';
// A sliding-window rate limit, like eigi's per-plan limits (100/min on Free). Only requests let
// through count; Retry-After says when the oldest of them leaves the window.

class RateLimiter {
	constructor() {
		/** @type {number[]} times (ms) of the requests let through in the last minute */
		this.hits = [];
	}

	/**
	 * Lets a request through (and counts it), or says how long to wait.
	 * @param {import('./options').RateLimitOptions | null} limit
	 * @param {number} [now]
	 * @returns {{ ok: true } | { ok: false, retryAfter: number }}
	 */
	check(limit, now = Date.now()) {
		if (!limit) return { ok: true };
		this.hits = this.hits.filter((time) => now - time < 60_000);
		let waitMs = 0;
		for (const [count, windowMs] of /** @type {Array<[number | undefined, number]>} */ ([
			[limit.requestsPerSecond, 1000],
			[limit.requestsPerMinute, 60_000],
		])) {
			if (count === undefined) continue;
			const inWindow = this.hits.filter((time) => now - time < windowMs);
			if (inWindow.length >= count) {
				// The slot frees when the oldest request that still counts leaves the window.
				const oldestCounting = inWindow[inWindow.length - Math.max(1, Math.floor(count))] ?? now;
				waitMs = Math.max(waitMs, oldestCounting + windowMs - now);
			}
		}
		if (waitMs > 0) {
			return {
				ok: false,
				retryAfter: limit.retryAfterSeconds ?? Math.max(1, Math.ceil(waitMs / 1000)),
			};
		}
		this.hits.push(now);
		return { ok: true };
	}

	reset() {
		this.hits = [];
	}
}

module.exports = { RateLimiter };
