/**
 * A small multipart/form-data reader for the text fields eigi sends (`event`, `payload`), used when
 * n8n hands over the body unparsed (n8n versions before the webhook server parsed forms itself).
 * Parts with a filename are read as text too: a sender may attach the JSON as a file part.
 */

export function multipartBoundary(contentType: string | undefined): string | undefined {
	if (!contentType || !/^multipart\/form-data/i.test(contentType.trim())) return undefined;
	const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match ? (match[1] ?? match[2]) : undefined;
}

function fieldName(headers: string): string | undefined {
	for (const line of headers.split(/\r?\n/)) {
		const [header, ...rest] = line.split(':');
		if (header.trim().toLowerCase() !== 'content-disposition') continue;
		const value = rest.join(':');
		const match = /;\s*name="((?:[^"\\]|\\.)*)"/i.exec(value) ?? /;\s*name=([^;\s]+)/i.exec(value);
		return match ? match[1].replace(/\\(.)/g, '$1') : undefined;
	}
	return undefined;
}

/**
 * The form's fields by name (first occurrence wins), decoded as UTF-8. Returns undefined when the
 * body is not a multipart form with that boundary at all.
 */
export function parseMultipartFields(
	body: Buffer,
	boundary: string,
): Map<string, string> | undefined {
	const delimiter = Buffer.from(`--${boundary}`);
	let position = body.indexOf(delimiter);
	if (position === -1) return undefined;

	const fields = new Map<string, string>();
	for (;;) {
		position += delimiter.length;
		// `--` after a delimiter closes the form.
		if (body.subarray(position, position + 2).toString('latin1') === '--') break;
		const next = body.indexOf(delimiter, position);
		if (next === -1) break;

		const part = body.subarray(position, next);
		const text = part.toString('latin1');
		const headerEnd = /\r?\n\r?\n/.exec(text);
		if (headerEnd) {
			const headers = text.slice(0, headerEnd.index).replace(/^\r?\n/, '');
			let content = part.subarray(headerEnd.index + headerEnd[0].length);
			// The line break before the next delimiter belongs to the delimiter, not to the value.
			if (content.subarray(-2).toString('latin1') === '\r\n') content = content.subarray(0, -2);
			else if (content.subarray(-1).toString('latin1') === '\n') content = content.subarray(0, -1);
			const name = fieldName(headers);
			if (name !== undefined && !fields.has(name)) fields.set(name, content.toString('utf8'));
		}
		position = next;
	}
	return fields;
}
