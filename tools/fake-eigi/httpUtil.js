// @ts-check
'use strict';
// Small HTTP helpers shared by the routes: reading and parsing bodies, answering JSON, redaction.
const { parseMultipart } = require('./multipart');

const REDACTED = '[redacted]';

/**
 * Reads a whole request body. Past `limit` bytes it keeps reading (so the client is not cut
 * off) but drops the data and reports `tooLarge`.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<{ buffer: Buffer, tooLarge: boolean }>}
 */
function readBody(req, limit) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (/** @type {Buffer} */ chunk) => {
			size += chunk.length;
			if (size <= limit) chunks.push(chunk);
		});
		req.on('end', () => resolve({ buffer: Buffer.concat(chunks), tooLarge: size > limit }));
		req.on('error', reject);
	});
}

/**
 * Parses a body by its content type, for recording and for the routes that read it.
 * JSON → value, urlencoded → object, multipart → { fields, files }, anything else → text.
 * @param {Buffer} buffer
 * @param {string | undefined} contentType
 * @returns {{ body: unknown, parseError?: string }}
 */
function parseBody(buffer, contentType) {
	if (buffer.length === 0) return { body: null };
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	const text = buffer.toString('utf8');
	try {
		if (type === 'application/json' || type.endsWith('+json')) return { body: JSON.parse(text) };
		if (type === 'application/x-www-form-urlencoded')
			return { body: Object.fromEntries(new URLSearchParams(text)) };
		if (type === 'multipart/form-data') return { body: parseMultipart(buffer, contentType) };
	} catch (error) {
		return { body: text, parseError: error instanceof Error ? error.message : String(error) };
	}
	return { body: text };
}

/**
 * Query parameters as an object; a repeated name gives an array.
 * @param {URLSearchParams} params
 * @returns {Record<string, string | string[]>}
 */
function queryObject(params) {
	/** @type {Record<string, string | string[]>} */
	const query = {};
	for (const [name, value] of params) {
		const previous = query[name];
		if (previous === undefined) query[name] = value;
		else query[name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
	}
	return query;
}

/**
 * A deep copy of `value` in which every occurrence of `secret` inside a string is replaced,
 * so recorded data can be shown and logged freely.
 * @template T
 * @param {T} value
 * @param {string} secret
 * @returns {T}
 */
function redact(value, secret) {
	if (!secret) return value;
	if (typeof value === 'string')
		return /** @type {T} */ (/** @type {unknown} */ (value.split(secret).join(REDACTED)));
	if (Array.isArray(value))
		return /** @type {T} */ (/** @type {unknown} */ (value.map((entry) => redact(entry, secret))));
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		/** @type {Record<string, unknown>} */
		const copy = {};
		for (const [key, entry] of Object.entries(value))
			copy[redact(key, secret)] = redact(entry, secret);
		return /** @type {T} */ (copy);
	}
	return value;
}

/**
 * Request headers for the record: the API key header is always hidden, whatever its value,
 * and the configured key is hidden anywhere else it might appear.
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @param {string} secret
 */
function redactHeaders(headers, secret) {
	/** @type {Record<string, string | string[] | undefined>} */
	const copy = redact({ ...headers }, secret);
	if (copy['x-api-key'] !== undefined) copy['x-api-key'] = REDACTED;
	return copy;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string | number>} [headers]
 */
function sendJson(res, status, body, headers = {}) {
	if (res.destroyed || res.headersSent) return;
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string | Buffer} body
 * @param {string} contentType
 * @param {Record<string, string | number>} [headers]
 */
function sendRaw(res, status, body, contentType, headers = {}) {
	if (res.destroyed || res.headersSent) return;
	res.writeHead(status, {
		'content-type': contentType,
		'content-length': Buffer.byteLength(body),
		...headers,
	});
	res.end(body);
}

module.exports = {
	readBody,
	parseBody,
	queryObject,
	redact,
	redactHeaders,
	sendJson,
	sendRaw,
	REDACTED,
};
