import { readDelivery } from '../../nodes/Eigi/trigger/delivery';
import { DEFAULT_EVENTS, isEventSelected } from '../../nodes/Eigi/trigger/events';
import {
	buildItem,
	conversationFields,
	conversationIdOf,
	eventKeyOf,
} from '../../nodes/Eigi/trigger/output';
import { parseJsonSafely, withoutUnsafeKeys } from '../../nodes/Eigi/trigger/safeJson';
import { tokenMatches } from '../../nodes/Eigi/trigger/token';

const PAYLOAD = {
	event: 'conversation.completed',
	id: '66f0c0ffee',
	conversation_id: '6b1f3c1e-8d2a-4a57-9a51-0d1f4f1b2c3d',
	conversation_status: 'COMPLETED',
	conversation_transcript: [
		{ role: 'assistant', content: 'Hello', timestamp: '2025-01-01T10:00:00Z' },
	],
	conversation_metadata: { to_mobile_number: '+919876543210', conversation_duration: 42 },
};

describe('readDelivery', () => {
	const payload = JSON.stringify(PAYLOAD);

	it('reads a form n8n 2.x has already parsed ({ data, files })', () => {
		const result = readDelivery({
			contentType: 'multipart/form-data; boundary=x',
			body: { data: { event: 'conversation.completed', payload }, files: {} },
		});
		expect(result).toEqual({
			ok: true,
			delivery: { event: 'conversation.completed', payload: PAYLOAD },
		});
	});

	it('reads urlencoded fields, JSON with the payload as a string or an object, and GET query parameters', () => {
		const expected = { ok: true, delivery: { event: 'conversation.completed', payload: PAYLOAD } };
		expect(readDelivery({ body: { event: 'conversation.completed', payload } })).toEqual(expected);
		expect(readDelivery({ body: { event: 'conversation.completed', payload: PAYLOAD } })).toEqual(
			expected,
		);
		expect(readDelivery({ body: {}, query: { event: 'conversation.completed', payload } })).toEqual(
			expected,
		);
	});

	it('reads a text body holding JSON or a urlencoded form', () => {
		const json = JSON.stringify({ event: 'conversation.completed', payload: PAYLOAD });
		expect(readDelivery({ contentType: 'text/plain', body: json })).toMatchObject({ ok: true });
		const form = new URLSearchParams({ event: 'conversation.completed', payload }).toString();
		expect(readDelivery({ contentType: 'text/plain', body: form })).toMatchObject({ ok: true });
	});

	it('takes the first value of a repeated field', () => {
		const result = readDelivery({
			query: { event: ['conversation.failed', 'conversation.completed'], payload },
		});
		expect(result).toMatchObject({ ok: true, delivery: { event: 'conversation.failed' } });
	});

	it('takes the event from the payload when the event field is missing', () => {
		expect(readDelivery({ body: { payload } })).toMatchObject({
			ok: true,
			delivery: { event: 'conversation.completed' },
		});
	});

	it('accepts an event without a payload, with an empty payload', () => {
		expect(readDelivery({ query: { event: 'conversation.started' } })).toEqual({
			ok: true,
			delivery: { event: 'conversation.started', payload: {} },
		});
	});

	it('rejects a request with neither event nor payload', () => {
		const result = readDelivery({ body: { hello: 'world' }, query: {} });
		expect(result).toEqual({
			ok: false,
			error: expect.stringContaining('not an eigi webhook delivery'),
		});
	});

	it('rejects a payload that is not JSON, or not a JSON object', () => {
		expect(
			readDelivery({ body: { event: 'conversation.completed', payload: '{"conversation_id": ' } }),
		).toEqual({
			ok: false,
			error: expect.stringContaining('The payload is not valid JSON'),
		});
		expect(readDelivery({ body: { event: 'conversation.completed', payload: '[1, 2]' } })).toEqual({
			ok: false,
			error: expect.stringContaining('must be a JSON object'),
		});
	});

	it('rejects a delivery that names no event anywhere', () => {
		expect(readDelivery({ body: { payload: '{"conversation_id": "c1"}' } })).toEqual({
			ok: false,
			error: expect.stringContaining('names no event'),
		});
	});

	it('drops __proto__, constructor and prototype keys at every depth, string or parsed payload', () => {
		const hostile =
			'{"conversation_id": "c1", "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "conversation_metadata": {"__proto__": {"polluted": true}, "ok": 1}}';
		for (const candidate of [hostile, JSON.parse(hostile) as object]) {
			const result = readDelivery({
				body: { event: 'conversation.completed', payload: candidate },
			});
			expect(result).toEqual({
				ok: true,
				delivery: {
					event: 'conversation.completed',
					payload: { conversation_id: 'c1', conversation_metadata: { ok: 1 } },
				},
			});
			if (!result.ok) throw new Error('unreachable');
			expect(Object.getPrototypeOf(result.delivery.payload)).toBe(Object.prototype);
			expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
		}
	});
});

describe('safe JSON', () => {
	it('parses without unsafe keys and keeps plain prototypes', () => {
		const value = parseJsonSafely(
			'{"a": {"__proto__": {"x": 1}, "b": [{"constructor": 1, "c": 2}]}}',
		);
		expect(value).toEqual({ a: { b: [{ c: 2 }] } });
		expect(withoutUnsafeKeys(JSON.parse('{"__proto__": {"x": 1}, "y": 2}'))).toEqual({ y: 2 });
	});
});

describe('isEventSelected', () => {
	it('matches selected events, case and spaces aside', () => {
		expect(isEventSelected('conversation.completed', DEFAULT_EVENTS)).toBe(true);
		expect(isEventSelected(' Conversation.Failed ', DEFAULT_EVENTS)).toBe(true);
		expect(isEventSelected('conversation.started', DEFAULT_EVENTS)).toBe(false);
	});

	it('matches any event, known or not, with *', () => {
		expect(isEventSelected('conversation.transferred', ['*'])).toBe(true);
		expect(isEventSelected('conversation.transferred', ['conversation.completed'])).toBe(false);
	});

	it('matches nothing when nothing is selected', () => {
		expect(isEventSelected('conversation.completed', [])).toBe(false);
		expect(isEventSelected('conversation.completed', undefined)).toBe(false);
	});
});

describe('tokenMatches', () => {
	it('accepts only the exact token, as a single string', () => {
		expect(tokenMatches('s3cret-token', 's3cret-token')).toBe(true);
		expect(tokenMatches('s3cret-tokeN', 's3cret-token')).toBe(false);
		expect(tokenMatches('s3cret', 's3cret-token')).toBe(false);
		expect(tokenMatches('', 's3cret-token')).toBe(false);
		expect(tokenMatches(undefined, 's3cret-token')).toBe(false);
		expect(tokenMatches(['s3cret-token', 'x'], 's3cret-token')).toBe(false);
	});
});

describe('output item', () => {
	const receivedAt = new Date('2025-01-01T10:05:00.000Z');
	const delivery = { event: 'conversation.completed', payload: PAYLOAD };
	const extras = { reference: 'INV-1042', attempt: 2 };

	it('puts event, the reference and attempt, the conversation fields, its key and receivedAt at the top level', () => {
		const { event: _event, ...fields } = PAYLOAD;
		expect(buildItem(delivery, receivedAt, extras)).toEqual({
			event: 'conversation.completed',
			reference: 'INV-1042',
			attempt: 2,
			...fields,
			eventKey: `conversation.completed:${PAYLOAD.conversation_id}`,
			receivedAt: '2025-01-01T10:05:00.000Z',
		});
	});

	it('keys an event the same for every delivery of it, and differently for any other event', () => {
		const again = { event: 'conversation.completed', payload: structuredClone(PAYLOAD) };
		expect(eventKeyOf(again)).toBe(eventKeyOf(delivery));
		expect(eventKeyOf({ ...delivery, event: 'conversation.failed' })).not.toBe(
			eventKeyOf(delivery),
		);
		const other = { ...delivery, payload: { ...PAYLOAD, conversation_id: 'another' } };
		expect(eventKeyOf(other)).not.toBe(eventKeyOf(delivery));
		expect(eventKeyOf({ event: 'call.completed', payload: { id: 'evt_1' } })).toBe(
			'call.completed:evt_1',
		);
		const bare = { event: 'conversation.failed', payload: { reason: 'busy' } };
		expect(eventKeyOf(bare)).toBe(eventKeyOf(structuredClone(bare)));
	});

	it('merges the fetched conversation over the payload fields', () => {
		const item = buildItem(delivery, receivedAt, extras, {
			conversation: {
				conversation_id: PAYLOAD.conversation_id,
				notes: 'Interested',
				conversation_status: 'COMPLETED',
			},
		});
		expect(item).toMatchObject({
			notes: 'Interested',
			conversation_metadata: PAYLOAD.conversation_metadata,
		});
		expect(item.fetchError).toBeUndefined();
	});

	it('keeps the item and states why when the fetch failed', () => {
		const item = buildItem(delivery, receivedAt, extras, { error: 'eigi could not find it (404)' });
		expect(item).toMatchObject({
			conversation_id: PAYLOAD.conversation_id,
			fetchError: 'eigi could not find it (404)',
		});
	});

	it('lifts a conversation wrapped in "conversation" or "data"', () => {
		const wrapped = {
			event: 'conversation.failed',
			data: { conversation_id: 'c9', conversation_status: 'FAILED' },
			id: 'x',
		};
		expect(conversationFields(wrapped)).toEqual({
			id: 'x',
			conversation_id: 'c9',
			conversation_status: 'FAILED',
		});
		expect(conversationIdOf(wrapped)).toBe('c9');
		expect(conversationIdOf({ conversation: { conversation_id: 'c8' } })).toBe('c8');
		expect(conversationIdOf({})).toBeUndefined();
	});
});
