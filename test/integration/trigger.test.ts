import { createServer } from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { createFakeEigi, deliverWebhook, type FakeEigi } from '../../tools/fake-eigi';
import { createWorkflow } from '../harness/runNode';
import {
	eigiForm,
	runWebhookMethod,
	startTrigger,
	type TriggerOptions,
	type TriggerServer,
	triggerNode,
	triggerType,
	WEBHOOK_ID,
} from '../harness/webhook';

const CONVERSATION_ID = '6b1f3c1e-8d2a-4a57-9a51-0d1f4f1b2c3d';

/** The payload eigi sends: the event repeated, ids, and "the most useful conversation fields". */
function payloadFor(event: string, fields: IDataObject = {}): IDataObject {
	return {
		event,
		id: '68f0aa11bb22cc33dd44ee55',
		conversation_id: CONVERSATION_ID,
		agent_id: '68ea2517dbb84c09bae1ba0a',
		conversation_status: 'COMPLETED',
		conversation_transcript: [
			{ role: 'assistant', content: 'Hello, this is eigi.', timestamp: '2026-11-20T10:00:00Z' },
			{ role: 'user', content: 'Hi!', timestamp: '2026-11-20T10:00:02Z' },
		],
		conversation_metadata: {
			to_mobile_number: '+14155552671',
			calling_type: 'OUTBOUND',
			conversation_duration: 42,
		},
		...fields,
	};
}

let trigger: TriggerServer | undefined;

async function start(options: TriggerOptions = {}): Promise<TriggerServer> {
	trigger = await startTrigger(options);
	return trigger;
}

afterEach(async () => {
	await trigger?.close();
	trigger = undefined;
});

function expectItem(items: IDataObject[] | undefined, event: string): IDataObject {
	expect(items).toHaveLength(1);
	const item = items![0];
	expect(item).toMatchObject({
		event,
		conversation_id: CONVERSATION_ID,
		conversation_status: 'COMPLETED',
		conversation_transcript: expect.arrayContaining([expect.objectContaining({ content: 'Hi!' })]),
		conversation_metadata: expect.objectContaining({ to_mobile_number: '+14155552671' }),
	});
	expect(new Date(item.receivedAt as string).toISOString()).toBe(item.receivedAt);
	return item;
}

describe('eigi Trigger: registration', () => {
	it('answers GET, POST, PUT and PATCH on one production URL, and nothing else', async () => {
		const server = await start();
		expect([...server.registeredMethods].sort()).toEqual(['GET', 'PATCH', 'POST', 'PUT']);
		expect(server.url).toMatch(new RegExp(`/webhook/${WEBHOOK_ID}/webhook$`));
		const wrongMethod = await server.send({ method: 'DELETE' });
		expect(wrongMethod.status).toBe(404);
		expect(wrongMethod.result).toBeUndefined();
	});

	it('is a trigger without inputs, not a tool, whose credential is optional', async () => {
		const { description } = await triggerType();
		expect(description).toMatchObject({
			name: 'eigiOutboundCallTrigger',
			displayName: 'eigi Trigger',
			group: ['trigger'],
			inputs: [],
		});
		expect(description.usableAsTool).toBeUndefined();
		expect(description.credentials).toEqual([{ name: 'eigiApi', required: false }]);
		expect(
			description.webhooks?.every(
				(webhook) => webhook.responseMode === 'onReceived' && webhook.path === 'webhook',
			),
		).toBe(true);
		const notice = description.properties.find((property) => property.type === 'notice');
		expect(notice?.displayName).toEqual(expect.stringContaining('Production URL'));
		expect(notice?.displayName).toEqual(expect.stringContaining('?token='));
		expect(notice?.displayName).toEqual(expect.stringContaining('POST'));
		expect(description.properties.map((property) => property.name)).toEqual(
			expect.arrayContaining([
				'events',
				'agentIds',
				'direction',
				'conversationTypes',
				'secretToken',
				'fetchConversation',
			]),
		);
	});

	it("shows the selected events as its subtitle, evaluated by n8n's expression engine", async () => {
		const { description } = await triggerType();
		const subtitleFor = async (parameters: IDataObject) => {
			const node = triggerNode(parameters as INodeParameters);
			const { workflow } = await createWorkflow([node]);
			return workflow.expression.getSimpleParameterValue(
				workflow.getNode(node.name)!,
				description.subtitle as string,
				'internal',
				{},
			);
		};
		expect(await subtitleFor({})).toBe('completed, failed, disconnected');
		expect(await subtitleFor({ events: ['*'] })).toBe('any event');
	});

	it("registers and removes nothing with eigi, through n8n-core's HookContext", async () => {
		for (const method of ['checkExists', 'create', 'delete'] as const) {
			const { result, productionUrl } = await runWebhookMethod(method);
			expect(result).toBe(true);
			expect(productionUrl).toBe(`http://127.0.0.1:5678/webhook/${WEBHOOK_ID}/webhook`);
		}
	});
});

describe('eigi Trigger: delivery forms', () => {
	it('reads a multipart POST exactly as eigi sends it, as n8n has parsed it', async () => {
		const server = await start();
		await deliverWebhook(server.url, {
			event: 'conversation.completed',
			payload: payloadFor('conversation.completed'),
			method: 'POST',
		});
		const outcome = await server.lastOutcome();
		expect(outcome.error).toBeUndefined();
		expectItem(outcome.items, 'conversation.completed');
	});

	it.each(['PUT', 'PATCH'] as const)('reads a multipart %s', async (method) => {
		const server = await start();
		await deliverWebhook(server.url, {
			event: 'conversation.failed',
			payload: payloadFor('conversation.failed'),
			method,
		});
		expectItem((await server.lastOutcome()).items, 'conversation.failed');
	});

	it('reads a GET with event and payload as query parameters', async () => {
		const server = await start();
		const delivered = await server.send({
			method: 'GET',
			query: {
				event: 'conversation.disconnected',
				payload: JSON.stringify(payloadFor('conversation.disconnected')),
			},
		});
		expect(delivered.status).toBe(200);
		expectItem(delivered.items, 'conversation.disconnected');
	});

	it('reads a GET sent by the fake eigi', async () => {
		const server = await start();
		await deliverWebhook(server.url, {
			event: 'conversation.completed',
			payload: payloadFor('conversation.completed'),
			method: 'GET',
		});
		expectItem((await server.lastOutcome()).items, 'conversation.completed');
	});

	it('answers 200 with a JSON body and starts one run', async () => {
		const server = await start();
		const delivered = await server.send({
			body: eigiForm('conversation.completed', payloadFor('conversation.completed')),
		});
		expect(delivered.status).toBe(200);
		expect(delivered.body).toEqual({ message: 'Workflow was started' });
		expect(delivered.result?.workflowData).toHaveLength(1);
	});

	it('reads a urlencoded form', async () => {
		const server = await start();
		const body = new URLSearchParams({
			event: 'conversation.completed',
			payload: JSON.stringify(payloadFor('conversation.completed')),
		});
		expectItem((await server.send({ body })).items, 'conversation.completed');
	});

	it('reads JSON with the payload as a string and as an object', async () => {
		const server = await start();
		for (const payload of [
			JSON.stringify(payloadFor('conversation.completed')),
			payloadFor('conversation.completed'),
		]) {
			const delivered = await server.send({
				method: 'PATCH',
				body: JSON.stringify({ event: 'conversation.completed', payload }),
				headers: { 'content-type': 'application/json' },
			});
			expectItem(delivered.items, 'conversation.completed');
		}
	});

	it('works the same on the test URL (manual mode)', async () => {
		const server = await start({ mode: 'manual' });
		const delivered = await server.send({
			body: eigiForm('conversation.completed', payloadFor('conversation.completed')),
		});
		expectItem(delivered.items, 'conversation.completed');
	});
});

describe('eigi Trigger: event filter', () => {
	it('by default runs for completed, failed and disconnected only', async () => {
		const server = await start();
		for (const event of [
			'conversation.completed',
			'conversation.failed',
			'conversation.disconnected',
		]) {
			expect((await server.send({ body: eigiForm(event, payloadFor(event)) })).items).toHaveLength(
				1,
			);
		}
		const skipped = await server.send({
			body: eigiForm('conversation.started', payloadFor('conversation.started')),
		});
		expect(skipped.status).toBe(200);
		expect(skipped.body).toEqual({
			message: expect.stringContaining('conversation.started is not selected'),
		});
		expect(skipped.result?.workflowData).toBeUndefined();
	});

	it('runs only for the selected events', async () => {
		const server = await start({ parameters: { events: ['conversation.answered'] } });
		expect(
			(
				await server.send({
					body: eigiForm('conversation.answered', payloadFor('conversation.answered')),
				})
			).items,
		).toHaveLength(1);
		const skipped = await server.send({
			body: eigiForm('conversation.completed', payloadFor('conversation.completed')),
		});
		expect(skipped.status).toBe(200);
		expect(skipped.result?.workflowData).toBeUndefined();
	});

	it('runs for any event with *, including events eigi adds later', async () => {
		const server = await start({ parameters: { events: ['*'] } });
		for (const event of ['conversation.started', 'conversation.transferred']) {
			const delivered = await server.send({ body: eigiForm(event, payloadFor(event)) });
			expect(delivered.items?.[0]).toMatchObject({ event });
		}
	});
});

describe('eigi Trigger: secret token', () => {
	const parameters = { secretToken: 'n8n-eigi-7f3a9c' };
	const body = () => eigiForm('conversation.completed', payloadFor('conversation.completed'));

	it('runs when the token query parameter is right', async () => {
		const server = await start({ parameters });
		const delivered = await server.send({ query: { token: 'n8n-eigi-7f3a9c' }, body: body() });
		expect(delivered.status).toBe(200);
		expectItem(delivered.items, 'conversation.completed');
	});

	it.each([
		['wrong', { token: 'n8n-eigi-7f3a9d' }],
		['missing', {}],
		['a prefix of it', { token: 'n8n-eigi' }],
		['repeated', { token: ['n8n-eigi-7f3a9c', 'x'] }],
	])('answers 401 and starts nothing when the token is %s', async (_label, query) => {
		const server = await start({ parameters });
		const delivered = await server.send({ query, body: body() });
		expect(delivered.status).toBe(401);
		expect(delivered.body).toEqual({ error: expect.stringContaining('token') });
		expect(delivered.result).toEqual({ noWebhookResponse: true });
	});

	it('checks the token on GET deliveries too', async () => {
		const server = await start({ parameters });
		const query = {
			event: 'conversation.completed',
			payload: JSON.stringify(payloadFor('conversation.completed')),
		};
		expect((await server.send({ method: 'GET', query })).status).toBe(401);
		const delivered = await server.send({
			method: 'GET',
			query: { ...query, token: 'n8n-eigi-7f3a9c' },
		});
		expectItem(delivered.items, 'conversation.completed');
		expect(delivered.items?.[0].token).toBeUndefined();
	});
});

describe('eigi Trigger: bad requests', () => {
	it('answers 400 to a payload that is not JSON', async () => {
		const server = await start();
		const delivered = await server.send({
			body: eigiForm('conversation.completed', '{"conversation_id": "6b1f'),
		});
		expect(delivered.status).toBe(400);
		expect(delivered.body).toEqual({
			error: expect.stringContaining('The payload is not valid JSON'),
		});
		expect(delivered.result?.workflowData).toBeUndefined();
	});

	it('answers 400 to a delivery without an event', async () => {
		const server = await start();
		const form = new FormData();
		form.append('payload', JSON.stringify({ conversation_id: CONVERSATION_ID }));
		const delivered = await server.send({ body: form });
		expect(delivered.status).toBe(400);
		expect(delivered.body).toEqual({ error: expect.stringContaining('no event') });
		expect(delivered.result?.workflowData).toBeUndefined();
	});

	it('answers 400 to a request that is not an eigi delivery at all', async () => {
		const server = await start();
		for (const request of [
			{ method: 'GET' as const },
			{ body: '{"hello": "world"}', headers: { 'content-type': 'application/json' } },
		]) {
			const delivered = await server.send(request);
			expect(delivered.status).toBe(400);
			expect(delivered.body).toEqual({
				error: expect.stringContaining('not an eigi webhook delivery'),
			});
			expect(delivered.result?.workflowData).toBeUndefined();
		}
	});

	it('lets __proto__ and constructor keys in a payload do no harm', async () => {
		const server = await start();
		const hostile = `{"event": "conversation.completed", "conversation_id": "${CONVERSATION_ID}", "__proto__": {"polluted": "yes", "conversation_status": "HACKED"}, "constructor": {"prototype": {"polluted": "yes"}}, "conversation_metadata": {"__proto__": {"polluted": "yes"}, "calling_type": "OUTBOUND"}}`;
		const delivered = await server.send({ body: eigiForm('conversation.completed', hostile) });
		expect(delivered.status).toBe(200);
		const item = delivered.items![0];
		expect(item).toEqual({
			event: 'conversation.completed',
			reference: null,
			attempt: null,
			eventKey: `conversation.completed:${CONVERSATION_ID}`,
			conversation_id: CONVERSATION_ID,
			conversation_metadata: { calling_type: 'OUTBOUND' },
			// The payload names no conversation_type and the trigger has no credential to fetch it.
			filterUnchecked: expect.stringContaining('conversation_type'),
			receivedAt: expect.any(String),
		});
		expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
		expect(Object.getPrototypeOf(item.conversation_metadata)).toBe(Object.prototype);
		expect(({} as IDataObject).polluted).toBeUndefined();
		expect(item.conversation_status).toBeUndefined();
	});
});

describe('eigi Trigger: fetching the full conversation', () => {
	let fake: FakeEigi;

	beforeAll(async () => {
		fake = await createFakeEigi();
	});
	beforeEach(() => fake.reset());
	afterAll(async () => await fake.close());

	const fetchOptions = (baseUrl = fake.baseUrl): TriggerOptions => ({
		parameters: { fetchConversation: true },
		credentials: { eigiApi: { apiKey: fake.apiKey, baseUrl } },
	});

	it('merges the full conversation into the item', async () => {
		fake.addConversation({
			conversation_id: CONVERSATION_ID,
			agent_id: '68ea2517dbb84c09bae1ba0a',
			conversation_type: 'TELEPHONY',
			conversation_status: 'COMPLETED',
			conversation_transcript: [
				{ role: 'user', content: 'Hi!', timestamp: '2026-11-20T10:00:02Z' },
			],
			conversation_analysis: { interested: true },
			notes: 'Call back on Monday',
			conversation_metadata: {
				to_mobile_number: '+14155552671',
				conversation_recording_url: 'https://recordings.example/1.mp3',
			},
			created_at: '2026-11-20T10:00:00Z',
			updated_at: '2026-11-20T10:05:00Z',
		});
		const server = await start(fetchOptions());
		const delivered = await server.send({
			body: eigiForm('conversation.completed', payloadFor('conversation.completed')),
		});
		expect(delivered.status).toBe(200);
		const item = delivered.items![0];
		expect(item).toMatchObject({
			event: 'conversation.completed',
			conversation_id: CONVERSATION_ID,
			notes: 'Call back on Monday',
			conversation_analysis: { interested: true },
			conversation_metadata: expect.objectContaining({
				conversation_recording_url: 'https://recordings.example/1.mp3',
			}),
			id: '68f0aa11bb22cc33dd44ee55',
		});
		expect(item.fetchError).toBeUndefined();
		expect(JSON.stringify(item)).not.toContain(fake.apiKey);
	});

	it('still emits the item, with fetchError, when eigi does not know the conversation', async () => {
		const server = await start(fetchOptions());
		const delivered = await server.send({
			body: eigiForm('conversation.failed', payloadFor('conversation.failed')),
		});
		expect(delivered.status).toBe(200);
		const item = expectItem(delivered.items, 'conversation.failed');
		expect(item.fetchError).toEqual(
			expect.stringContaining('Could not fetch the full conversation from eigi'),
		);
		expect(item.fetchError).toEqual(expect.stringContaining('404'));
		expect(String(item.fetchError)).not.toContain(fake.apiKey);
	});

	it('still emits the item, with fetchError, when eigi cannot be reached', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as AddressInfo;
		await new Promise<void>((resolve) => closed.close(() => resolve()));

		const server = await start(fetchOptions(`http://127.0.0.1:${port}`));
		const delivered = await server.send({
			body: eigiForm('conversation.completed', payloadFor('conversation.completed')),
		});
		expect(delivered.status).toBe(200);
		const item = expectItem(delivered.items, 'conversation.completed');
		expect(item.fetchError).toEqual(
			expect.stringContaining('Could not fetch the full conversation from eigi'),
		);
		// The transport's own words for a refused connection; whatever they are, they point at the Base URL.
		expect(item.fetchError).toEqual(expect.stringContaining('Base URL'));
		// eigi got its answer at once: the node answers before it fetches (and retries) the conversation.
		expect(delivered.answeredInMs).toBeLessThan(2000);
	});

	it('says so in fetchError when no credential is selected', async () => {
		const server = await start({ parameters: { fetchConversation: true } });
		const delivered = await server.send({
			body: eigiForm('conversation.completed', payloadFor('conversation.completed')),
		});
		expect(expectItem(delivered.items, 'conversation.completed').fetchError).toEqual(
			expect.stringContaining('needs an eigi.ai API credential'),
		);
	});

	it('says so in fetchError when the payload has no conversation_id', async () => {
		const server = await start(fetchOptions());
		const delivered = await server.send({
			body: eigiForm('conversation.failed', { event: 'conversation.failed' }),
		});
		expect(delivered.items?.[0]).toMatchObject({
			event: 'conversation.failed',
			fetchError: expect.stringContaining('no conversation_id'),
		});
	});
});
