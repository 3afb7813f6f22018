// @ts-check
'use strict';
// Fault injection: a queue of failures that matching API requests consume, and a "down" switch.
// A fault's `nth` counts the matching requests that arrive after it was injected, so a fault
// added mid-run is never skipped because of earlier traffic.

/**
 * A status answer. Its body is `body` (JSON), or eigi's `{detail}` for the status, unless:
 * `html` sends an HTML page (a proxy's error page; for 200, a web app's index page) or `body` as
 * HTML when it is a string; `truncated` sends the first half of the JSON (the real answer's when
 * `placeCalls`), well framed, as application/json; `empty` sends no body at all.
 * @typedef {{
 *   status: number, body?: unknown, headers?: Record<string, string>, retryAfter?: number,
 *   html?: boolean, truncated?: boolean, empty?: boolean, placeCalls?: boolean, delayMs?: number,
 * }} StatusFault
 * @typedef {{ reset: true, placeCalls?: boolean, delayMs?: number }} ResetFault
 * @typedef {{ hang: true, placeCalls?: boolean, delayMs?: number }} HangFault
 * @typedef {{ delayMs: number }} DelayFault
 * @typedef {StatusFault | ResetFault | HangFault | DelayFault} FaultKind
 * @typedef {{ match?: string, nth?: number, times?: number, kind: FaultKind }} FaultSpec
 * @typedef {{ method: string, path: string, prefix: boolean }} Matcher
 * @typedef {{ matcher: Matcher, match: string, nth: number, times: number, kind: FaultKind, seen: number, used: number }} Fault
 */

const DEFAULT_MATCH = 'POST /v1/public/calls/outbound';

/**
 * "POST /v1/public/calls/outbound", "GET /v1/public/conversations/*" (prefix), "/v1/public/agents"
 * (any method), "* /path" or "*" (every API request).
 * @param {string} match
 * @returns {Matcher}
 */
function parseMatch(match) {
	const text = match.trim();
	if (text === '*') return { method: '*', path: '/', prefix: true };
	const [first, second] = text.split(/\s+/);
	const [method, path] = second === undefined ? ['*', first] : [first.toUpperCase(), second];
	if (!path.startsWith('/'))
		throw new Error(`Fault match "${match}" should look like "POST /v1/public/calls/outbound"`);
	const prefix = path.endsWith('*');
	return { method, path: prefix ? path.slice(0, -1) : path, prefix };
}

/**
 * @param {Matcher} matcher
 * @param {string} method
 * @param {string} path
 */
function matches(matcher, method, path) {
	if (matcher.method !== '*' && matcher.method !== method) return false;
	return matcher.prefix ? path.startsWith(matcher.path) : path === matcher.path;
}

/**
 * @param {unknown} kind
 * @returns {FaultKind}
 */
function checkKind(kind) {
	const needsKind =
		'A fault needs a kind: { status }, { reset: true }, { hang: true } or { delayMs }';
	if (!kind || typeof kind !== 'object') throw new Error(needsKind);
	const fault = /** @type {Record<string, unknown>} */ (kind);
	const isCount = (/** @type {unknown} */ value) =>
		value === undefined || (typeof value === 'number' && value >= 0);
	if (!isCount(fault.delayMs) || !isCount(fault.retryAfter))
		throw new Error('Fault delayMs and retryAfter should be numbers >= 0');
	for (const flag of ['reset', 'hang', 'html', 'truncated', 'empty', 'placeCalls']) {
		if (fault[flag] !== undefined && typeof fault[flag] !== 'boolean')
			throw new Error(`Fault ${flag} should be true or false`);
	}
	const bodyKinds = ['html', 'truncated', 'empty'].filter((flag) => fault[flag] === true);
	if (fault.status !== undefined) {
		if (!Number.isInteger(fault.status) || Number(fault.status) < 100 || Number(fault.status) > 599)
			throw new Error('Fault status should be an HTTP status code');
		if (fault.reset || fault.hang)
			throw new Error('A fault is a status, a reset or a hang, only one of them');
		if (bodyKinds.length > 1)
			throw new Error(
				`A fault's body is html, truncated or empty, only one of them (got ${bodyKinds.join(', ')})`,
			);
		if (fault.empty && fault.body !== undefined)
			throw new Error('An empty fault answer has no body');
		if (fault.html && fault.body !== undefined && typeof fault.body !== 'string')
			throw new Error('An html fault body should be a string');
	} else {
		if (bodyKinds.length)
			throw new Error(
				`Fault ${bodyKinds[0]} needs a status, e.g. { status: 502, ${bodyKinds[0]}: true }`,
			);
		if (fault.reset && fault.hang)
			throw new Error('A fault is a status, a reset or a hang, only one of them');
		if (fault.reset !== true && fault.hang !== true && fault.delayMs === undefined)
			throw new Error(needsKind);
	}
	return /** @type {FaultKind} */ (structuredClone(kind));
}

class Faults {
	constructor() {
		/** @type {Fault[]} */
		this.queue = [];
		/** @type {Matcher | null} */
		this.downMatcher = null;
	}

	/** @param {FaultSpec} spec */
	inject(spec) {
		const match = spec.match ?? DEFAULT_MATCH;
		const nth = spec.nth ?? 1;
		const times = spec.times ?? 1;
		if (!Number.isInteger(nth) || nth < 1) throw new Error('Fault nth should be an integer >= 1');
		if (!(times >= 1)) throw new Error('Fault times should be >= 1');
		this.queue.push({
			matcher: parseMatch(match),
			match,
			nth,
			times,
			kind: checkKind(spec.kind),
			seen: 0,
			used: 0,
		});
	}

	/**
	 * Counts a request against every matching fault and returns the first one due, if any.
	 * @param {string} method
	 * @param {string} path
	 * @returns {FaultKind | undefined}
	 */
	take(method, path) {
		/** @type {Fault | undefined} */
		let chosen;
		for (const fault of this.queue) {
			if (!matches(fault.matcher, method, path)) continue;
			fault.seen += 1;
			if (!chosen && fault.seen >= fault.nth && fault.used < fault.times) {
				chosen = fault;
				fault.used += 1;
			}
		}
		this.queue = this.queue.filter((fault) => fault.used < fault.times);
		return chosen?.kind;
	}

	/**
	 * @param {boolean} down
	 * @param {string} [match] which requests get 503 (default: the outbound call request)
	 */
	setDown(down, match = DEFAULT_MATCH) {
		this.downMatcher = down ? parseMatch(match) : null;
	}

	/** @param {string} method @param {string} path */
	isDown(method, path) {
		return this.downMatcher !== null && matches(this.downMatcher, method, path);
	}

	/** Faults still waiting, for the admin view. */
	pending() {
		return this.queue.map(({ match, nth, times, kind, seen, used }) => ({
			match,
			nth,
			times,
			kind,
			seen,
			used,
		}));
	}

	clear() {
		this.queue = [];
		this.downMatcher = null;
	}
}

module.exports = { Faults, parseMatch, DEFAULT_MATCH };
