import type { IDataObject } from 'n8n-workflow';

import { multipartBoundary, parseMultipartFields } from './multipart';
import { isPlainRecord, parseJsonSafely, withoutUnsafeKeys } from './safeJson';

/** What the webhook received, as n8n hands it to the node. */
export interface IncomingDelivery {
	contentType?: string;
	/** `getBodyData()`: parsed JSON, urlencoded or text, n8n 2.x's `{ data, files }` for a form, or `{}`. */
	body?: unknown;
	/** The unparsed body, when a form reached the node unparsed (older n8n versions). */
	rawBody?: Buffer;
	query?: unknown;
}

export interface Delivery {
	event: string;
	/** The payload as sent, without unsafe keys. */
	payload: IDataObject;
}

export type DeliveryResult = { ok: true; delivery: Delivery } | { ok: false; error: string };

type Fields = { event?: unknown; payload?: unknown };

/** A repeated form or query field arrives as an array: the first value counts. */
function single(value: unknown): unknown {
	return Array.isArray(value) ? value[0] : value;
}

function pick(source: unknown): Fields {
	if (!isPlainRecord(source)) return {};
	const fields: Fields = {};
	if (Object.prototype.hasOwnProperty.call(source, 'event')) fields.event = single(source.event);
	if (Object.prototype.hasOwnProperty.call(source, 'payload'))
		fields.payload = single(source.payload);
	return fields;
}

function fromMap(map: Map<string, string> | undefined): Fields {
	if (!map) return {};
	return { event: map.get('event'), payload: map.get('payload') };
}

function fromText(text: string, contentType: string | undefined): Fields {
	const boundary = multipartBoundary(contentType);
	if (boundary) return fromMap(parseMultipartFields(Buffer.from(text, 'utf8'), boundary));
	const trimmed = text.trim();
	if (trimmed.startsWith('{')) {
		try {
			return pick(parseJsonSafely(trimmed));
		} catch {
			return {};
		}
	}
	const form = new URLSearchParams(trimmed);
	return { event: form.get('event') ?? undefined, payload: form.get('payload') ?? undefined };
}

function isEmpty(fields: Fields): boolean {
	return fields.event === undefined && fields.payload === undefined;
}

/** `event` and `payload` from the body, in whichever shape it arrived. */
function fieldsFromBody(incoming: IncomingDelivery): Fields {
	const { body, rawBody, contentType } = incoming;
	if (typeof body === 'string') return fromText(body, contentType);
	if (Buffer.isBuffer(body)) return fromText(body.toString('utf8'), contentType);

	let fields = pick(body);
	// n8n 2.x parses a form itself and puts its fields under `data`.
	if (isEmpty(fields) && isPlainRecord(body)) fields = pick(body.data);
	// Older n8n leaves a form unparsed: read it from the raw body.
	if (isEmpty(fields) && rawBody?.length) {
		const boundary = multipartBoundary(contentType);
		fields = boundary
			? fromMap(parseMultipartFields(rawBody, boundary))
			: fromText(rawBody.toString('utf8'), contentType);
	}
	return fields;
}

function parsePayload(value: unknown): { payload: IDataObject } | { error: string } {
	if (value === undefined || value === null || value === '') return { payload: {} };
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = parseJsonSafely(value);
		} catch (error) {
			return { error: `The payload is not valid JSON (${(error as Error).message})` };
		}
	}
	if (!isPlainRecord(parsed)) {
		return { error: 'The payload must be a JSON object, such as {"conversation_id": "..."}' };
	}
	return { payload: withoutUnsafeKeys(parsed) as IDataObject };
}

/**
 * Reads an eigi delivery: `event` and `payload` (a JSON string) from a multipart form (parsed by
 * n8n or not), a urlencoded form, a JSON body (payload as string or object), or the query string
 * of a GET. The event may also be taken from the payload, which repeats it.
 */
export function readDelivery(incoming: IncomingDelivery): DeliveryResult {
	const body = fieldsFromBody(incoming);
	const query = pick(incoming.query);
	const rawEvent = body.event ?? query.event;
	const rawPayload = body.payload ?? query.payload;

	if (rawEvent === undefined && rawPayload === undefined) {
		return {
			ok: false,
			error:
				'This request is not an eigi webhook delivery: it has no "event" and no "payload" field',
		};
	}

	const parsed = parsePayload(rawPayload);
	if ('error' in parsed) return { ok: false, error: parsed.error };

	const fromField = typeof rawEvent === 'string' ? rawEvent.trim() : '';
	const fromPayload = typeof parsed.payload.event === 'string' ? parsed.payload.event.trim() : '';
	const event = fromField || fromPayload;
	if (!event) {
		return {
			ok: false,
			error:
				'The delivery names no event: expected an "event" field such as conversation.completed',
		};
	}
	return { ok: true, delivery: { event, payload: parsed.payload } };
}
