import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import {
	contacts,
	credentialsFor,
	e164,
	initiate,
	jsonOf,
	LEAD_AGENT,
	pairedIndexes,
	REMINDER_AGENT,
	resultOf,
	useFakeEigi,
	statusesOf,
} from './support';

const fake = useFakeEigi();

function sentBodies(): IDataObject[] {
	return fake.outboundRequests().map((request) => request.body as IDataObject);
}

describe('Initiate Calls', () => {
	it('places one call with the number in E.164, the agent and the provider, and says so on the item', async () => {
		const { outputs, error } = await initiate(fake, [{ name: 'Ann', phone: '(415) 555-2671' }]);

		expect(error).toBeUndefined();
		expect(sentBodies()).toEqual([
			{
				agent_id: LEAD_AGENT.id,
				telephony_provider: 'PLIVO',
				params: [{ mobile_number: '+14155552671' }],
			},
		]);
		expect(outputs).toHaveLength(1);
		expect(outputs[0]).toHaveLength(1);
		expect(outputs[0][0].json).toMatchObject({
			status: 'initiated',
			callPlaced: 'yes',
			phoneNumber: '+14155552671',
			phoneNumberInput: '(415) 555-2671',
			agentId: LEAD_AGENT.id,
			telephonyProvider: 'PLIVO',
			message: 'Outbound calls initiated successfully',
		});
		expect(pairedIndexes(outputs[0])).toEqual([0]);
	});

	it('sends 250 contacts in 5 requests of 50, calls each once, and returns 250 items in input order', async () => {
		const items = contacts(250);
		const { outputs, error } = await initiate(fake, items);

		expect(error).toBeUndefined();
		expect(sentBodies().map((body) => (body.params as unknown[]).length)).toEqual([
			50, 50, 50, 50, 50,
		]);
		expect(fake.calledNumbers()).toEqual(items.map(e164));
		expect(outputs[0].map((item) => item.json.phoneNumber)).toEqual(items.map(e164));
		expect(pairedIndexes(outputs[0])).toEqual(items.map((_, index) => index));
		expect(outputs[0].every((item) => item.json.status === 'initiated')).toBe(true);
	});

	it('honours Batch Size and groups items by agent and provider', async () => {
		const items = contacts(7).map((contact, index) => ({
			...contact,
			agent: index % 2 ? REMINDER_AGENT.id : LEAD_AGENT.id,
			provider: index < 4 ? 'PLIVO' : 'TWILIO',
		}));
		const { outputs } = await initiate(fake, items, {
			parameters: {
				agentId: { __rl: true, mode: 'id', value: '={{ $json.agent }}' },
				telephonyProvider: '={{ $json.provider }}',
				options: { defaultCountry: 'US', batchSize: 2 },
			},
		});

		const groups = sentBodies().map((body) => [
			body.agent_id,
			body.telephony_provider,
			(body.params as IDataObject[]).map((param) => param.mobile_number),
		]);
		expect(groups).toEqual([
			[LEAD_AGENT.id, 'PLIVO', [e164(items[0]), e164(items[2])]],
			[REMINDER_AGENT.id, 'PLIVO', [e164(items[1]), e164(items[3])]],
			[LEAD_AGENT.id, 'TWILIO', [e164(items[4]), e164(items[6])]],
			[REMINDER_AGENT.id, 'TWILIO', [e164(items[5])]],
		]);
		expect(outputs[0].map((item) => item.json.agentId)).toEqual(items.map((item) => item.agent));
	});

	it('calls a number that appears twice only once, and says why on the repeat', async () => {
		const items = [
			{ phone: '+1 415 555 2671' },
			{ phone: '(415) 555-9999' },
			{ phone: '415.555.2671' },
		];
		const { outputs } = await initiate(fake, items);

		expect(fake.calledNumbers()).toEqual(['+14155552671', '+14155559999']);
		expect(statusesOf(outputs[0])).toEqual(['initiated', 'initiated', 'skipped']);
		expect(outputs[0][2].json.message).toContain('item 1 of 3 already calls +14155552671');
	});

	it('calls a repeated number again when Skip Repeated Numbers is off', async () => {
		const items = [{ phone: '+14155552671' }, { phone: '+14155552671' }];
		await initiate(fake, items, { parameters: { options: { skipRepeatedNumbers: false } } });
		expect(fake.calledNumbers()).toEqual(['+14155552671', '+14155552671']);
	});

	it('normalises messy national and international numbers with the default country', async () => {
		const items = [
			{ phone: '098765 43210' },
			{ phone: '0044 20 7946 0958' },
			{ phone: '+44 (0)20 7946 0958 ' },
		];
		const { outputs } = await initiate(fake, items, {
			parameters: { options: { defaultCountry: 'IN' } },
		});
		expect(jsonOf(outputs[0]).map((json) => json.phoneNumber)).toEqual([
			'+919876543210',
			'+442079460958',
			'+442079460958',
		]);
		expect(fake.calledNumbers()).toEqual(['+919876543210', '+442079460958']);
	});
});

describe('Initiate Calls: workflows saved before the node had resources', () => {
	it('places the calls when neither resource nor operation is stored', async () => {
		const { outputs, error } = await runNode({
			// As the editor saved it: parameters at their default are not stored (Calling Hours are
			// set: this test runs at any hour).
			parameters: {
				callingHours: 'anyTime',
				agentId: { __rl: true, mode: 'list', value: LEAD_AGENT.id },
				phoneNumber: '={{ $json.phone }}',
				options: { defaultCountry: 'US' },
			},
			items: contacts(2),
			credentials: credentialsFor(fake),
		});

		expect(error).toBeUndefined();
		expect(statusesOf(outputs[0])).toEqual(['initiated', 'initiated']);
		expect(fake.calledNumbers()).toEqual(contacts(2).map(e164));
	});
});

describe('Initiate Calls: bad items', () => {
	const mixed = [
		{ phone: '(415) 555-2671' },
		{ phone: '1-800-FLOWERS' },
		{ phone: '' },
		{ phone: '+1 415 555 0199' },
		{ phone: '12' },
	];

	it('with On Error set to stop, stops before anyone is called and names the bad item', async () => {
		const { error } = await initiate(fake, mixed);

		expect(fake.outboundRequests()).toHaveLength(0);
		expect(error?.message).toMatch(
			/^Nobody was called\. Item 2 of 5: phone number "1-800-FLOWERS" /,
		);
		expect(error?.description).toContain('Every item is checked before any call is placed');
		expect(error?.description).toContain('2 more items have problems');
	});

	it('with On Error set to continue, calls the good numbers and returns the bad ones as error items in place', async () => {
		const { outputs, error } = await initiate(fake, mixed, { onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(fake.calledNumbers()).toEqual(['+14155552671', '+14155550199']);
		expect(statusesOf(outputs[0])).toEqual([
			'initiated',
			'invalid',
			'invalid',
			'initiated',
			'invalid',
		]);
		expect(pairedIndexes(outputs[0])).toEqual([0, 1, 2, 3, 4]);
		expect(outputs[0][1].json.error).toMatch(
			/^Item 2 of 5: phone number "1-800-FLOWERS" .*letters/i,
		);
		expect(outputs[0][2].json.error).toMatch(/^Item 3 of 5: phone number "" is empty/);
		expect(outputs[0][4].json.error).toMatch(/^Item 5 of 5: phone number "12" .*short/i);
		expect(resultOf(outputs[0][1])).toMatchObject({
			callPlaced: 'no',
			safeToRetry: true,
			phoneNumberInput: '1-800-FLOWERS',
		});
	});

	it('with On Error set to the error output, routes the bad items there and the calls to the main output', async () => {
		const { outputs } = await initiate(fake, mixed, { onError: 'continueErrorOutput' });

		expect(outputs).toHaveLength(2);
		expect(pairedIndexes(outputs[0])).toEqual([0, 3]);
		expect(pairedIndexes(outputs[1])).toEqual([1, 2, 4]);
		expect(statusesOf(outputs[1])).toEqual(['invalid', 'invalid', 'invalid']);
		expect(outputs[1].map((item) => resultOf(item).phoneNumberInput)).toEqual([
			'1-800-FLOWERS',
			'',
			'12',
		]);
		expect(outputs[1].every((item) => typeof item.json.error === 'string')).toBe(true);
	});

	it('fails an item whose expression fails, and only that item', async () => {
		const { outputs } = await initiate(fake, [{ phone: '(415) 555-2671' }, { phone: null }], {
			onError: 'continueRegularOutput',
			parameters: { phoneNumber: '={{ $json.phone.trim() }}' },
		});
		expect(fake.calledNumbers()).toEqual(['+14155552671']);
		expect(resultOf(outputs[0][1]).status).toBe('invalid');
		expect(outputs[0][1].json.error).toMatch(/^Item 2 of 2: /);
	});

	it('rejects a national number when no default country is set, saying what to do', async () => {
		const { error } = await initiate(fake, [{ phone: '(415) 555-2671' }], {
			parameters: { options: {} },
		});
		expect(fake.outboundRequests()).toHaveLength(0);
		expect(error?.message).toContain('Default Country');
	});
});

describe('Initiate Calls: metadata', () => {
	const lead = { phone: '+14155552671', name: 'Ann Lee', company: 'Acme', score: 7 };

	async function metadataSent(parameters: INodeParameters, onError?: 'continueRegularOutput') {
		const run = await initiate(fake, [lead], { parameters, onError });
		const params = (sentBodies()[0]?.params ?? []) as IDataObject[];
		return { run, metadata: params[0]?.metadata };
	}

	it('sends no metadata in mode None', async () => {
		const { metadata } = await metadataSent({ metadataMode: 'none' });
		expect(metadata).toBeUndefined();
	});

	it('sends named fields, with values from expressions', async () => {
		const { metadata, run } = await metadataSent({
			metadataMode: 'fields',
			metadataFields: {
				field: [
					{ name: 'customer_name', value: '={{ $json.name }}' },
					{ name: 'company', value: '={{ $json.company.toUpperCase() }}' },
				],
			},
		});
		expect(metadata).toEqual({ customer_name: 'Ann Lee', company: 'ACME' });
		expect(run.outputs[0][0].json.metadata).toEqual(metadata);
	});

	it('sends a JSON object built with expressions', async () => {
		const { metadata } = await metadataSent({
			metadataMode: 'json',
			metadataJson: '={ "customer_name": "{{ $json.name }}", "score": {{ $json.score }} }',
		});
		expect(metadata).toEqual({ customer_name: 'Ann Lee', score: 7 });
	});

	it('fails the item, not the run, when the JSON is not an object', async () => {
		const { run } = await metadataSent(
			{ metadataMode: 'json', metadataJson: '[1, 2]' },
			'continueRegularOutput',
		);
		expect(fake.outboundRequests()).toHaveLength(0);
		expect(run.outputs[0][0].json.error).toContain('must be a JSON object');
	});

	it('sends all fields of the input item', async () => {
		const { metadata } = await metadataSent({ metadataMode: 'allFields' });
		expect(metadata).toEqual(lead);
	});

	it("sends the agent's variables as mapped, and refuses an item whose required variable is empty", async () => {
		const variables = {
			mappingMode: 'defineBelow',
			value: { customer_name: '={{ $json.name }}', company: '={{ $json.company }}' },
			matchingColumns: [],
			schema: [
				{
					id: 'customer_name',
					displayName: 'customer_name',
					required: true,
					defaultMatch: false,
					display: true,
					type: 'string',
				},
				{
					id: 'company',
					displayName: 'company',
					required: false,
					defaultMatch: false,
					display: true,
					type: 'string',
				},
			],
		};
		const run = await initiate(fake, [lead, { phone: '+14155559999', company: 'Beta' }], {
			parameters: { metadataMode: 'agentVariables', metadataVariables: variables },
			onError: 'continueRegularOutput',
		});
		expect(sentBodies()[0].params).toEqual([
			{ mobile_number: '+14155552671', metadata: { customer_name: 'Ann Lee', company: 'Acme' } },
		]);
		expect(run.outputs[0][1].json.error).toContain('"customer_name"');
	});
});
