// @ts-check
'use strict';
// FastAPI/Pydantic-style validation: eigi's backend is FastAPI, so a bad request most likely gets
// 422 with `{"detail": [{"type", "loc", "msg", ...}]}`. Also the query parsing and paging shared
// by the list routes.

/** @typedef {{ type: string, loc: Array<string | number>, msg: string, input?: unknown, ctx?: Record<string, unknown> }} ValidationIssue */
/**
 * An answer to send. A string body goes out as it is, as text/plain unless `contentType` says otherwise.
 * @typedef {{ status: number, body: unknown, headers?: Record<string, string | number>, contentType?: string }} Answer
 */

/**
 * @param {ValidationIssue[]} issues
 * @returns {Answer}
 */
function unprocessable(issues) {
	return { status: 422, body: { detail: issues } };
}

/**
 * @param {string} detail
 * @param {number} status
 * @returns {Answer}
 */
function problem(status, detail) {
	return { status, body: { detail } };
}

/** @param {string[]} values */
function expectedList(values) {
	const quoted = values.map((value) => `'${value}'`);
	return quoted.length > 1
		? `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`
		: quoted[0];
}

/**
 * An enum check for one field; pushes an issue and returns undefined when the value is not allowed.
 * @param {ValidationIssue[]} issues
 * @param {Array<string | number>} loc
 * @param {unknown} value
 * @param {string[]} allowed
 * @returns {string | undefined}
 */
function checkEnum(issues, loc, value, allowed) {
	if (typeof value === 'string' && allowed.includes(value)) return value;
	const expected = expectedList(allowed);
	issues.push(issue('enum', loc, `Input should be ${expected}`, value, { expected }));
	return undefined;
}

/**
 * One issue as FastAPI words it; `ctx` only where the check has one.
 * @param {string} type
 * @param {Array<string | number>} loc
 * @param {string} msg
 * @param {unknown} input
 * @param {Record<string, unknown>} [ctx]
 * @returns {ValidationIssue}
 */
function issue(type, loc, msg, input, ctx) {
	return ctx === undefined ? { type, loc, msg, input } : { type, loc, msg, input, ctx };
}

/**
 * A single query value (the last one when repeated), or undefined.
 * @param {Record<string, string | string[]>} query
 * @param {string} name
 */
function single(query, name) {
	const value = query[name];
	return Array.isArray(value) ? value[value.length - 1] : value;
}

/**
 * An integer query parameter with bounds, as FastAPI's `Query(ge=..., le=...)` checks it.
 * @param {ValidationIssue[]} issues
 * @param {Record<string, string | string[]>} query
 * @param {string} name
 * @param {{ fallback: number, min: number, max?: number }} rule
 */
function queryInt(issues, query, name, { fallback, min, max }) {
	const raw = single(query, name);
	if (raw === undefined || raw === '') return fallback;
	if (!/^[+-]?\d+$/.test(raw.trim())) {
		issues.push(
			issue(
				'int_parsing',
				['query', name],
				'Input should be a valid integer, unable to parse string as an integer',
				raw,
			),
		);
		return fallback;
	}
	const value = Number.parseInt(raw, 10);
	if (value < min) {
		issues.push(
			issue(
				'greater_than_equal',
				['query', name],
				`Input should be greater than or equal to ${min}`,
				raw,
				{ ge: min },
			),
		);
	} else if (max !== undefined && value > max) {
		issues.push(
			issue(
				'less_than_equal',
				['query', name],
				`Input should be less than or equal to ${max}`,
				raw,
				{ le: max },
			),
		);
	}
	return value;
}

/**
 * An optional enum query parameter.
 * @param {ValidationIssue[]} issues
 * @param {Record<string, string | string[]>} query
 * @param {string} name
 * @param {string[]} allowed
 */
function queryEnum(issues, query, name, allowed) {
	const raw = single(query, name);
	if (raw === undefined || raw === '') return undefined;
	return checkEnum(issues, ['query', name], raw, allowed);
}

/**
 * Parses an ISO date or date-time. A time without a zone is read as UTC (not the machine's
 * zone), so results do not depend on where tests run.
 * @param {string} text
 * @returns {number | undefined} epoch milliseconds
 */
function parseIsoTime(text) {
	const trimmed = text.trim();
	if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(trimmed))
		return undefined;
	const zoned =
		/T|\s/.test(trimmed) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)
			? `${trimmed.replace(' ', 'T')}Z`
			: trimmed.replace(' ', 'T');
	const time = Date.parse(zoned);
	return Number.isNaN(time) ? undefined : time;
}

/**
 * An optional date query parameter. A plain date as an upper bound means the whole day.
 * @param {ValidationIssue[]} issues
 * @param {Record<string, string | string[]>} query
 * @param {string} name
 * @param {'start' | 'end'} edge
 */
function queryDate(issues, query, name, edge) {
	const raw = single(query, name);
	if (raw === undefined || raw === '') return undefined;
	const time = parseIsoTime(raw);
	if (time === undefined) {
		issues.push(
			issue(
				'datetime_from_date_parsing',
				['query', name],
				'Input should be a valid datetime or date',
				raw,
			),
		);
		return undefined;
	}
	const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(raw.trim());
	return dateOnly && edge === 'end' ? time + 24 * 3600 * 1000 - 1 : time;
}

/**
 * One page of a list, with the numbers every eigi list carries.
 * @template T
 * @param {T[]} items
 * @param {number} page
 * @param {number} pageSize
 */
function paginate(items, page, pageSize) {
	const start = (page - 1) * pageSize;
	return {
		items: items.slice(start, start + pageSize),
		total: items.length,
		page,
		page_size: pageSize,
		total_pages: Math.ceil(items.length / pageSize),
	};
}

module.exports = {
	unprocessable,
	problem,
	checkEnum,
	single,
	queryInt,
	queryEnum,
	queryDate,
	parseIsoTime,
	paginate,
};
