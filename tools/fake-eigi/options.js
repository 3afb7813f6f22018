// @ts-check
'use strict';
// Runtime options: their defaults, and a strict check so a typo in a test (or in a JSON body sent
// to /__admin/options) fails loudly instead of being ignored.
const { defaultAgents, reshapeVariables } = require('./agents');

/**
 * @typedef {{ requestsPerSecond?: number, requestsPerMinute?: number, retryAfterSeconds?: number }} RateLimitOptions
 * @typedef {{
 *   responseShape: 'plain' | 'results' | 'fastapi',
 *   echoNumbers: 'asSent' | 'noPlus' | 'spaced',
 *   listShape: 'pagination' | 'topLevel',
 *   listNumbersWithoutPlus: boolean,
 *   maxParams: number,
 *   failingNumbers: string[],
 *   failedCallNumbers: string[],
 *   disconnectedNumbers: string[],
 *   answerOnAttempt: number[] | null,
 *   webhookPayload: 'conversation' | 'idsOnly',
 *   searchCoversNumbers: boolean,
 *   completeAfterMs: number,
 *   completeAfterReads: number,
 *   agents: import('./agents').Agent[],
 *   dynamicVariablesShape: 'objects' | 'strings',
 *   dynamicVariablesEndpoint: boolean,
 *   rateLimit: RateLimitOptions | null,
 *   latencyMs: number,
 *   webhookUrls: string[],
 *   webhookMethod: 'POST' | 'GET' | 'PUT' | 'PATCH',
 *   sendStartedEvents: boolean,
 * }} RuntimeOptions
 */

/** @returns {RuntimeOptions} */
function defaultOptions() {
	return {
		responseShape: 'plain',
		echoNumbers: 'asSent',
		listShape: 'pagination',
		listNumbersWithoutPlus: false,
		maxParams: 100,
		failingNumbers: [],
		failedCallNumbers: [],
		disconnectedNumbers: [],
		answerOnAttempt: null,
		webhookPayload: 'conversation',
		searchCoversNumbers: true,
		completeAfterMs: 0,
		completeAfterReads: 0,
		agents: defaultAgents('objects'),
		dynamicVariablesShape: 'objects',
		dynamicVariablesEndpoint: true,
		rateLimit: null,
		latencyMs: 0,
		webhookUrls: [],
		webhookMethod: 'POST',
		sendStartedEvents: false,
	};
}

/** @type {Record<keyof RuntimeOptions, (value: unknown) => string | undefined>} */
const CHECKS = {
	responseShape: (value) => oneOf(value, ['plain', 'results', 'fastapi']),
	echoNumbers: (value) => oneOf(value, ['asSent', 'noPlus', 'spaced']),
	listShape: (value) => oneOf(value, ['pagination', 'topLevel']),
	listNumbersWithoutPlus: boolean,
	maxParams: (value) =>
		Number.isInteger(value) && Number(value) > 0 ? undefined : 'a positive integer',
	failingNumbers: numberList,
	failedCallNumbers: numberList,
	disconnectedNumbers: numberList,
	answerOnAttempt: (value) =>
		value === null ||
		(Array.isArray(value) &&
			value.length === 10 &&
			value.every((entry) => Number.isInteger(entry) && entry >= 0))
			? undefined
			: 'null or 10 whole numbers >= 0 (by last digit: the attempt that is answered, 0 = never)',
	webhookPayload: (value) => oneOf(value, ['conversation', 'idsOnly']),
	searchCoversNumbers: boolean,
	completeAfterMs: nonNegative,
	completeAfterReads: nonNegative,
	agents: (value) =>
		Array.isArray(value) &&
		value.every((agent) => agent && typeof agent === 'object' && typeof agent.id === 'string')
			? undefined
			: 'an array of agents, each with a string id',
	dynamicVariablesShape: (value) => oneOf(value, ['objects', 'strings']),
	dynamicVariablesEndpoint: boolean,
	rateLimit: (value) => {
		if (value === null) return undefined;
		if (!value || typeof value !== 'object')
			return 'null or { requestsPerSecond?, requestsPerMinute?, retryAfterSeconds? }';
		const limit = /** @type {Record<string, unknown>} */ (value);
		for (const key of Object.keys(limit)) {
			if (!['requestsPerSecond', 'requestsPerMinute', 'retryAfterSeconds'].includes(key))
				return `no "${key}" (requestsPerSecond, requestsPerMinute, retryAfterSeconds)`;
			if (limit[key] !== undefined && nonNegative(limit[key]))
				return `${key} as a non-negative number`;
		}
		if (limit.requestsPerSecond === undefined && limit.requestsPerMinute === undefined)
			return 'requestsPerSecond or requestsPerMinute';
		return undefined;
	},
	latencyMs: nonNegative,
	webhookUrls: (value) =>
		Array.isArray(value) &&
		value.every((url) => typeof url === 'string' && /^https?:\/\//.test(url))
			? undefined
			: 'an array of http(s) URLs',
	webhookMethod: (value) => oneOf(value, ['POST', 'GET', 'PUT', 'PATCH']),
	sendStartedEvents: boolean,
};

/** @param {unknown} value */
function boolean(value) {
	return typeof value === 'boolean' ? undefined : 'true or false';
}

/** @param {unknown} value @param {string[]} allowed */
function oneOf(value, allowed) {
	return typeof value === 'string' && allowed.includes(value)
		? undefined
		: `one of ${allowed.join(', ')}`;
}

/** @param {unknown} value */
function nonNegative(value) {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0
		? undefined
		: 'a number >= 0';
}

/** @param {unknown} value */
function numberList(value) {
	const list = value instanceof Set ? [...value] : value;
	return Array.isArray(list) && list.every((entry) => typeof entry === 'string')
		? undefined
		: 'an array (or Set) of phone numbers';
}

/**
 * Checks a partial set of options and returns it normalised (Sets become arrays).
 * Throws an Error naming the first bad option.
 * @param {Record<string, unknown>} partial
 * @returns {Partial<RuntimeOptions>}
 */
function checkOptions(partial) {
	/** @type {Record<string, unknown>} */
	const checked = {};
	for (const [key, value] of Object.entries(partial)) {
		if (value === undefined) continue;
		if (!Object.hasOwn(CHECKS, key)) throw new Error(`Unknown fake eigi option "${key}"`);
		const problem = CHECKS[/** @type {keyof RuntimeOptions} */ (key)](value);
		if (problem) throw new Error(`Fake eigi option "${key}" should be ${problem}`);
		checked[key] = value instanceof Set ? [...value] : structuredClone(value);
	}
	return /** @type {Partial<RuntimeOptions>} */ (checked);
}

/**
 * Applies checked options on top of `base`. Agents given here are used as they are; choosing a
 * variables shape without giving agents reshapes the current ones.
 * @param {RuntimeOptions} base
 * @param {Partial<RuntimeOptions>} partial
 * @returns {RuntimeOptions}
 */
function mergeOptions(base, partial) {
	const merged = { ...base, ...partial };
	if (partial.dynamicVariablesShape && !partial.agents)
		merged.agents = reshapeVariables(base.agents, partial.dynamicVariablesShape);
	return merged;
}

module.exports = { defaultOptions, checkOptions, mergeOptions };
