import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { defaultAgents } from '../../tools/fake-eigi';
import { initiate, pairedIndexes, pinClock, resultOf, statusesOf, useFakeEigi } from './support';

// What the node checks before anyone's phone rings: Calling Hours in the callee's local time, a
// Dry Run that sends nothing, and the agent's own declared variables.

// The fake's own agents: the Appointment Booker declares typed, required variables.
const fake = useFakeEigi({ agents: defaultAgents() });
const BOOKER = defaultAgents().find((agent) => agent.agent_name === 'Appointment Booker')!;
afterEach(() => jest.useRealTimers());

function callWith(
	parameters: INodeParameters,
	items: IDataObject[],
	onError?: 'continueRegularOutput',
) {
	return initiate(fake, items, {
		onError,
		parameters: {
			agentId: { __rl: true, mode: 'id', value: BOOKER.id },
			callingHours: 'calleeDaytime',
			...parameters,
		},
	});
}

const NEW_YORK = { phone: '+12125550100' };
const LOS_ANGELES = { phone: '+13105550100' };

describe("Calling Hours in the callee's local time", () => {
	it('holds New York at 22:30 and calls Los Angeles at 19:30, the same instant', async () => {
		pinClock('2026-12-03T03:30:00Z');
		const { outputs, error } = await callWith({}, [NEW_YORK, LOS_ANGELES]);

		expect(error).toBeUndefined();
		expect(statusesOf(outputs[0])).toEqual(['held', 'initiated']);
		expect(outputs[0][0].json).toMatchObject({
			callPlaced: 'no',
			callableFrom: '2026-12-03T13:00:00Z',
			callableFromLocal: '2026-12-03T08:00:00-05:00',
			calleeTimeZones: ['America/New_York'],
			calleeLocalTimes: [{ zone: 'America/New_York', localTime: '2026-12-02T22:30:00-05:00' }],
		});
		expect(String(outputs[0][0].json.message)).toContain('22:30 in America/New_York');
		expect(fake.calledNumbers()).toEqual([LOS_ANGELES.phone]);
	});

	it("lets the item's own time zone override the number's", async () => {
		pinClock('2026-12-03T03:30:00Z'); // 12:30 in Tokyo
		const { outputs } = await callWith({ options: { calleeTimeZone: '={{ $json.tz }}' } }, [
			{ ...NEW_YORK, tz: 'Asia/Tokyo' },
			{ ...LOS_ANGELES, tz: 'Europe/London' }, // 03:30
		]);

		expect(statusesOf(outputs[0])).toEqual(['initiated', 'held']);
		expect(outputs[0][1].json).toMatchObject({
			callableFrom: '2026-12-03T08:00:00Z',
			callableFromLocal: '2026-12-03T08:00:00+00:00',
		});
	});

	it('refuses a time zone name that does not exist, on its own item', async () => {
		const { outputs } = await callWith(
			{ options: { calleeTimeZone: '={{ $json.tz }}' } },
			[{ ...LOS_ANGELES, tz: 'America/Atlantis' }, LOS_ANGELES],
			'continueRegularOutput',
		);
		expect(resultOf(outputs[0][0])).toMatchObject({ status: 'invalid' });
		expect(String(outputs[0][0].json.error)).toContain('"America/Atlantis" is not a time zone');
	});

	it('holds a number whose time zone is unknown, or calls it when told to', async () => {
		pinClock('2026-12-02T18:00:00Z');
		const freephone = { phone: '+80012345678' }; // international freephone: no place, no zone
		const held = await callWith({}, [freephone]);
		expect(held.outputs[0][0].json).toMatchObject({
			status: 'held',
			callableFrom: null,
			callableFromLocal: null,
		});
		expect(String(held.outputs[0][0].json.message)).toContain(
			'time zone of +80012345678 is unknown',
		);

		const called = await callWith({ options: { unknownTimeZone: 'call' } }, [freephone]);
		expect(statusesOf(called.outputs[0])).toEqual(['initiated']);
	});

	it('follows custom hours and days: Saturday noon waits for Monday 09:00', async () => {
		pinClock('2026-12-05T17:00:00Z'); // Saturday 12:00 in New York
		const { outputs } = await callWith(
			{
				callingHours: 'custom',
				callingHoursStart: '09:00',
				callingHoursEnd: '17:00',
				callingDays: [1, 2, 3, 4, 5],
			},
			[NEW_YORK],
		);
		expect(outputs[0][0].json).toMatchObject({
			status: 'held',
			callableFrom: '2026-12-07T14:00:00Z',
			callableFromLocal: '2026-12-07T09:00:00-05:00',
		});
	});

	it('calls at any hour when set to Any Time', async () => {
		pinClock('2026-12-03T08:00:00Z'); // 03:00 in New York
		const { outputs } = await callWith({ callingHours: 'anyTime' }, [NEW_YORK]);
		expect(statusesOf(outputs[0])).toEqual(['initiated']);
	});
});

describe('Dry Run', () => {
	it('runs every check, shows each request entry and its batch, and sends nothing', async () => {
		pinClock('2026-12-03T03:30:00Z');
		fake.addPastCall({ mobileNumber: '+13105550102', ageMs: 3_600_000 });
		const { outputs, error } = await callWith(
			{
				metadataMode: 'fields',
				metadataFields: { field: [{ name: 'customer_name', value: '={{ $json.name }}' }] },
				contactPolicy: 'skipRecent',
				skipCalledWithinHours: 24,
				options: { dryRun: true, batchSize: 2 },
			},
			[
				{ ...LOS_ANGELES, name: 'Ann' },
				{ ...NEW_YORK, name: 'Bo' },
				{ phone: '12', name: 'Cy' },
				{ phone: '+13105550101', name: 'Di' },
				{ phone: '+13105550102', name: 'Ed' },
				{ phone: '+13105550103', name: 'Flo' },
			],
			'continueRegularOutput',
		);

		expect(error).toBeUndefined();
		expect(statusesOf(outputs[0])).toEqual([
			'dryRun',
			'held',
			'invalid',
			'dryRun',
			'skipped',
			'dryRun',
		]);
		expect(pairedIndexes(outputs[0])).toEqual([0, 1, 2, 3, 4, 5]);
		expect(outputs[0][0].json).toMatchObject({
			callPlaced: 'no',
			batch: 1,
			request: {
				agent_id: BOOKER.id,
				telephony_provider: 'PLIVO',
				params: [{ mobile_number: '+13105550100', metadata: { customer_name: 'Ann' } }],
			},
		});
		expect(outputs[0][5].json).toMatchObject({ batch: 2 });
		expect(fake.outboundRequests()).toHaveLength(0);
	});
});

describe("The agent's declared variables (Map the Agent's Variables)", () => {
	const mapped = (value: Record<string, string>) => ({
		metadataMode: 'agentVariables',
		callingHours: 'anyTime',
		metadataVariables: {
			mappingMode: 'defineBelow',
			value,
			schema: Object.keys(value).map((id) => ({
				id,
				displayName: id,
				required: false,
				display: true,
			})),
		},
	});
	const good = {
		customer_name: 'Ann',
		customer_email: 'ann@example.com',
		callback_number: '(415) 555-2671',
		party_size: '4',
	};

	it('sends typed values: PHONE in E.164, NUMBER as a number', async () => {
		const { outputs } = await callWith(mapped(good), [LOS_ANGELES]);

		expect(statusesOf(outputs[0])).toEqual(['initiated']);
		const [request] = fake.outboundRequests();
		expect((request.body as IDataObject).params).toEqual([
			{
				mobile_number: LOS_ANGELES.phone,
				metadata: {
					customer_name: 'Ann',
					customer_email: 'ann@example.com',
					callback_number: '+14155552671',
					party_size: 4,
				},
			},
		]);
	});

	it.each([
		[
			'a required variable is missing',
			{ ...good, customer_email: '' },
			'"customer_email" (EMAIL), which is empty',
		],
		[
			'a NUMBER is not a number',
			{ ...good, party_size: 'four' },
			'"party_size" (NUMBER) is "four", not a number',
		],
		[
			'an EMAIL is not an e-mail address',
			{ ...good, customer_email: 'ann at example' },
			'not an e-mail address',
		],
		[
			'a PHONE is not a phone number',
			{ ...good, callback_number: 'call me' },
			'not a phone number',
		],
	])('fails the item before anyone is called when %s', async (_case, values, reason) => {
		const { outputs, error } = await callWith(
			mapped(values),
			[LOS_ANGELES],
			'continueRegularOutput',
		);

		expect(error).toBeUndefined();
		expect(resultOf(outputs[0][0])).toMatchObject({ status: 'invalid', callPlaced: 'no' });
		expect(String(outputs[0][0].json.error)).toContain('Item 1 of 1');
		expect(String(outputs[0][0].json.error)).toContain(reason);
		expect(fake.outboundRequests()).toHaveLength(0);
	});

	it("falls back to the agent's own variable names on an eigi without the endpoint (404)", async () => {
		// An older eigi: no endpoint, and the agent lists its variables' names only (as eigi documents).
		fake.setOptions({ dynamicVariablesEndpoint: false, dynamicVariablesShape: 'strings' });
		const { outputs } = await callWith(mapped({ ...good, party_size: 'four' }), [LOS_ANGELES]);

		// Names only: no types to check, so the value goes as given.
		expect(statusesOf(outputs[0])).toEqual(['initiated']);
		const dynamicVariablesReads = fake.requests.filter((request) =>
			request.path.endsWith('/dynamic-variables'),
		);
		expect(dynamicVariablesReads).toHaveLength(1);
	});

	it('reads the variables once per agent per run', async () => {
		await callWith(mapped(good), [
			LOS_ANGELES,
			{ phone: '+13105550101' },
			{ phone: '+13105550102' },
		]);
		expect(
			fake.requests.filter((request) => request.path.endsWith('/dynamic-variables')),
		).toHaveLength(1);
	});

	it('stops before calling anyone when the variables cannot be read (On Error = stop)', async () => {
		fake.injectFault({ match: 'GET /v1/public/agents/*', times: 10, kind: { status: 500 } });
		const { error } = await callWith(mapped(good), [LOS_ANGELES]);
		expect(error?.message).toContain("the agent's variables could not be read");
		expect(fake.outboundRequests()).toHaveLength(0);
	});
});
