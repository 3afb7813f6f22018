// @ts-check
'use strict';
// multipart/form-data, written by hand: eigi delivers webhooks this way (text fields `event` and
// `payload`), and the package must not gain a dependency just for tests.
const crypto = require('node:crypto');

/**
 * Encodes text fields as multipart/form-data with a random boundary, like an HTTP client does.
 * @param {Record<string, string>} fields
 * @returns {{ body: Buffer, contentType: string, boundary: string }}
 */
function encodeMultipart(fields) {
	const boundary = `----FakeEigiFormBoundary${crypto.randomBytes(16).toString('hex')}`;
	/** @type {Buffer[]} */
	const chunks = [];
	for (const [name, value] of Object.entries(fields)) {
		const safeName = name.replace(/"/g, '%22').replace(/\r|\n/g, ' ');
		chunks.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${safeName}"\r\n\r\n`,
				'utf8',
			),
		);
		chunks.push(Buffer.from(String(value), 'utf8'));
		chunks.push(Buffer.from('\r\n', 'utf8'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return {
		body: Buffer.concat(chunks),
		contentType: `multipart/form-data; boundary=${boundary}`,
		boundary,
	};
}

/**
 * Reads the boundary parameter of a multipart content type, or undefined.
 * @param {string | undefined} contentType
 */
function boundaryOf(contentType) {
	const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
	return match ? (match[1] ?? match[2]) : undefined;
}

/**
 * Parses a multipart/form-data body: text fields by name (the last one wins), files described
 * by name, filename, content type and size. Throws on a body that is not well-formed.
 * @param {Buffer} body
 * @param {string | undefined} contentType
 * @returns {{ fields: Record<string, string>, files: Array<{ name: string, filename: string, contentType: string | undefined, size: number }> }}
 */
function parseMultipart(body, contentType) {
	const boundary = boundaryOf(contentType);
	if (!boundary) throw new Error('multipart body without a boundary');
	const delimiter = Buffer.from(`--${boundary}`);
	/** @type {Record<string, string>} */
	const fields = {};
	/** @type {Array<{ name: string, filename: string, contentType: string | undefined, size: number }>} */
	const files = [];
	let position = body.indexOf(delimiter);
	if (position < 0) throw new Error('multipart body without its boundary');
	for (;;) {
		position += delimiter.length;
		// "--" right after a delimiter closes the body.
		if (body.subarray(position, position + 2).toString() === '--') break;
		const next = body.indexOf(delimiter, position);
		if (next < 0) throw new Error('multipart body is not closed');
		// A part is CRLF, headers, CRLF CRLF, content, CRLF, then the next delimiter.
		const part = body.subarray(position + 2, next - 2);
		const split = part.indexOf('\r\n\r\n');
		if (split < 0) throw new Error('multipart part without headers');
		const headers = part.subarray(0, split).toString('utf8');
		const content = part.subarray(split + 4);
		const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
		const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
		const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
		if (name === undefined) throw new Error('multipart part without a name');
		if (filename !== undefined) {
			const type = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1];
			files.push({ name, filename, contentType: type, size: content.length });
		} else {
			fields[name] = content.toString('utf8');
		}
		position = next;
	}
	return { fields, files };
}

module.exports = { encodeMultipart, parseMultipart, boundaryOf };
