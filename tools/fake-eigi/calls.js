// @ts-check
'use strict';
// POST /v1/public/calls/outbound: the checks the real API makes, then one conversation per
// accepted number. A bad request body fails as a whole (422); a bad or unreachable number fails
// on its own, as eigi documents, without blocking the others.
const { checkEnum, problem, unprocessable } = require('./validation');

/** @typedef {import('./validation').Answer} Answer */
/** @typedef {import('./validation').ValidationIssue} ValidationIssue */
/** @typedef {{ mobile_number: string, status: 'initiated' | 'failed', conversation_id?: string, error?: string }} CallResult */

const E164 = /^\+[1-9]\d{6,14}$/;
const PROVIDERS = ['PLIVO', 'TWILIO'];

/** @param {unknown} value */
function isPlainObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Checks the body's shape like FastAPI/Pydantic would; returns every problem found.
 * @param {unknown} body
 * @param {number} maxParams
 * @returns {ValidationIssue[]}
 */
function checkShape(body, maxParams) {
	if (!isPlainObject(body)) {
		return [
			{
				type: 'model_attributes_type',
				loc: ['body'],
				msg: 'Input should be a valid dictionary or object to extract fields from',
			},
		];
	}
	const request = /** @type {Record<string, unknown>} */ (body);
	/** @type {ValidationIssue[]} */
	const issues = [];
	if (request.agent_id === undefined || request.agent_id === null)
		issues.push({ type: 'missing', loc: ['body', 'agent_id'], msg: 'Field required' });
	else if (typeof request.agent_id !== 'string')
		issues.push({
			type: 'string_type',
			loc: ['body', 'agent_id'],
			msg: 'Input should be a valid string',
		});

	const params = request.params;
	if (params === undefined || params === null)
		issues.push({ type: 'missing', loc: ['body', 'params'], msg: 'Field required' });
	else if (!Array.isArray(params))
		issues.push({
			type: 'list_type',
			loc: ['body', 'params'],
			msg: 'Input should be a valid list',
		});
	else if (params.length === 0) {
		issues.push({
			type: 'too_short',
			loc: ['body', 'params'],
			msg: 'List should have at least 1 item after validation, not 0',
			ctx: { field_type: 'List', min_length: 1, actual_length: 0 },
		});
	} else if (params.length > maxParams) {
		issues.push({
			type: 'too_long',
			loc: ['body', 'params'],
			msg: `List should have at most ${maxParams} items after validation, not ${params.length}`,
			ctx: { field_type: 'List', max_length: maxParams, actual_length: params.length },
		});
	} else {
		params.forEach((param, index) => {
			if (!isPlainObject(param)) {
				issues.push({
					type: 'model_attributes_type',
					loc: ['body', 'params', index],
					msg: 'Input should be a valid dictionary or object to extract fields from',
				});
				return;
			}
			if (param.mobile_number === undefined || param.mobile_number === null) {
				issues.push({
					type: 'missing',
					loc: ['body', 'params', index, 'mobile_number'],
					msg: 'Field required',
				});
			} else if (typeof param.mobile_number !== 'string') {
				issues.push({
					type: 'string_type',
					loc: ['body', 'params', index, 'mobile_number'],
					msg: 'Input should be a valid string',
				});
			}
			if (
				param.metadata !== undefined &&
				param.metadata !== null &&
				!isPlainObject(param.metadata)
			) {
				issues.push({
					type: 'dict_type',
					loc: ['body', 'params', index, 'metadata'],
					msg: 'Input should be a valid dictionary',
				});
			}
		});
	}
	if (request.telephony_provider !== undefined && request.telephony_provider !== null) {
		checkEnum(issues, ['body', 'telephony_provider'], request.telephony_provider, PROVIDERS);
	}
	if (
		request.is_test_call !== undefined &&
		request.is_test_call !== null &&
		typeof request.is_test_call !== 'boolean'
	) {
		issues.push({
			type: 'bool_type',
			loc: ['body', 'is_test_call'],
			msg: 'Input should be a valid boolean',
		});
	}
	return issues;
}

/**
 * @param {{ body: unknown, contentType: string | undefined, parseError?: string }} request
 * @param {{
 *   options: import('./options').RuntimeOptions,
 *   placeCall: (call: { agent: import('./agents').Agent, mobileNumber: string, metadata: Record<string, unknown> | undefined, provider: string }) => { conversation_id: string },
 * }} context
 * @returns {Answer}
 */
function initiateCalls(request, { options, placeCall }) {
	const type = (request.contentType ?? '').split(';')[0].trim().toLowerCase();
	if (type !== 'application/json') {
		return unprocessable([
			{
				type: 'model_attributes_type',
				loc: ['body'],
				msg: 'Input should be a valid dictionary or object to extract fields from',
			},
		]);
	}
	if (request.parseError !== undefined) {
		return unprocessable([
			{
				type: 'json_invalid',
				loc: ['body', 0],
				msg: 'JSON decode error',
				ctx: { error: 'Expecting value' },
			},
		]);
	}
	const issues = checkShape(request.body, options.maxParams);
	if (issues.length) return unprocessable(issues);

	const body =
		/** @type {{ agent_id: string, params: Array<{ mobile_number: string, metadata?: Record<string, unknown> | null }>, telephony_provider?: string }} */ (
			request.body
		);
	const agent = options.agents.find((candidate) => candidate.id === body.agent_id);
	if (!agent) return problem(404, 'Agent not found');

	const provider = body.telephony_provider ?? 'PLIVO';
	/** @type {CallResult[]} */
	const results = body.params.map(({ mobile_number: mobileNumber, metadata }) => {
		if (!E164.test(mobileNumber)) {
			return {
				mobile_number: mobileNumber,
				status: 'failed',
				error: 'Invalid phone number format. Use E.164, e.g. +14155552671',
			};
		}
		if (options.failingNumbers.includes(mobileNumber)) {
			return { mobile_number: mobileNumber, status: 'failed', error: 'Number not reachable' };
		}
		const { conversation_id } = placeCall({
			agent,
			mobileNumber,
			metadata: metadata ?? undefined,
			provider,
		});
		return { mobile_number: mobileNumber, status: 'initiated', conversation_id };
	});
	/** @type {Record<string, unknown>} */
	const answer = { status: 'success', message: 'Outbound calls initiated successfully' };
	if (options.responseShape === 'results') {
		answer.results = results.map((result) => ({
			...result,
			mobile_number: echoNumber(result.mobile_number, options.echoNumbers),
		}));
	} else if (options.responseShape === 'fastapi') {
		// A Pydantic response model serialises every field, null where unset, in the model's order.
		answer.results = results.map((result) => ({
			mobile_number: echoNumber(result.mobile_number, options.echoNumbers),
			conversation_id: result.conversation_id ?? null,
			status: result.status,
			error: result.error ?? null,
		}));
	}
	return { status: 200, body: answer };
}

/**
 * A number as eigi might write it back in a results entry: as sent, without the '+', or spaced
 * for reading. Only E.164 numbers are spaced; anything else comes back as sent (minus a '+').
 * @param {string} number
 * @param {'asSent' | 'noPlus' | 'spaced'} how
 */
function echoNumber(number, how) {
	if (how === 'noPlus') return number.replace(/^\+/, '');
	if (how !== 'spaced' || !E164.test(number)) return number;
	const digits = number.slice(1);
	// NANP (+1 415 555 0111) and India (+91 98765 43210) as people write them; others in threes.
	if (digits.startsWith('1') && digits.length === 11)
		return `+1 ${digits.slice(1, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
	if (digits.startsWith('91') && digits.length === 12)
		return `+91 ${digits.slice(2, 7)} ${digits.slice(7)}`;
	const groups = digits.slice(2).match(/\d{1,3}/g) ?? [];
	// No lone digit at the end: "345 6" becomes "3456".
	if (groups.length > 1 && groups[groups.length - 1].length === 1)
		groups.splice(-2, 2, groups.slice(-2).join(''));
	return `+${digits.slice(0, 2)} ${groups.join(' ')}`;
}

module.exports = { initiateCalls, echoNumber, E164, PROVIDERS };
