import type { IDataObject } from 'n8n-workflow';

import { isPlainRecord, parseJsonSafely, withoutUnsafeKeys } from './safeJson';

/** What the webhook received, as n8n hands it to the node. */
export interface IncomingDelivery {
	contentType?: string;
	/** The parsed body: JSON, urlencoded or text, n8n's `{ data, files }` for a multipart form, or `{}`. */
	body?: unknown;
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

function fromText(text: string): Fields {
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
function fieldsFromBody({ body }: IncomingDelivery): Fields {
	if (typeof body === 'string') return fromText(body);
	if (Buffer.isBuffer(body)) return fromText(body.toString('utf8'));
	const fields = pick(body);
	// n8n parses a multipart form itself and puts its fields under `data`.
	return isEmpty(fields) && isPlainRecord(body) ? pick(body.data) : fields;
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
 * Reads an eigi delivery: `event` and `payload` (a JSON string) from a multipart form (as n8n
 * parsed it), a urlencoded form, a JSON body (payload as string or object), or the query string
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
