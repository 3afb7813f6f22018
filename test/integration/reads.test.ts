import type {
	IDataObject,
	IHttpRequestOptions,
	INodeParameters,
	ResourceMapperFields,
} from 'n8n-workflow';

import { loadOptionsContext } from '../harness/loadOptions';
import { authenticateWith, credentialTypeOf, loadPackage } from '../harness/package';
import { createNode, createWorkflow, runNode } from '../harness/runNode';
import { credentialsFor, LEAD_AGENT, pairedIndexes, REMINDER_AGENT, useFakeEigi } from './support';

const fake = useFakeEigi();

async function run(
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
	onError?: 'continueRegularOutput',
) {
	return await runNode({ parameters, items, credentials: credentialsFor(fake), onError });
}

function seedConversations(count: number, fields: IDataObject = {}) {
	for (let index = 0; index < count; index++) {
		fake.addConversation({
			conversation_id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
			agent_id: LEAD_AGENT.id,
			conversation_type: 'TELEPHONY',
			conversation_status: 'COMPLETED',
			conversation_transcript: [
				{ role: 'assistant', content: 'Hello, this is eigi.', timestamp: '2026-11-20T10:00:00Z' },
				{ role: 'user', content: 'Hi!', timestamp: '2026-11-20T10:00:02Z' },
			],
			conversation_metadata: { to_mobile_number: '+14155552671', calling_type: 'OUTBOUND' },
			created_at: '2026-11-20T10:00:00Z',
			updated_at: '2026-11-20T10:05:00Z',
			...fields,
		});
	}
}

describe('Get Call Result', () => {
	it('returns the conversation with its transcript as text, paired to its item', async () => {
		seedConversations(1);
		const { outputs, error } = await run(
			{ resource: 'callResult', operation: 'get', conversationId: '={{ $json.id }}' },
			[{ id: '00000000-0000-4000-8000-000000000000' }],
		);
		expect(error).toBeUndefined();
		expect(outputs[0][0].json).toMatchObject({
			conversation_id: '00000000-0000-4000-8000-000000000000',
			conversation_status: 'COMPLETED',
			transcript_text: 'Agent: Hello, this is eigi.\nCustomer: Hi!',
		});
		expect(pairedIndexes(outputs[0])).toEqual([0]);
	});

	it('waits until the call has ended when asked to', async () => {
		fake.setOptions({ completeAfterReads: 2 });
		await runNode({
			parameters: {
				resource: 'call',
				operation: 'initiate',
				callingHours: 'anyTime',
				agentId: { __rl: true, mode: 'id', value: LEAD_AGENT.id },
				phoneNumber: '+14155552671',
				metadataMode: 'none',
				options: {},
			},
			credentials: credentialsFor(fake),
		});
		// eigi's documented answer carries no conversation ID; the fake knows the one it created.
		const [conversationId] = Object.keys(fake.conversations);
		const { outputs } = await run({
			resource: 'callResult',
			operation: 'get',
			conversationId,
			options: { waitForEnd: true, pollInterval: 1, maxWait: 30 },
		});
		expect(outputs[0][0].json).toMatchObject({
			conversation_status: 'COMPLETED',
			waitTimedOut: false,
		});
	});

	it('returns the conversation as it is, marked timed out, when the wait runs out', async () => {
		seedConversations(1, { conversation_status: 'IN_PROGRESS' });
		const { outputs } = await run({
			resource: 'callResult',
			operation: 'get',
			conversationId: '00000000-0000-4000-8000-000000000000',
			options: { waitForEnd: true, pollInterval: 1, maxWait: 2 },
		});
		expect(outputs[0][0].json).toMatchObject({
			conversation_status: 'IN_PROGRESS',
			waitTimedOut: true,
		});
		expect(outputs[0][0].json.waitMessage).toContain('still in progress');
	});

	it('fails an unknown conversation with a clear error on its own item', async () => {
		seedConversations(1);
		const { outputs } = await run(
			{ resource: 'callResult', operation: 'get', conversationId: '={{ $json.id }}' },
			[{ id: 'nope' }, { id: '00000000-0000-4000-8000-000000000000' }],
			'continueRegularOutput',
		);
		expect(outputs[0][0].json.error).toContain('eigi could not find it (404)');
		expect(outputs[0][1].json.conversation_status).toBe('COMPLETED');
		expect(pairedIndexes(outputs[0])).toEqual([0, 1]);
	});
});

describe('Get Many Call Results', () => {
	it('pages through every conversation with Return All', async () => {
		seedConversations(230);
		const { outputs } = await run({
			resource: 'callResult',
			operation: 'getAll',
			returnAll: true,
			filters: {},
		});
		expect(outputs[0]).toHaveLength(230);
		const pages = fake.requests.filter((request) => request.path === '/v1/public/conversations');
		expect(pages.map((request) => request.query.page)).toEqual(['1', '2', '3']);
	});

	it('stops at the limit and passes the filters to eigi', async () => {
		seedConversations(30);
		seedConversations(5, { conversation_status: 'FAILED', agent_id: REMINDER_AGENT.id });
		const { outputs } = await run({
			resource: 'callResult',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
			filters: { status: 'FAILED', agentId: REMINDER_AGENT.id, fromDate: '2026-11-01T00:00:00' },
		});
		expect(outputs[0]).toHaveLength(3);
		expect(outputs[0].every((item) => item.json.conversation_status === 'FAILED')).toBe(true);
		const [request] = fake.requests.filter((entry) => entry.path === '/v1/public/conversations');
		expect(request.query).toMatchObject({
			conversation_status: 'FAILED',
			agent_id: REMINDER_AGENT.id,
			page_size: '3',
		});
		expect(String(request.query.from_date)).toMatch(/^2026-11-01T/);
	});
});

describe('Agents', () => {
	it('gets one agent and lists them all', async () => {
		const one = await run({
			resource: 'agent',
			operation: 'get',
			agentId: { __rl: true, mode: 'id', value: REMINDER_AGENT.id },
		});
		expect(one.outputs[0][0].json.agent_name).toBe('Payment Reminder');

		const many = await run({
			resource: 'agent',
			operation: 'getAll',
			returnAll: true,
			filters: {},
		});
		expect(many.outputs[0].map((item) => item.json.id)).toEqual([LEAD_AGENT.id, REMINDER_AGENT.id]);
	});
});

describe('Editor', () => {
	it("shows n8n's standard subtitle (operation: resource), evaluated by n8n's expression engine", async () => {
		const loader = await loadPackage();
		const { subtitle } = loader.nodeTypes.eigiOutboundCall.type.description;
		const subtitleFor = async (parameters: Record<string, string>) => {
			const node = createNode({ parameters });
			const { workflow } = await createWorkflow([node]);
			return workflow.expression.getSimpleParameterValue(
				workflow.getNode(node.name)!,
				subtitle as string,
				'internal',
				{},
			);
		};
		expect(await subtitleFor({ resource: 'call', operation: 'initiate' })).toBe('initiate: call');
		expect(await subtitleFor({ resource: 'callResult', operation: 'getAll' })).toBe(
			'getAll: callResult',
		);
	});
});

describe('Editor methods', () => {
	it('lists agents for the Agent picker, searched by name', async () => {
		const context = await loadOptionsContext(
			{ resource: 'call', operation: 'initiate' },
			credentialsFor(fake),
		);
		const loader = await loadPackage();
		const node = loader.nodeTypes.eigiOutboundCall.type as unknown as {
			methods: {
				listSearch: { searchAgents: (this: unknown, filter?: string) => Promise<IDataObject> };
			};
		};
		const result = await node.methods.listSearch.searchAgents.call(context, 'remind');
		expect(result.results).toEqual([
			{ name: 'Payment Reminder (outbound)', value: REMINDER_AGENT.id },
		]);
	});

	it('offers one metadata field per dynamic variable of the chosen agent, required ones marked', async () => {
		const context = await loadOptionsContext(
			{
				resource: 'call',
				operation: 'initiate',
				agentId: { __rl: true, mode: 'list', value: LEAD_AGENT.id },
			},
			credentialsFor(fake),
		);
		const loader = await loadPackage();
		const node = loader.nodeTypes.eigiOutboundCall.type as unknown as {
			methods: {
				resourceMapping: { getAgentVariables: (this: unknown) => Promise<ResourceMapperFields> };
			};
		};
		const { fields } = await node.methods.resourceMapping.getAgentVariables.call(context);
		expect(fields.map((field) => [field.id, field.required])).toEqual([
			['customer_name', true],
			['company', false],
		]);
		expect(fields[1].displayName).toBe('company (string): Company of the lead');
		expect(fake.requests.map((request) => request.path)).toContain(
			`/v1/public/agents/${LEAD_AGENT.id}/dynamic-variables`,
		);
	});

	it('lists only outbound agents for calls, and every agent for Agent → Get', async () => {
		const context = await loadOptionsContext(
			{ resource: 'call', operation: 'initiate' },
			credentialsFor(fake),
		);
		const loader = await loadPackage();
		const { listSearch } = (
			loader.nodeTypes.eigiOutboundCall.type as unknown as {
				methods: { listSearch: Record<string, (this: unknown) => Promise<IDataObject>> };
			}
		).methods;
		await listSearch.searchOutboundAgents.call(context);
		await listSearch.searchAgents.call(context);
		const [outbound, all] = fake.requests.filter((request) => request.path === '/v1/public/agents');
		expect(outbound.query.agent_type).toBe('OUTBOUND');
		expect(all.query.agent_type).toBeUndefined();
	});
});

describe('Credential test', () => {
	/** The credential's test request as n8n sends it: expressions resolved against the credential, then authenticated. */
	async function testRequest(apiKey: string, baseUrl: string) {
		const credentialType = credentialTypeOf(await loadPackage(), 'eigiApi');
		const request = credentialType.test!.request;
		const node = createNode({ parameters: {} });
		const { workflow } = await createWorkflow([node]);
		const credentials = { apiKey, baseUrl };
		const resolvedBase = workflow.expression.getSimpleParameterValue(
			node,
			request.baseURL,
			'internal',
			{
				$credentials: credentials,
			},
		);
		const options = await authenticateWith(credentialType, credentials, {
			url: `${String(resolvedBase)}${request.url}`,
			qs: request.qs,
			method: request.method,
		} as IHttpRequestOptions);
		const query = new URLSearchParams(options.qs as Record<string, string>).toString();
		return await fetch(`${options.url}?${query}`, {
			method: options.method,
			headers: options.headers as Record<string, string>,
		});
	}

	it('answers 200 for a working key, also with a base URL ending in /v1/', async () => {
		expect((await testRequest(fake.apiKey, fake.baseUrl)).status).toBe(200);
		expect((await testRequest(fake.apiKey, `${fake.baseUrl}/v1/`)).status).toBe(200);
		// The cheapest authenticated request eigi offers: one agent.
		expect(fake.requests.map((request) => [request.path, request.query.page_size])).toEqual([
			['/v1/public/agents', '1'],
			['/v1/public/agents', '1'],
		]);
	});

	it('answers 401 for a wrong key', async () => {
		expect((await testRequest('vk_wrong', fake.baseUrl)).status).toBe(401);
	});
});
