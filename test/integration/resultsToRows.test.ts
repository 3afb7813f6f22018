import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { deliverWebhook } from '../../tools/fake-eigi';
import { runNode } from '../harness/runNode';
import { startTrigger, type TriggerOptions, type TriggerServer } from '../harness/webhook';
import {
	contacts,
	credentialsFor,
	e164,
	initiate,
	LEAD_AGENT,
	REMINDER_AGENT,
	useFakeEigi,
} from './support';

// Results back to the row: the Reference an item is called with comes back, with the attempt, on
// the eigi Trigger's item and on Call Result reads; and each trigger sees only its own calls.
// Calls are placed by the node through n8n's engine; the fake eigi ends them and delivers its
// webhooks, as eigi does, to triggers run through n8n-core's WebhookContext.

const fake = useFakeEigi();

const triggers: TriggerServer[] = [];
async function trigger(options: TriggerOptions): Promise<TriggerServer> {
	const server = await startTrigger(options);
	triggers.push(server);
	return server;
}
afterEach(async () => {
	await Promise.all(triggers.splice(0).map((server) => server.close()));
});

const withCredential = (parameters: INodeParameters = {}): TriggerOptions => ({
	parameters,
	credentials: credentialsFor(fake),
});

async function callWithReferences(
	agentId: string,
	items: IDataObject[],
	policy: INodeParameters = { contactPolicy: 'redial' },
) {
	return await initiate(fake, items, {
		parameters: {
			agentId: { __rl: true, mode: 'id', value: agentId },
			reference: '={{ $json.ref }}',
			...policy,
			options: { defaultCountry: 'US' },
		},
	});
}

/** Ends every call the fake holds, waits for the deliveries and what each trigger made of them. */
async function endAllCalls(): Promise<void> {
	for (const id of Object.keys(fake.conversations)) fake.completeConversation(id);
	await fake.flushWebhooks();
}

/** The items of the runs a trigger started, after `deliveries` requests reached it. */
async function itemsOf(server: TriggerServer, deliveries: number): Promise<IDataObject[]> {
	const outcomes = await server.outcomes();
	expect(outcomes).toHaveLength(deliveries);
	return outcomes.flatMap((outcome) => outcome.items ?? []);
}

describe('the Reference comes back with the result', () => {
	it("on the eigi Trigger's item, with the attempt, straight from eigi's payload", async () => {
		const server = await trigger({});
		fake.setOptions({ webhookUrls: [server.url] });
		const items = contacts(2).map((item, index) => ({ ...item, ref: `INV-${index + 1}` }));
		await callWithReferences(LEAD_AGENT.id, items);
		await endAllCalls();

		const delivered = await itemsOf(server, 2);
		expect(delivered.map((item) => [item.reference, item.attempt]).sort()).toEqual([
			['INV-1', 1],
			['INV-2', 1],
		]);
		// Read from the payload: nothing was fetched.
		expect(
			fake.requests.filter(
				(request) => request.method === 'GET' && /conversations\/./.test(request.path),
			),
		).toHaveLength(0);
	});

	it('fetched once from the conversation when the payload carries no metadata', async () => {
		fake.setOptions({ webhookPayload: 'idsOnly' });
		const server = await trigger(withCredential({ direction: 'ANY', conversationTypes: [] }));
		fake.setOptions({ webhookUrls: [server.url] });
		await callWithReferences(LEAD_AGENT.id, [{ ...contacts(1)[0], ref: 'CRM-77' }]);
		await endAllCalls();

		const [item] = await itemsOf(server, 1);
		expect(item).toMatchObject({
			reference: 'CRM-77',
			attempt: 1,
			conversation_status: 'COMPLETED',
		});
		// Only the payload's fields: the fetched record fills the reference, not the item.
		expect(item.conversation_transcript).toBeUndefined();
		const reads = fake.requests.filter((request) =>
			/^\/v1\/public\/conversations\/./.test(request.path),
		);
		expect(reads).toHaveLength(1);
	});

	it('null, with the reason, when the payload has no metadata and the trigger no credential', async () => {
		fake.setOptions({ webhookPayload: 'idsOnly' });
		const server = await trigger({});
		fake.setOptions({ webhookUrls: [server.url] });
		await callWithReferences(LEAD_AGENT.id, [{ ...contacts(1)[0], ref: 'CRM-77' }]);
		await endAllCalls();

		const [item] = await itemsOf(server, 1);
		expect(item).toMatchObject({
			reference: null,
			attempt: null,
			filterUnchecked: expect.stringContaining('Select an eigi.ai API credential'),
		});
	});

	it('on Call Result Get and Get Many, at the top level', async () => {
		const placed = await callWithReferences(LEAD_AGENT.id, [{ ...contacts(1)[0], ref: 'INV-9' }]);
		await endAllCalls();
		const conversationId = String(
			placed.outputs[0][0].json.conversationId ?? Object.keys(fake.conversations)[0],
		);

		const get = await runNode({
			parameters: { resource: 'callResult', operation: 'get', conversationId },
			items: [{ json: {} }],
			credentials: credentialsFor(fake),
		});
		expect(get.outputs[0][0].json).toMatchObject({
			reference: 'INV-9',
			attempt: 1,
			conversation_id: conversationId,
		});

		const list = await runNode({
			parameters: { resource: 'callResult', operation: 'getAll', returnAll: true, filters: {} },
			items: [{ json: {} }],
			credentials: credentialsFor(fake),
		});
		expect(list.outputs[0].map((item) => item.json.reference)).toEqual(['INV-9']);
	});
});

describe('each trigger sees only its own calls', () => {
	it("two agents' results workflows: each starts for its own agent's calls; the other answers 200 and starts nothing", async () => {
		const reminders = await trigger(withCredential({ agentIds: [REMINDER_AGENT.id] }));
		const leads = await trigger(withCredential({ agentIds: [LEAD_AGENT.id] }));
		fake.setOptions({ webhookUrls: [reminders.url, leads.url] });
		const [invoice, lead] = contacts(2);
		await callWithReferences(REMINDER_AGENT.id, [{ ...invoice, ref: 'INV-1' }]);
		await callWithReferences(LEAD_AGENT.id, [{ ...lead, ref: 'LEAD-1' }]);
		await endAllCalls();

		expect((await itemsOf(reminders, 2)).map((item) => item.reference)).toEqual(['INV-1']);
		expect((await itemsOf(leads, 2)).map((item) => item.reference)).toEqual(['LEAD-1']);
		expect(fake.webhookDeliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200, 200]);
	});

	it('by default, outbound phone calls only: an inbound call and a web session start nothing', async () => {
		const server = await trigger({});
		const deliver = (fields: IDataObject) =>
			deliverWebhook(server.url, {
				event: 'conversation.completed',
				payload: {
					event: 'conversation.completed',
					conversation_id: `c-${Math.random()}`,
					agent_id: LEAD_AGENT.id,
					...fields,
				},
			});
		const inbound = await deliver({
			conversation_type: 'TELEPHONY',
			conversation_metadata: { calling_type: 'INBOUND', from_mobile_number: e164(contacts(1)[0]) },
		});
		const web = await deliver({
			conversation_type: 'DAILY',
			conversation_metadata: { calling_type: 'OUTBOUND' },
		});
		const call = await deliver({
			conversation_type: 'TELEPHONY',
			conversation_metadata: { calling_type: 'OUTBOUND' },
		});

		expect(JSON.parse(inbound.body).message).toContain('inbound call');
		expect(JSON.parse(web.body).message).toContain('DAILY');
		expect([inbound.status, web.status, call.status]).toEqual([200, 200, 200]);
		const started = (await itemsOf(server, 3)).map((item) => item.conversation_type);
		expect(started).toEqual(['TELEPHONY']);
	});

	it("reads the agent from the fetched conversation when eigi's payload lacks it, then drops another agent's call", async () => {
		fake.setOptions({ webhookPayload: 'idsOnly' });
		const reminders = await trigger(withCredential({ agentIds: [REMINDER_AGENT.id] }));
		fake.setOptions({ webhookUrls: [reminders.url] });
		await callWithReferences(LEAD_AGENT.id, [{ ...contacts(1)[0], ref: 'LEAD-1' }]);
		await callWithReferences(REMINDER_AGENT.id, [{ ...contacts(1, 1)[0], ref: 'INV-1' }]);
		await endAllCalls();

		expect((await itemsOf(reminders, 2)).map((item) => item.reference)).toEqual(['INV-1']);
		expect(fake.webhookDeliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
	});
});
