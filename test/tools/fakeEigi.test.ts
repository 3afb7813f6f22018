import { createServer, type IncomingMessage, type Server } from 'http';
import type { AddressInfo } from 'net';

import {
	createFakeEigi,
	DEFAULT_API_KEY,
	deliverWebhook,
	encodeMultipart,
	parseMultipart,
	type Conversation,
	type FakeEigi,
} from '../../tools/fake-eigi';

const LEAD = '68ea2517dbb84c09bae1ba0a';
const REMINDER = '68ea2517dbb84c09bae1ba0b';

let fake: FakeEigi;

beforeAll(async () => {
	fake = await createFakeEigi();
});
beforeEach(() => fake.reset());
afterAll(async () => await fake.close());

type Json = Record<string, any>;

async function api(path: string, init: RequestInit & { key?: string | null } = {}) {
	const { key = fake.apiKey, ...rest } = init;
	const headers = new Headers(rest.headers);
	if (key !== null) headers.set('x-api-key', key);
	const response = await fetch(`${fake.baseUrl}${path}`, { ...rest, headers });
	const text = await response.text();
	let body: any = text;
	try {
		body = JSON.parse(text);
	} catch {}
	return { status: response.status, headers: response.headers, body };
}

function outbound(body: unknown, init: RequestInit & { key?: string | null } = {}) {
	return api('/v1/public/calls/outbound', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify(body),
		...init,
	});
}

function numbers(count: number, offset = 0) {
	return Array.from({ length: count }, (_, index) => ({
		mobile_number: `+1415555${String(1000 + offset + index)}`,
	}));
}

/** A local webhook receiver, to read deliveries back exactly as they arrive. */
async function startReceiver() {
	const received: Array<{
		method: string;
		url: URL;
		headers: IncomingMessage['headers'];
		body: Buffer;
	}> = [];
	const waiters: Array<() => void> = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({
				method: req.method ?? '',
				url: new URL(req.url ?? '/', 'http://x'),
				headers: req.headers,
				body: Buffer.concat(chunks),
			});
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
			waiters.splice(0).forEach((wake) => wake());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
	return {
		url,
		received,
		async waitFor(count: number) {
			while (received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
			return received;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** Reads a multipart body with the platform's own parser (undici), not ours. */
async function formFields(delivery: { headers: IncomingMessage['headers']; body: Buffer }) {
	const form = await new Response(delivery.body, {
		headers: { 'content-type': String(delivery.headers['content-type']) },
	}).formData();
	return Object.fromEntries([...form.entries()].map(([name, value]) => [name, String(value)]));
}

describe('authentication', () => {
	it('answers 401 without a key or with a wrong one, and hides the key everywhere', async () => {
		for (const key of [null, 'vk_wrong', '']) {
			const answer = await api('/v1/public/agents', { key });
			expect(answer).toMatchObject({ status: 401, body: { detail: 'Invalid or missing API key' } });
		}
		await outbound({ agent_id: LEAD, params: numbers(1), note: `leak ${fake.apiKey}` });
		await api(`/v1/public/agents?search=${fake.apiKey}`);
		expect(fake.requests.map((request) => request.auth)).toEqual([
			'missing',
			'invalid',
			'missing',
			'valid',
			'valid',
		]);
		expect(fake.requests[3].headers['x-api-key']).toBe('[redacted]');
		expect(fake.requests[1].headers['x-api-key']).toBe('[redacted]');
		expect(JSON.stringify(fake.requests)).not.toContain(fake.apiKey);
		expect(await (await fetch(`${fake.baseUrl}/__admin/requests`)).text()).not.toContain(
			fake.apiKey,
		);
		expect(fake.apiKey).toBe(DEFAULT_API_KEY);
	});
});

describe('POST /v1/public/calls/outbound', () => {
	it('places one call per number and answers the documented body by default', async () => {
		const answer = await outbound({
			agent_id: LEAD,
			params: [
				{ mobile_number: '+919876543210', metadata: { customer_name: 'John Doe' } },
				{ mobile_number: '+14155551234' },
			],
			telephony_provider: 'TWILIO',
		});
		expect(answer).toEqual({
			status: 200,
			headers: expect.anything(),
			body: { status: 'success', message: 'Outbound calls initiated successfully' },
		});
		expect(fake.calledNumbers()).toEqual(['+919876543210', '+14155551234']);
		const [first] = Object.values(fake.conversations);
		expect(first).toMatchObject({
			conversation_id: expect.stringMatching(
				/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
			),
			id: expect.stringMatching(/^[0-9a-f]{24}$/),
			agent_id: LEAD,
			conversation_status: 'IN_PROGRESS',
			conversation_type: 'TELEPHONY',
			conversation_metadata: {
				to_mobile_number: '+919876543210',
				from_mobile_number: '+14155550100',
				calling_type: 'OUTBOUND',
				telephony_provider: 'TWILIO',
				dynamic_variables: { customer_name: 'John Doe' },
				conversation_recording_url: null,
				conversation_duration: null,
			},
		});
		expect(new Date(first.created_at!).toISOString()).toBe(first.created_at);
		expect(fake.outboundRequests()).toHaveLength(1);
		expect(fake.outboundRequests()[0].body).toMatchObject({ agent_id: LEAD });
	});

	it('fails invalid and unreachable numbers one by one in the results shape', async () => {
		fake.setOptions({ responseShape: 'results', failingNumbers: new Set(['+14155551001']) });
		const answer = await outbound({
			agent_id: LEAD,
			params: [...numbers(2), { mobile_number: '415-555-0000' }, ...numbers(1, 2)],
		});
		expect(answer.status).toBe(200);
		expect(answer.body.results).toEqual([
			{ mobile_number: '+14155551000', status: 'initiated', conversation_id: expect.any(String) },
			{ mobile_number: '+14155551001', status: 'failed', error: 'Number not reachable' },
			{ mobile_number: '415-555-0000', status: 'failed', error: expect.stringContaining('E.164') },
			{ mobile_number: '+14155551002', status: 'initiated', conversation_id: expect.any(String) },
		]);
		expect(fake.calledNumbers()).toEqual(['+14155551000', '+14155551002']);
		expect(Object.keys(fake.conversations).sort()).toEqual(
			[answer.body.results[0].conversation_id, answer.body.results[3].conversation_id].sort(),
		);
	});

	it('answers FastAPI-style results: every field present, null where unset', async () => {
		fake.setOptions({ responseShape: 'fastapi', failingNumbers: ['+14155551001'] });
		const answer = await outbound({
			agent_id: LEAD,
			params: [...numbers(2), { mobile_number: '415-555-0000' }],
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			status: 'success',
			message: 'Outbound calls initiated successfully',
			results: [
				{
					mobile_number: '+14155551000',
					conversation_id: expect.any(String),
					status: 'initiated',
					error: null,
				},
				{
					mobile_number: '+14155551001',
					conversation_id: null,
					status: 'failed',
					error: 'Number not reachable',
				},
				{
					mobile_number: '415-555-0000',
					conversation_id: null,
					status: 'failed',
					error: expect.stringContaining('E.164'),
				},
			],
		});
		// The key order is the model's, as a Python client would print it.
		expect(Object.keys(answer.body.results[0])).toEqual([
			'mobile_number',
			'conversation_id',
			'status',
			'error',
		]);
		expect(fake.getConversation(answer.body.results[0].conversation_id)).toBeDefined();
		expect(fake.calledNumbers()).toEqual(['+14155551000']);
	});

	it.each([
		['noPlus', 'results', '14155550111', '919876543210'],
		['spaced', 'results', '+1 415 555 0111', '+91 98765 43210'],
		['noPlus', 'fastapi', '14155550111', '919876543210'],
		['spaced', 'fastapi', '+1 415 555 0111', '+91 98765 43210'],
		['asSent', 'fastapi', '+14155550111', '+919876543210'],
	] as const)(
		'echoes numbers %s in the %s shape, and still calls them as sent',
		async (echoNumbers, responseShape, us, india) => {
			fake.setOptions({ responseShape, echoNumbers });
			const answer = await outbound({
				agent_id: LEAD,
				params: [{ mobile_number: '+14155550111' }, { mobile_number: '+919876543210' }],
			});
			expect(answer.body.results.map((result: Json) => result.mobile_number)).toEqual([us, india]);
			// Only the echo changes: the numbers called and stored are the ones sent.
			expect(fake.calledNumbers()).toEqual(['+14155550111', '+919876543210']);
			const stored = fake.getConversation(answer.body.results[0].conversation_id);
			expect(stored?.conversation_metadata?.to_mobile_number).toBe('+14155550111');
		},
	);

	it('echoes a number that is not E.164 as sent, even when spacing', async () => {
		fake.setOptions({ responseShape: 'fastapi', echoNumbers: 'spaced' });
		const answer = await outbound({
			agent_id: LEAD,
			params: [{ mobile_number: '(415) 555-0111' }],
		});
		expect(answer.body.results[0]).toMatchObject({
			mobile_number: '(415) 555-0111',
			status: 'failed',
		});
	});

	it('refuses unknown values of the new options', () => {
		expect(() => fake.setOptions({ responseShape: 'pydantic' as never })).toThrow(
			'Fake eigi option "responseShape" should be one of plain, results, fastapi',
		);
		expect(() => fake.setOptions({ echoNumbers: 'e164' as never })).toThrow(
			'Fake eigi option "echoNumbers" should be one of asSent, noPlus, spaced',
		);
		expect(fake.options).toMatchObject({ responseShape: 'plain', echoNumbers: 'asSent' });
	});

	it.each([
		['a text body', 'hello', 'text/plain', ['body']],
		['broken JSON', '{"agent_id":', 'application/json', ['body', 0]],
		['no agent_id', { params: numbers(1) }, 'application/json', ['body', 'agent_id']],
		['no params', { agent_id: LEAD }, 'application/json', ['body', 'params']],
		['empty params', { agent_id: LEAD, params: [] }, 'application/json', ['body', 'params']],
		[
			'params not a list',
			{ agent_id: LEAD, params: { mobile_number: '+14155551000' } },
			'application/json',
			['body', 'params'],
		],
		[
			'a param without number',
			{ agent_id: LEAD, params: [{ metadata: {} }] },
			'application/json',
			['body', 'params', 0, 'mobile_number'],
		],
		[
			'metadata not an object',
			{ agent_id: LEAD, params: [{ mobile_number: '+14155551000', metadata: 'x' }] },
			'application/json',
			['body', 'params', 0, 'metadata'],
		],
		[
			'an unknown provider',
			{ agent_id: LEAD, params: numbers(1), telephony_provider: 'VONAGE' },
			'application/json',
			['body', 'telephony_provider'],
		],
		[
			'101 numbers',
			{ agent_id: LEAD, params: numbers(101) },
			'application/json',
			['body', 'params'],
		],
	])('rejects %s with a FastAPI 422 and places nothing', async (_, body, contentType, loc) => {
		const answer = await outbound(body, { headers: { 'content-type': contentType } });
		expect(answer.status).toBe(422);
		expect(answer.body.detail).toEqual([
			expect.objectContaining({ loc, msg: expect.any(String), type: expect.any(String) }),
		]);
		expect(fake.calledNumbers()).toEqual([]);
	});

	it('answers 404 for an unknown agent, and honours a smaller maxParams', async () => {
		expect(
			await outbound({ agent_id: 'ffffffffffffffffffffffff', params: numbers(1) }),
		).toMatchObject({ status: 404, body: { detail: 'Agent not found' } });
		fake.setOptions({ maxParams: 2 });
		expect((await outbound({ agent_id: LEAD, params: numbers(3) })).status).toBe(422);
		expect((await outbound({ agent_id: LEAD, params: numbers(2) })).status).toBe(200);
	});
});

describe('conversations', () => {
	async function placeOne(number = '+14155551000', metadata?: Json) {
		fake.setOptions({ responseShape: 'results' });
		const answer = await outbound({
			agent_id: LEAD,
			params: [{ mobile_number: number, metadata }],
		});
		return answer.body.results[0].conversation_id as string;
	}

	it('returns the conversation itself, or 404', async () => {
		const id = await placeOne();
		const answer = await api(`/v1/public/conversations/${id}`);
		expect(answer.status).toBe(200);
		expect(answer.body.conversation_id).toBe(id);
		expect(await api('/v1/public/conversations/nope')).toMatchObject({
			status: 404,
			body: { detail: 'Conversation not found' },
		});
	});

	it('ends after N reads with a transcript that uses the metadata', async () => {
		fake.setOptions({ completeAfterReads: 2 });
		const id = await placeOne('+14155551000', { customer_name: 'Priya' });
		const statuses = [];
		for (let read = 0; read < 3; read++)
			statuses.push((await api(`/v1/public/conversations/${id}`)).body.conversation_status);
		expect(statuses).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'COMPLETED']);
		const ended = fake.getConversation(id)!;
		expect(ended.conversation_transcript![0]).toMatchObject({
			role: 'assistant',
			content: expect.stringContaining('Priya'),
		});
		expect(ended.conversation_transcript!.map((line) => line.role)).toContain('user');
		expect(ended.conversation_metadata).toMatchObject({
			conversation_duration: expect.any(Number),
			conversation_recording_url: `${fake.baseUrl}/recordings/${id}.mp3`,
		});
		expect(ended.conversation_analysis).toMatchObject({
			summary: expect.stringContaining('Priya'),
		});
		const recording = await fetch(ended.conversation_metadata!.conversation_recording_url!);
		expect(recording.headers.get('content-type')).toBe('audio/mpeg');
		await recording.arrayBuffer();
	});

	it('ends after a time, FAILED for numbers set to fail', async () => {
		fake.setOptions({ completeAfterMs: 30, failedCallNumbers: ['+14155551001'] });
		const ok = await placeOne('+14155551000');
		const failed = await placeOne('+14155551001');
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect((await api(`/v1/public/conversations/${ok}`)).body.conversation_status).toBe(
			'COMPLETED',
		);
		expect((await api(`/v1/public/conversations/${failed}`)).body).toMatchObject({
			conversation_status: 'FAILED',
			conversation_transcript: [],
		});
	});

	it('answers by plan: a number answers on the attempt its last digit names, earlier attempts ring out', async () => {
		// Numbers ending in 0 answer at once, in 1 on the second call, in 2 never.
		fake.setOptions({ answerOnAttempt: [1, 2, 0, 1, 1, 1, 1, 1, 1, 1] });
		const endings: Record<string, string[]> = {};
		for (let round = 0; round < 2; round++) {
			for (const number of ['+14155551000', '+14155551001', '+14155551002']) {
				const ended = fake.completeConversation(await placeOne(number))!;
				const talked = ended.conversation_transcript!.length > 0 ? 'talked' : 'silent';
				(endings[number] ??= []).push(`${ended.conversation_status} ${talked}`);
				if (talked === 'silent') expect(ended.conversation_metadata!.conversation_duration).toBe(0);
			}
		}
		expect(endings).toEqual({
			'+14155551000': ['COMPLETED talked', 'COMPLETED talked'],
			'+14155551001': ['DISCONNECTED silent', 'COMPLETED talked'],
			'+14155551002': ['DISCONNECTED silent', 'DISCONNECTED silent'],
		});
	});

	it('counts a seeded past call as an attempt of the answer plan', async () => {
		fake.setOptions({ answerOnAttempt: [1, 2, 0, 1, 1, 1, 1, 1, 1, 1] });
		fake.addPastCall({ mobileNumber: '+14155552001', ageMs: 86_400_000, status: 'DISCONNECTED' });
		const ended = fake.completeConversation(await placeOne('+14155552001'))!;
		expect(ended.conversation_status).toBe('COMPLETED');
	});

	it('stays in progress until told, by default', async () => {
		const id = await placeOne();
		for (let read = 0; read < 3; read++)
			expect((await api(`/v1/public/conversations/${id}`)).body.conversation_status).toBe(
				'IN_PROGRESS',
			);
		expect(fake.completeConversation(id, 'DISCONNECTED')?.conversation_status).toBe('DISCONNECTED');
	});

	function seed(count: number, fields: Json = {}) {
		for (let index = 0; index < count; index++) {
			fake.addConversation({
				conversation_id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
				agent_id: LEAD,
				conversation_type: 'TELEPHONY',
				conversation_status: 'COMPLETED',
				conversation_metadata: {
					to_mobile_number: `+1415555${1000 + index}`,
					calling_type: 'OUTBOUND',
				},
				created_at: `2026-11-${String(1 + (index % 28)).padStart(2, '0')}T10:00:00Z`,
				...fields,
			});
		}
	}

	it('lists in pages, newest first, with filters', async () => {
		seed(25);
		seed(3, { agent_id: REMINDER, conversation_status: 'FAILED', conversation_id: undefined });
		const first = await api('/v1/public/conversations?page_size=10');
		expect(first.body.pagination).toEqual({ total: 28, page: 1, page_size: 10, total_pages: 3 });
		expect(first.body.data).toHaveLength(10);
		const last = await api('/v1/public/conversations?page=3&page_size=10');
		expect(last.body.data).toHaveLength(8);
		const all = [];
		for (let page = 1; page <= 3; page++)
			all.push(...(await api(`/v1/public/conversations?page=${page}&page_size=10`)).body.data);
		expect(
			new Set(all.map((conversation: Conversation) => conversation.conversation_id)).size,
		).toBe(28);
		const times = all.map((conversation: Conversation) => Date.parse(conversation.created_at!));
		expect([...times].sort((a, b) => b - a)).toEqual(times);

		const failed = await api(
			`/v1/public/conversations?conversation_status=FAILED&agent_id=${REMINDER}`,
		);
		expect(failed.body.data).toHaveLength(3);
		const dated = await api(
			'/v1/public/conversations?from_date=2026-11-20T00:00:00&to_date=2026-11-21&page_size=100',
		);
		expect(
			dated.body.data
				.map((conversation: Conversation) => String(conversation.created_at).slice(0, 10))
				.sort(),
		).toEqual(['2026-11-20', '2026-11-21']);
		const searched = await api('/v1/public/conversations?search=%2B14155551007');
		expect(
			searched.body.data.map(
				(conversation: Conversation) => conversation.conversation_metadata?.to_mobile_number,
			),
		).toEqual(['+14155551007']);
	});

	it('puts the numbers at the top level with listShape topLevel, and rejects bad queries', async () => {
		seed(3);
		fake.setOptions({ listShape: 'topLevel' });
		expect((await api('/v1/public/conversations?page_size=2')).body).toEqual({
			data: expect.any(Array),
			total: 3,
			page: 1,
			page_size: 2,
			total_pages: 2,
		});
		for (const query of [
			'page_size=101',
			'page=0',
			'page=x',
			'conversation_status=DONE',
			'from_date=yesterday',
		]) {
			expect((await api(`/v1/public/conversations?${query}`)).status).toBe(422);
		}
	});
});

describe('conversation list, as eigi keeps the calls it received', () => {
	const HOUR = 3600_000;
	const listed = (answer: { body: Json }) =>
		answer.body.data.map(
			(conversation: Conversation) => conversation.conversation_metadata?.to_mobile_number,
		);

	async function place(...mobileNumbers: string[]) {
		const answer = await outbound({
			agent_id: LEAD,
			params: mobileNumbers.map((mobile_number) => ({ mobile_number })),
		});
		expect(answer.status).toBe(200);
	}

	it('lists calls placed through the outbound endpoint as OUTBOUND, newest first', async () => {
		const before = Date.now();
		await place('+14155550111');
		await new Promise((resolve) => setTimeout(resolve, 5));
		await place('+14155550112');
		fake.addPastCall({ mobileNumber: '+14155550113', ageMs: 3 * HOUR, callingType: 'INBOUND' });

		const all = await api('/v1/public/conversations');
		expect(all.body.pagination).toEqual({ total: 3, page: 1, page_size: 10, total_pages: 1 });
		for (const conversation of all.body.data as Conversation[]) {
			expect(new Date(conversation.created_at!).toISOString()).toBe(conversation.created_at);
		}
		// The inbound call was to the agent's number, from the caller's.
		expect(
			all.body.data.map((conversation: Conversation) => [
				conversation.conversation_metadata?.calling_type,
				conversation.conversation_metadata?.to_mobile_number,
				conversation.conversation_metadata?.from_mobile_number,
			]),
		).toEqual([
			['OUTBOUND', '+14155550112', '+14155550100'],
			['OUTBOUND', '+14155550111', '+14155550100'],
			['INBOUND', '+14155550100', '+14155550113'],
		]);
		expect(Date.parse(all.body.data[1].created_at)).toBeGreaterThanOrEqual(before);

		expect(listed(await api('/v1/public/conversations?calling_type=OUTBOUND'))).toEqual([
			'+14155550112',
			'+14155550111',
		]);
		expect(
			(await api('/v1/public/conversations?calling_type=INBOUND')).body.data.map(
				(conversation: Conversation) => conversation.conversation_metadata?.from_mobile_number,
			),
		).toEqual(['+14155550113']);
		expect((await api('/v1/public/conversations?calling_type=outbound')).status).toBe(422);
	});

	it('tells a number called 3 hours ago from one called now, by from_date and to_date', async () => {
		fake.addPastCall({ mobileNumber: '+14155550111', ageMs: 3 * HOUR });
		fake.addPastCall({ mobileNumber: '+14155550112', ageMs: 30 * 24 * HOUR });
		await place('+14155550113');
		const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

		expect(listed(await api(`/v1/public/conversations?from_date=${ago(4)}`))).toEqual([
			'+14155550113',
			'+14155550111',
		]);
		expect(listed(await api(`/v1/public/conversations?from_date=${ago(2)}`))).toEqual([
			'+14155550113',
		]);
		expect(
			listed(await api(`/v1/public/conversations?from_date=${ago(4)}&to_date=${ago(2)}`)),
		).toEqual(['+14155550111']);
		// A zone offset is honoured: the same instant written in UTC+02:00.
		const offset = new Date(Date.now() - 4 * HOUR + 2 * HOUR)
			.toISOString()
			.replace(/\.\d+Z$/, '+02:00');
		expect(
			listed(await api(`/v1/public/conversations?from_date=${encodeURIComponent(offset)}`)),
		).toEqual(['+14155550113', '+14155550111']);
	});

	it('finds a number by search, with or without its +', async () => {
		fake.addPastCall({ mobileNumber: '+14155550111', ageMs: HOUR });
		fake.addPastCall({ mobileNumber: '+14155550222', ageMs: HOUR });
		fake.addConversation({
			conversation_id: 'seeded-without-plus',
			conversation_metadata: { to_mobile_number: '14155550333', calling_type: 'OUTBOUND' },
			created_at: '2026-11-20T10:00:00Z',
		});
		for (const search of [
			'%2B14155550111',
			'14155550111',
			'+14155550111', // unencoded: the + arrives as a space
			'4155550111',
			'%2B1%20415%20555%200111',
		]) {
			expect([search, listed(await api(`/v1/public/conversations?search=${search}`))]).toEqual([
				search,
				['+14155550111'],
			]);
		}
		expect(listed(await api('/v1/public/conversations?search=%2B14155550333'))).toEqual([
			'14155550333',
		]);
		expect(listed(await api('/v1/public/conversations?search=%2B14155550999'))).toEqual([]);
	});

	it('filters by agent and status, and pages up to 100 with a FastAPI 422 above', async () => {
		for (let index = 0; index < 105; index++) {
			fake.addPastCall({
				mobileNumber: `+1415555${1000 + index}`,
				ageMs: (index + 1) * 60_000,
				agentId: index % 5 === 0 ? REMINDER : LEAD,
				status: index % 7 === 0 ? 'FAILED' : 'COMPLETED',
			});
		}
		const first = await api('/v1/public/conversations?page_size=100');
		expect(first.body.data).toHaveLength(100);
		expect(first.body.pagination).toEqual({ total: 105, page: 1, page_size: 100, total_pages: 2 });
		expect(listed(await api('/v1/public/conversations?page_size=100&page=2'))).toEqual([
			'+14155551100',
			'+14155551101',
			'+14155551102',
			'+14155551103',
			'+14155551104',
		]);
		const tooMany = await api('/v1/public/conversations?page_size=101');
		expect(tooMany).toMatchObject({
			status: 422,
			body: {
				detail: [
					{
						type: 'less_than_equal',
						loc: ['query', 'page_size'],
						msg: 'Input should be less than or equal to 100',
					},
				],
			},
		});

		const reminders = await api(`/v1/public/conversations?agent_id=${REMINDER}&page_size=100`);
		expect(reminders.body.pagination.total).toBe(21);
		expect(
			reminders.body.data.every((conversation: Conversation) => conversation.agent_id === REMINDER),
		).toBe(true);
		fake.setOptions({ listShape: 'topLevel' });
		const failed = await api(
			`/v1/public/conversations?conversation_status=FAILED&agent_id=${REMINDER}&page_size=2`,
		);
		// Indexes 0, 35 and 70 are both multiples of 5 and of 7.
		expect(failed.body).toEqual({
			data: [expect.anything(), expect.anything()],
			total: 3,
			page: 1,
			page_size: 2,
			total_pages: 2,
		});
	});

	it('writes numbers without + in list and get answers with listNumbersWithoutPlus', async () => {
		fake.setOptions({ listNumbersWithoutPlus: true, responseShape: 'fastapi' });
		const placed = await outbound({ agent_id: LEAD, params: [{ mobile_number: '+14155550111' }] });
		const id = placed.body.results[0].conversation_id;
		// The results entry echoes as echoNumbers says (as sent by default), not as the list does.
		expect(placed.body.results[0].mobile_number).toBe('+14155550111');
		const list = await api('/v1/public/conversations?search=%2B14155550111');
		expect(list.body.data[0].conversation_metadata).toMatchObject({
			to_mobile_number: '14155550111',
			from_mobile_number: '14155550100',
		});
		expect((await api(`/v1/public/conversations/${id}`)).body.conversation_metadata).toMatchObject({
			to_mobile_number: '14155550111',
		});
		// The record itself keeps E.164, so failedCallNumbers and the JS API still match it.
		expect(fake.getConversation(id)?.conversation_metadata?.to_mobile_number).toBe('+14155550111');
		fake.setOptions({ listNumbersWithoutPlus: false });
		expect(listed(await api('/v1/public/conversations'))).toEqual(['+14155550111']);
	});

	it('seeds past calls as whole, ended conversations that send nothing', async () => {
		fake.setOptions({ webhookUrls: ['http://127.0.0.1:9/never'] });
		const past = fake.addPastCall({
			mobileNumber: '+14155550111',
			createdAt: '2026-11-20T10:00:00Z',
			agentId: REMINDER,
			metadata: { customer_name: 'Ana', invoice_number: 'INV-7' },
		});
		expect(past).toMatchObject({
			conversation_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			agent_id: REMINDER,
			conversation_status: 'COMPLETED',
			created_at: '2026-11-20T10:00:00.000Z',
			conversation_metadata: {
				to_mobile_number: '+14155550111',
				from_mobile_number: '+14155550101',
				calling_type: 'OUTBOUND',
				telephony_provider: 'PLIVO',
				dynamic_variables: { customer_name: 'Ana', invoice_number: 'INV-7' },
			},
		});
		expect(past.conversation_transcript![0].content).toContain('INV-7');
		expect(past.conversation_transcript![0].timestamp.startsWith('2026-11-20T10:00')).toBe(true);
		expect(Date.parse(past.updated_at!)).toBeGreaterThan(Date.parse(past.created_at!));
		expect(Date.parse(past.updated_at!)).toBeLessThan(Date.parse('2026-11-20T10:10:00Z'));
		const running = fake.addPastCall({ mobileNumber: '+14155550112', status: 'IN_PROGRESS' });
		expect(running.conversation_transcript).toEqual([]);
		expect(fake.calledNumbers()).toEqual([]);
		expect(fake.webhookDeliveries).toEqual([]);
		expect((await api(`/v1/public/conversations/${past.conversation_id}`)).body).toEqual(past);

		expect(() => fake.addPastCall({ mobileNumber: '+1', agoMs: 5 } as never)).toThrow(
			'Unknown past call field "agoMs"',
		);
		expect(() => fake.addPastCall({ mobileNumber: '+1', createdAt: 'yesterday' })).toThrow(
			'createdAt',
		);
		expect(() => fake.addPastCall({ mobileNumber: '+1', createdAt: new Date(), ageMs: 1 })).toThrow(
			'not both',
		);
		expect(() => fake.addPastCall({ mobileNumber: '+1', status: 'DONE' as never })).toThrow(
			'status',
		);
	});

	it('seeds over HTTP: past calls, or conversations with created_at, number and calling_type', async () => {
		const post = async (path: string, body: unknown) => {
			const response = await fetch(`${fake.baseUrl}/__admin${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			return { status: response.status, body: (await response.json()) as Json };
		};
		const threeHoursAgo = new Date(Date.now() - 3 * HOUR).toISOString();
		const one = await post('/past-calls', {
			mobileNumber: '+14155550111',
			createdAt: threeHoursAgo,
		});
		expect(one.body).toMatchObject({ conversation_status: 'COMPLETED', created_at: threeHoursAgo });
		const many = await post('/past-calls', [
			{ mobileNumber: '+14155550112', ageMs: HOUR },
			{ mobileNumber: '+14155550113', ageMs: 5 * HOUR, status: 'FAILED' },
		]);
		expect(many.body.conversations).toHaveLength(2);
		expect((await post('/past-calls', { number: '+14155550114' })).status).toBe(400);
		await post('/conversations', {
			conversation_id: 'seeded-inbound',
			conversation_status: 'COMPLETED',
			conversation_metadata: { to_mobile_number: '+14155550115', calling_type: 'INBOUND' },
			created_at: new Date(Date.now() - 2 * HOUR).toISOString(),
		});

		const recent = await api(
			`/v1/public/conversations?calling_type=OUTBOUND&from_date=${new Date(Date.now() - 4 * HOUR).toISOString()}`,
		);
		expect(listed(recent)).toEqual(['+14155550112', '+14155550111']);
		expect(listed(await api('/v1/public/conversations?calling_type=INBOUND'))).toEqual([
			'+14155550115',
		]);
		expect(listed(await api('/v1/public/conversations?conversation_status=FAILED'))).toEqual([
			'+14155550113',
		]);
	});
});

describe('agents', () => {
	it('lists, searches, filters and gets agents', async () => {
		const all = await api('/v1/public/agents');
		expect(all.body).toMatchObject({ total: 4, page: 1, page_size: 10, total_pages: 1 });
		expect(all.body.agents.map((agent: Json) => agent.agent_name)).toEqual([
			'Lead Qualifier',
			'Payment Reminder',
			'Front Desk',
			'Appointment Booker',
		]);
		expect(all.body.agents[0].dynamic_variables[0]).toEqual({
			name: 'customer_name',
			description: expect.any(String),
			required: true,
		});
		expect(
			(await api('/v1/public/agents?search=reMIND')).body.agents.map((agent: Json) => agent.id),
		).toEqual([REMINDER]);
		expect((await api('/v1/public/agents?agent_type=INBOUND')).body.agents).toHaveLength(1);
		expect((await api('/v1/public/agents?page=2&page_size=3')).body).toMatchObject({
			agents: [expect.anything()],
			total_pages: 2,
		});
		expect((await api('/v1/public/agents?page_size=101')).status).toBe(422);
		expect((await api(`/v1/public/agents/${LEAD}`)).body.agent_name).toBe('Lead Qualifier');
		expect(await api('/v1/public/agents/ffffffffffffffffffffffff')).toMatchObject({
			status: 404,
			body: { detail: 'Agent not found' },
		});
	});

	it('declares variables as names, or uses agents given instead', async () => {
		fake.setOptions({ dynamicVariablesShape: 'strings' });
		expect((await api(`/v1/public/agents/${REMINDER}`)).body.dynamic_variables).toEqual([
			'customer_name',
			'invoice_number',
			'amount_due',
			'due_date',
		]);
		fake.setOptions({ agents: [{ id: 'abcdefabcdefabcdefabcdef', agent_name: 'Only One' }] });
		expect(
			(await api('/v1/public/agents')).body.agents.map((agent: Json) => agent.agent_name),
		).toEqual(['Only One']);
		expect(() => fake.setOptions({ responseShap: 'results' } as never)).toThrow(
			'Unknown fake eigi option "responseShap"',
		);
	});
});

describe('GET /v1/public/agents/{agent_id}/dynamic-variables', () => {
	const BOOKER = '68ea2517dbb84c09bae1ba0d';
	const FRONT_DESK = '68ea2517dbb84c09bae1ba0c';
	const variablesOf = (agentId: string) => api(`/v1/public/agents/${agentId}/dynamic-variables`);

	it('gives the agent its typed variables, every field present', async () => {
		expect(await variablesOf(BOOKER)).toMatchObject({
			status: 200,
			body: {
				agent_id: BOOKER,
				agent_name: 'Appointment Booker',
				dynamic_variables: [
					{
						variable_name: 'customer_name',
						required: true,
						field_type: 'STRING',
						description: 'How to greet the customer',
					},
					{
						variable_name: 'customer_email',
						required: true,
						field_type: 'EMAIL',
						description: 'Where the confirmation goes',
					},
					{
						variable_name: 'callback_number',
						required: true,
						field_type: 'PHONE',
						description: expect.any(String),
					},
					{
						variable_name: 'party_size',
						required: true,
						field_type: 'NUMBER',
						description: expect.any(String),
					},
					{
						variable_name: 'preferred_time',
						required: false,
						field_type: 'STRING',
						description: expect.any(String),
					},
				],
			},
		});
		const lead = await variablesOf(LEAD);
		expect(lead.body.dynamic_variables[0]).toEqual({
			variable_name: 'customer_name',
			required: true,
			field_type: 'STRING',
			description: 'How to greet the lead',
		});
		expect(Object.keys(lead.body)).toEqual(['agent_id', 'agent_name', 'dynamic_variables']);
		expect((await variablesOf(FRONT_DESK)).body.dynamic_variables).toEqual([]);
	});

	it('keeps the types while the agent record lists names only', async () => {
		fake.setOptions({ dynamicVariablesShape: 'strings' });
		const agent = await api(`/v1/public/agents/${BOOKER}`);
		expect(agent.body.dynamic_variables).toEqual([
			'customer_name',
			'customer_email',
			'callback_number',
			'party_size',
			'preferred_time',
		]);
		expect(agent.body).not.toHaveProperty('variable_definitions');
		expect(
			(await api('/v1/public/agents')).body.agents.some(
				(entry: Json) => 'variable_definitions' in entry,
			),
		).toBe(false);
		expect(
			(await variablesOf(BOOKER)).body.dynamic_variables.map((variable: Json) => [
				variable.variable_name,
				variable.field_type,
				variable.required,
			]),
		).toEqual([
			['customer_name', 'STRING', true],
			['customer_email', 'EMAIL', true],
			['callback_number', 'PHONE', true],
			['party_size', 'NUMBER', true],
			['preferred_time', 'STRING', false],
		]);
	});

	it('reads agents given by the test: names are optional strings, names are normalised', async () => {
		fake.setOptions({
			agents: [
				{
					id: 'names-only',
					agent_name: 'Names',
					dynamic_variables: ['Customer Name', 'amount_due'],
				},
				{
					id: 'typed',
					dynamic_variables: ['email'],
					variable_definitions: [
						{ variable_name: 'email', required: true, field_type: 'EMAIL', description: null },
						{ name: '{{Order Number}}', field_type: 'number' as never },
					],
				},
			],
		});
		expect((await variablesOf('names-only')).body).toEqual({
			agent_id: 'names-only',
			agent_name: 'Names',
			dynamic_variables: [
				{
					variable_name: 'customer_name',
					required: false,
					field_type: 'STRING',
					description: null,
				},
				{ variable_name: 'amount_due', required: false, field_type: 'STRING', description: null },
			],
		});
		expect((await variablesOf('typed')).body).toEqual({
			agent_id: 'typed',
			agent_name: null,
			dynamic_variables: [
				{ variable_name: 'email', required: true, field_type: 'EMAIL', description: null },
				{ variable_name: 'order_number', required: false, field_type: 'NUMBER', description: null },
			],
		});
		expect((await api('/v1/public/agents/typed')).body).toEqual({
			id: 'typed',
			dynamic_variables: ['email'],
		});
	});

	it('answers 404 for an unknown agent, and Not Found where eigi has no such route', async () => {
		expect(await variablesOf('ffffffffffffffffffffffff')).toMatchObject({
			status: 404,
			body: { detail: 'Agent not found' },
		});
		expect(
			await api(`/v1/public/agents/${BOOKER}/dynamic-variables`, { key: 'vk_wrong' }),
		).toMatchObject({
			status: 401,
		});
		expect(
			(await api(`/v1/public/agents/${BOOKER}/dynamic-variables`, { method: 'POST' })).status,
		).toBe(405);
		fake.setOptions({ dynamicVariablesEndpoint: false });
		expect(await variablesOf(BOOKER)).toEqual({
			status: 404,
			headers: expect.anything(),
			body: { detail: 'Not Found' },
		});
		// The rest of the agent routes are unchanged.
		expect((await api(`/v1/public/agents/${BOOKER}`)).status).toBe(200);
		expect(() => fake.setOptions({ dynamicVariablesEndpoint: 'no' as never })).toThrow(
			'"dynamicVariablesEndpoint" should be true or false',
		);
	});
});

describe('faults', () => {
	it('fails the nth matching request, placing its calls only when told', async () => {
		fake.injectFault({ nth: 2, kind: { status: 500 } });
		fake.injectFault({ nth: 3, kind: { status: 502, placeCalls: true } });
		await api('/v1/public/agents');
		const statuses = [];
		for (let batch = 0; batch < 4; batch++)
			statuses.push((await outbound({ agent_id: LEAD, params: numbers(1, batch) })).status);
		expect(statuses).toEqual([200, 500, 502, 200]);
		expect(fake.calledNumbers()).toEqual(['+14155551000', '+14155551002', '+14155551003']);
		expect(fake.outboundRequests().map((request) => request.status)).toEqual([200, 500, 502, 200]);
		expect(fake.pendingFaults()).toEqual([]);
	});

	it('cuts the connection, after placing the calls if told', async () => {
		fake.injectFault({ kind: { reset: true, placeCalls: true } });
		await expect(outbound({ agent_id: LEAD, params: numbers(2) })).rejects.toThrow();
		expect(fake.calledNumbers()).toEqual(['+14155551000', '+14155551001']);
		expect(fake.outboundRequests()[0]).toMatchObject({
			status: null,
			fault: expect.stringContaining('reset'),
		});
		expect((await outbound({ agent_id: LEAD, params: numbers(1, 5) })).status).toBe(200);
	});

	it('answers 429 with Retry-After, late answers, and a matching other than the default', async () => {
		fake.injectFault({ kind: { status: 429, retryAfter: 7 } });
		const limited = await outbound({ agent_id: LEAD, params: numbers(1) });
		expect(limited).toMatchObject({ status: 429, body: { detail: 'Rate limit exceeded' } });
		expect(limited.headers.get('retry-after')).toBe('7');
		expect(fake.rateLimitedCount).toBe(1);

		fake.injectFault({ match: 'GET /v1/public/conversations/*', times: 2, kind: { status: 503 } });
		expect((await api('/v1/public/conversations')).status).toBe(200);
		expect((await api('/v1/public/conversations/a')).status).toBe(503);
		expect((await api('/v1/public/conversations/a')).status).toBe(503);
		expect((await api('/v1/public/conversations/a')).status).toBe(404);

		fake.injectFault({ match: '/v1/public/agents', kind: { delayMs: 400 } });
		await expect(api('/v1/public/agents', { signal: AbortSignal.timeout(100) })).rejects.toThrow();
		fake.injectFault({ match: '/v1/public/agents', kind: { delayMs: 50 } });
		const started = Date.now();
		expect((await api('/v1/public/agents')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(45);
	});

	it('answers 503 to everything matching while down', async () => {
		fake.setDown(true);
		expect((await outbound({ agent_id: LEAD, params: numbers(1) })).status).toBe(503);
		expect((await outbound({ agent_id: LEAD, params: numbers(1) })).status).toBe(503);
		expect((await api('/v1/public/agents')).status).toBe(200);
		fake.setDown(false);
		expect((await outbound({ agent_id: LEAD, params: numbers(1) })).status).toBe(200);
		expect(fake.calledNumbers()).toHaveLength(1);
	});

	it('refuses a fault it does not understand', () => {
		expect(() => fake.injectFault({ kind: {} as never })).toThrow('needs a kind');
		expect(() => fake.injectFault({ nth: 0, kind: { status: 500 } })).toThrow('nth');
	});
});

describe('fault matrix: what a client meets between it and eigi', () => {
	/** The answer as a client sees it before parsing: status, content type and raw text. */
	async function raw(init: { signal?: AbortSignal } = {}, offset = 0) {
		const response = await fetch(`${fake.baseUrl}/v1/public/calls/outbound`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': fake.apiKey },
			body: JSON.stringify({ agent_id: LEAD, params: numbers(1, offset) }),
			...init,
		});
		return {
			status: response.status,
			contentType: response.headers.get('content-type'),
			contentLength: response.headers.get('content-length'),
			retryAfter: response.headers.get('retry-after'),
			text: await response.text(),
		};
	}
	const parses = (text: string) => {
		try {
			JSON.parse(text);
			return true;
		} catch {
			return false;
		}
	};

	it.each([
		[500, 'Internal Server Error'],
		[502, 'Bad Gateway'],
		[503, 'Service Unavailable'],
		[504, 'Gateway Timeout'],
	])('answers %i with a proxy HTML page', async (status, reason) => {
		fake.injectFault({ kind: { status, html: true } });
		const answer = await raw();
		expect(answer).toMatchObject({ status, contentType: 'text/html; charset=utf-8' });
		expect(answer.text).toContain(`<title>${status} ${reason}</title>`);
		expect(answer.text).toContain('nginx');
		expect(parses(answer.text)).toBe(false);
		expect(fake.calledNumbers()).toEqual([]);
	});

	it('answers 200 with an HTML page (a base URL that points at a web app), or the HTML given', async () => {
		fake.injectFault({ kind: { status: 200, html: true } });
		const page = await raw();
		expect(page).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8' });
		expect(page.text).toMatch(/^<!doctype html>/);
		expect(parses(page.text)).toBe(false);
		fake.injectFault({ kind: { status: 503, html: true, body: '<h1>Maintenance</h1>' } });
		expect(await raw()).toMatchObject({ status: 503, text: '<h1>Maintenance</h1>' });
	});

	it('answers 200 with JSON cut in half: well framed, not parseable', async () => {
		fake.injectFault({ kind: { status: 200, truncated: true } });
		const cut = await raw();
		const whole = '{"status":"success","message":"Outbound calls initiated successfully"}';
		expect(cut).toMatchObject({ status: 200, contentType: 'application/json' });
		expect(cut.text).toBe(whole.slice(0, Math.floor(whole.length / 2)));
		expect(Number(cut.contentLength)).toBe(cut.text.length);
		expect(parses(cut.text)).toBe(false);
		expect(fake.calledNumbers()).toEqual([]);
	});

	it('cuts the real answer when the calls were placed', async () => {
		fake.setOptions({ responseShape: 'fastapi' });
		fake.injectFault({ kind: { status: 200, truncated: true, placeCalls: true } });
		const cut = await raw();
		expect(cut.text).toMatch(/^\{"status":"success","message":"[^"]+","results":\[/);
		expect(parses(cut.text)).toBe(false);
		expect(fake.calledNumbers()).toEqual(['+14155551000']);
		expect(Object.keys(fake.conversations)).toHaveLength(1);
	});

	it('answers 200 with an empty body', async () => {
		fake.injectFault({ kind: { status: 200, empty: true, placeCalls: true } });
		expect(await raw()).toMatchObject({
			status: 200,
			contentType: 'application/json',
			contentLength: '0',
			text: '',
		});
		expect(fake.calledNumbers()).toEqual(['+14155551000']);
	});

	it('answers 429 without Retry-After unless asked, and 403 for the daily quota', async () => {
		fake.injectFault({ kind: { status: 429 } });
		expect(await raw()).toMatchObject({
			status: 429,
			retryAfter: null,
			text: '{"detail":"Rate limit exceeded"}',
		});
		fake.injectFault({ kind: { status: 429, retryAfter: 3 } });
		expect((await raw()).retryAfter).toBe('3');
		expect(fake.rateLimitedCount).toBe(2);
		fake.injectFault({ kind: { status: 403 } });
		expect(await raw()).toMatchObject({
			status: 403,
			contentType: 'application/json',
			retryAfter: null,
			text: '{"detail":"Daily outbound call quota exceeded"}',
		});
		expect(fake.calledNumbers()).toEqual([]);
	});

	it('resets the connection after reading the body, without placing the calls unless told', async () => {
		fake.injectFault({ kind: { reset: true } });
		await expect(raw()).rejects.toThrow('fetch failed');
		expect(fake.calledNumbers()).toEqual([]);
		expect(fake.outboundRequests()[0]).toMatchObject({
			status: null,
			body: { agent_id: LEAD, params: numbers(1) },
			fault: '{"reset":true}',
		});
	});

	it('never answers a hang until the client gives up, placing the calls only when told', async () => {
		fake.injectFault({ kind: { hang: true } });
		const started = Date.now();
		await expect(raw({ signal: AbortSignal.timeout(300) })).rejects.toThrow(
			expect.objectContaining({ name: 'TimeoutError' }),
		);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(fake.calledNumbers()).toEqual([]);
		expect(fake.outboundRequests()[0]).toMatchObject({ status: null, fault: '{"hang":true}' });

		fake.injectFault({ kind: { hang: true, placeCalls: true } });
		await expect(raw({ signal: AbortSignal.timeout(300) }, 1)).rejects.toThrow();
		expect(fake.calledNumbers()).toEqual(['+14155551001']);
		// The server is not stuck: the next request is answered.
		expect((await raw({}, 2)).status).toBe(200);
	});

	it('lets reset() and close() end a hanging request at once', async () => {
		fake.injectFault({ kind: { hang: true } });
		const waiting = raw().catch((error: Error) => error);
		while (fake.outboundRequests().length === 0)
			await new Promise((resolve) => setTimeout(resolve, 5));
		fake.reset();
		expect(await waiting).toHaveProperty('message', 'fetch failed');

		const other = await createFakeEigi();
		other.injectFault({ match: '*', kind: { hang: true } });
		const held = fetch(`${other.baseUrl}/v1/public/agents`, {
			headers: { 'x-api-key': other.apiKey },
		}).catch((error: Error) => error);
		while (other.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		const closing = Date.now();
		await other.close();
		expect(Date.now() - closing).toBeLessThan(500);
		expect(await held).toHaveProperty('message', 'fetch failed');
	});

	const signatures = {
		'html 502': {
			kind: { status: 502, html: true },
			seen: (answer: Awaited<ReturnType<typeof raw>>) =>
				answer.status === 502 && answer.contentType!.startsWith('text/html'),
		},
		'truncated 200': {
			kind: { status: 200, truncated: true },
			seen: (answer: Awaited<ReturnType<typeof raw>>) =>
				answer.status === 200 && !parses(answer.text),
		},
		'empty 200': {
			kind: { status: 200, empty: true },
			seen: (answer: Awaited<ReturnType<typeof raw>>) =>
				answer.status === 200 && answer.text === '',
		},
		'429 without Retry-After': {
			kind: { status: 429 },
			seen: (answer: Awaited<ReturnType<typeof raw>>) =>
				answer.status === 429 && answer.retryAfter === null,
		},
		'403 quota': {
			kind: { status: 403 },
			seen: (answer: Awaited<ReturnType<typeof raw>>) =>
				answer.status === 403 && answer.text.includes('quota'),
		},
	};
	const matrix = Object.keys(signatures).flatMap((name) => [
		[name, false],
		[name, true],
	]) as Array<[keyof typeof signatures, boolean]>;

	it.each(matrix)(
		'applies %s to the nth request only (placeCalls %s)',
		async (name, placeCalls) => {
			const { kind, seen } = signatures[name];
			fake.injectFault({ nth: 2, kind: { ...kind, placeCalls } });
			const answers = [await raw({}, 0), await raw({}, 1), await raw({}, 2)];
			expect(answers.map(seen)).toEqual([false, true, false]);
			expect(answers[0].text).toBe(
				'{"status":"success","message":"Outbound calls initiated successfully"}',
			);
			expect(fake.calledNumbers()).toEqual(
				placeCalls
					? ['+14155551000', '+14155551001', '+14155551002']
					: ['+14155551000', '+14155551002'],
			);
			expect(fake.pendingFaults()).toEqual([]);
		},
	);

	it.each([
		['a reset', { reset: true }],
		['a hang', { hang: true }],
	] as const)('applies %s to the nth request only, with placeCalls', async (_, kind) => {
		fake.injectFault({ nth: 2, kind: { ...kind, placeCalls: true } });
		const outcomes = [];
		for (let offset = 0; offset < 3; offset++) {
			outcomes.push(
				await raw({ signal: AbortSignal.timeout(300) }, offset).then(
					(answer) => answer.status,
					() => 'failed',
				),
			);
		}
		expect(outcomes).toEqual([200, 'failed', 200]);
		expect(fake.calledNumbers()).toEqual(['+14155551000', '+14155551001', '+14155551002']);
	});

	it('matches other routes too, and takes faults over HTTP', async () => {
		await fetch(`${fake.baseUrl}/__admin/faults`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify([
				{ match: 'GET /v1/public/conversations*', nth: 2, kind: { status: 504, html: true } },
				// For a read, placeCalls means "the request was served": its own answer is cut.
				{ match: '/v1/public/agents', kind: { status: 200, truncated: true, placeCalls: true } },
			]),
		});
		expect((await api('/v1/public/conversations')).status).toBe(200);
		const html = await api('/v1/public/conversations/x');
		expect(html.status).toBe(504);
		expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
		const agents = await api('/v1/public/agents');
		expect(agents.status).toBe(200);
		expect(typeof agents.body).toBe('string');
		expect(agents.body).toMatch(/^\{"agents":\[\{"id":"68ea2517dbb84c09bae1ba0a"/);
	});

	it('refuses a fault kind that makes no sense', () => {
		expect(() => fake.injectFault({ kind: { html: true } as never })).toThrow('needs a status');
		expect(() => fake.injectFault({ kind: { status: 200, html: true, empty: true } })).toThrow(
			'only one of them',
		);
		expect(() => fake.injectFault({ kind: { status: 500, hang: true } as never })).toThrow(
			'only one of them',
		);
		expect(() => fake.injectFault({ kind: { status: 200, empty: true, body: {} } })).toThrow(
			'no body',
		);
		expect(() => fake.injectFault({ kind: { hang: 'yes' } as never })).toThrow('true or false');
		expect(fake.pendingFaults()).toEqual([]);
	});
});

describe('rate limit and latency', () => {
	it('answers 429 beyond the limit with a Retry-After of at least 1 second', async () => {
		fake.setOptions({ rateLimit: { requestsPerSecond: 2 } });
		const answers = [];
		for (let request = 0; request < 4; request++) answers.push(await api('/v1/public/agents'));
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429, 429]);
		expect(answers[2].body).toEqual({ detail: 'Rate limit exceeded' });
		expect(Number(answers[2].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect(fake.rateLimitedCount).toBe(2);

		fake.setOptions({ rateLimit: { requestsPerMinute: 1 } });
		fake.reset();
		fake.setOptions({ rateLimit: { requestsPerMinute: 1 } });
		await api('/v1/public/agents');
		const perMinute = await api('/v1/public/agents');
		expect(Number(perMinute.headers.get('retry-after'))).toBeGreaterThan(50);
	});

	it('delays every API answer by latencyMs', async () => {
		fake.setOptions({ latencyMs: 60 });
		const started = Date.now();
		await api('/v1/public/agents');
		expect(Date.now() - started).toBeGreaterThanOrEqual(55);
	});
});

describe('sink', () => {
	it('records JSON, text, form and query requests by name', async () => {
		await fetch(`${fake.baseUrl}/sink/results`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"a":1}',
		});
		await fetch(`${fake.baseUrl}/sink/results`, {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: 'hello',
		});
		await fetch(`${fake.baseUrl}/sink/results`, {
			method: 'POST',
			body: new URLSearchParams({ b: '2' }),
		});
		const answer = await fetch(`${fake.baseUrl}/sink/other?c=3`);
		expect(answer.status).toBe(200);
		await answer.text();
		expect(fake.sinkRecords('results').map((record) => record.body)).toEqual([
			{ a: 1 },
			'hello',
			{ b: '2' },
		]);
		expect(fake.sinkRecords('other')).toEqual([
			expect.objectContaining({ method: 'GET', query: { c: '3' }, body: null }),
		]);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('admin endpoints', () => {
	async function admin(method: string, path: string, body?: unknown) {
		const response = await fetch(`${fake.baseUrl}/__admin${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Json };
	}

	it('controls the server from another process', async () => {
		expect((await admin('POST', '/options', { responseShape: 'results' })).body.responseShape).toBe(
			'results',
		);
		expect((await admin('POST', '/options', { nope: 1 })).status).toBe(400);
		await admin('POST', '/faults', { nth: 2, kind: { status: 500, placeCalls: true } });
		await outbound({ agent_id: LEAD, params: numbers(1) });
		expect((await outbound({ agent_id: LEAD, params: numbers(1, 1) })).status).toBe(500);
		expect((await admin('GET', '/calls')).body.numbers).toEqual(['+14155551000', '+14155551001']);
		expect(
			(await admin('GET', '/requests')).body.requests.map((request: Json) => request.status),
		).toEqual([200, 500]);

		const seeded = await admin('POST', '/conversations', {
			conversation_id: 'seeded-1',
			conversation_status: 'IN_PROGRESS',
		});
		expect(seeded.body).toEqual({
			conversation_id: 'seeded-1',
			conversation_status: 'IN_PROGRESS',
		});
		expect((await admin('POST', '/conversations', {})).body.conversation_id).toMatch(
			/^[0-9a-f-]{36}$/,
		);
		expect((await api('/v1/public/conversations/seeded-1')).body.conversation_status).toBe(
			'IN_PROGRESS',
		);
		expect(
			(await admin('POST', '/conversations/seeded-1/complete', { status: 'FAILED' })).body
				.conversation_status,
		).toBe('FAILED');

		await fetch(`${fake.baseUrl}/sink/s`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"x":1}',
		});
		expect((await admin('GET', '/sink/s')).body.records[0].body).toEqual({ x: 1 });
		await admin('POST', '/down', { down: true });
		expect((await outbound({ agent_id: LEAD, params: numbers(1) })).status).toBe(503);

		expect((await admin('POST', '/reset')).status).toBe(200);
		expect(fake.requests).toHaveLength(0);
		expect(fake.calledNumbers()).toEqual([]);
		expect(fake.options.responseShape).toBe('plain');
		expect((await outbound({ agent_id: LEAD, params: numbers(1) })).status).toBe(200);
		expect((await admin('GET', '/nothing-here')).status).toBe(404);
	});
});

describe('webhooks', () => {
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	beforeAll(async () => {
		receiver = await startReceiver();
	});
	beforeEach(() => receiver.received.splice(0));
	afterAll(async () => await receiver.close());

	it('delivers conversation.completed as multipart with event and a JSON payload string', async () => {
		fake.setOptions({ webhookUrls: [receiver.url], responseShape: 'results' });
		const placed = await outbound({
			agent_id: LEAD,
			params: [{ mobile_number: '+14155551000', metadata: { customer_name: 'Ana' } }],
		});
		const id = placed.body.results[0].conversation_id;
		expect(receiver.received).toHaveLength(0);
		fake.completeConversation(id);
		const [delivery] = await receiver.waitFor(1);
		expect(delivery.method).toBe('POST');
		expect(delivery.headers['content-type']).toMatch(/^multipart\/form-data; boundary=\S+$/);
		const fields = await formFields(delivery);
		expect(Object.keys(fields)).toEqual(['event', 'payload']);
		expect(fields.event).toBe('conversation.completed');
		expect(fields.payload).toMatch(
			/^\{"event":"conversation\.completed","id":"[0-9a-f]{24}","conversation_id":"/,
		);
		const payload = JSON.parse(fields.payload);
		expect(payload).toMatchObject({
			conversation_id: id,
			conversation_status: 'COMPLETED',
			agent_id: LEAD,
		});
		expect(payload.conversation_transcript[0].content).toContain('Ana');
		expect(parseMultipart(delivery.body, delivery.headers['content-type']).fields).toEqual(fields);
		await fake.flushWebhooks();
		expect(fake.webhookDeliveries).toEqual([
			expect.objectContaining({ url: receiver.url, event: 'conversation.completed', status: 200 }),
		]);
	});

	it('sends started and failed events, as GET query parameters when so configured', async () => {
		fake.setOptions({
			webhookUrls: [receiver.url],
			webhookMethod: 'GET',
			sendStartedEvents: true,
			completeAfterMs: 20,
			failedCallNumbers: ['+14155551000'],
		});
		await outbound({ agent_id: LEAD, params: numbers(1) });
		const deliveries = await receiver.waitFor(2);
		expect(
			deliveries.map((delivery) => [delivery.method, delivery.url.searchParams.get('event')]),
		).toEqual([
			['GET', 'conversation.started'],
			['GET', 'conversation.failed'],
		]);
		expect(JSON.parse(deliveries[1].url.searchParams.get('payload')!)).toMatchObject({
			event: 'conversation.failed',
			conversation_status: 'FAILED',
		});
		expect(deliveries[0].body).toHaveLength(0);
	});

	it('sends only the ids and status with webhookPayload idsOnly, for receivers that must fetch the rest', async () => {
		fake.setOptions({
			webhookUrls: [receiver.url],
			webhookPayload: 'idsOnly',
			completeAfterMs: 10,
		});
		await outbound({
			agent_id: LEAD,
			params: [{ mobile_number: '+14155551000', metadata: { n8n_reference: 'R-1' } }],
		});
		const [delivery] = await receiver.waitFor(1);
		expect(Object.keys(JSON.parse((await formFields(delivery)).payload))).toEqual([
			'event',
			'id',
			'conversation_id',
			'conversation_status',
		]);
	});

	it('deliverWebhook sends a standalone delivery the same way', async () => {
		const answer = await deliverWebhook(receiver.url, {
			event: 'conversation.answered',
			payload: { event: 'conversation.answered', id: 'x' },
			method: 'PUT',
		});
		expect(answer).toEqual({ status: 200, body: '{"ok":true}' });
		const [delivery] = await receiver.waitFor(1);
		expect(delivery.method).toBe('PUT');
		expect(await formFields(delivery)).toEqual({
			event: 'conversation.answered',
			payload: '{"event":"conversation.answered","id":"x"}',
		});
	});
});

describe('multipart encoder', () => {
	it('round-trips through the platform parser, with a new boundary each time', async () => {
		const fields = {
			event: 'conversation.completed',
			payload: '{"text":"line one\\r\\n--not a boundary ü"}',
		};
		const first = encodeMultipart(fields);
		expect(first.boundary).not.toBe(encodeMultipart(fields).boundary);
		const form = await new Response(first.body, {
			headers: { 'content-type': first.contentType },
		}).formData();
		expect(Object.fromEntries(form.entries())).toEqual(fields);
		expect(parseMultipart(first.body, first.contentType).fields).toEqual(fields);
	});
});

describe('lifecycle', () => {
	it('closes at once, even with a kept-alive connection and an answer still waiting', async () => {
		const other = await createFakeEigi({ port: 0, apiKey: 'vk_other_key_123456' });
		await fetch(`${other.baseUrl}/v1/public/agents`, {
			headers: { 'x-api-key': 'vk_other_key_123456' },
		}).then((response) => response.text());
		other.injectFault({ match: '*', kind: { delayMs: 5000 } });
		const waiting = fetch(`${other.baseUrl}/v1/public/agents`, {
			headers: { 'x-api-key': 'vk_other_key_123456' },
		}).catch((error: Error) => error);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const started = Date.now();
		await other.close();
		expect(Date.now() - started).toBeLessThan(500);
		// The waiting request fails (its connection is gone) instead of hanging.
		expect(await waiting).toHaveProperty('message', 'fetch failed');
	});
});
