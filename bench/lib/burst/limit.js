'use strict';
// eigi's rate limit as the burst workloads take it (--burst-limit, --duplicate-limit).

/** eigi's Free plan (100 requests a minute) scaled to 10 a second; N/min gives a plan unscaled. */
const DEFAULT_LIMIT = { count: 10, per: 's' };

/** "10/s" or "100/min" → { count, per }; `flag` names the option in the message. */
function parseLimit(text, flag = '--burst-limit') {
	const match = /^(\d+(?:\.\d+)?)\/(s|min)$/.exec(String(text ?? ''));
	if (!match || Number(match[1]) <= 0)
		throw new Error(`${flag} takes N/s or N/min (e.g. 10/s, 100/min), not "${text}"`);
	return { count: Number(match[1]), per: match[2] };
}

/** The fake's rateLimit option for a parsed limit. */
function limitOptions(limit) {
	return limit.per === 's'
		? { requestsPerSecond: limit.count }
		: { requestsPerMinute: limit.count };
}

module.exports = { DEFAULT_LIMIT, parseLimit, limitOptions };
