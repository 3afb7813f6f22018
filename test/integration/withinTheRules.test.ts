import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	initiate,
	LEAD_AGENT,
	pairedIndexes,
	pinClock,
	REMINDER_AGENT,
	resultOf,
	statusesOf,
	useFakeEigi,
} from './support';

// Issue 22 through n8n's engine against the fake eigi, with the clock pinned (the node and the
// fake read the same clock): Call Limits counted from eigi's history, Calling Hours presets by the
// callee's state, and opt-outs. Each case sits at a rule's edge.

const fake = useFakeEigi();
afterEach(() => jest.useRealTimers());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const MIAMI = '+13055550142'; // Florida, America/New_York
const BIRMINGHAM = '+12055550142'; // Alabama, America/Chicago
const SAN_FRANCISCO = '+14155550142'; // California: no state rule here
const BOISE = '+12085550142'; // Idaho: area code 208 spans America/Boise and America/Los_Angeles

function run(items: IDataObject[], parameters: INodeParameters, onError?: 'continueRegularOutput') {
	return initiate(fake, items, {
		parameters: { phoneNumber: '={{ $json.phone }}', ...parameters },
		onError,
	});
}

/** Earlier calls to a number; by default ones nobody answered (the fake's FAILED: no transcript). */
function seedCalls(number: string, ages: number[], status = 'FAILED', agentId = LEAD_AGENT.id) {
	for (const ageMs of ages)
		fake.addPastCall({ mobileNumber: number, ageMs, status: status as 'FAILED', agentId });
}

const calledNumbers = () =>
	fake
		.outboundRequests()
		.flatMap((request) => ((request.body as IDataObject).params as IDataObject[]) ?? [])
		.map((param) => param.mobile_number);

describe('Call Limits: Regulation F (7 calls within 7 days; 7 days after a conversation)', () => {
	const NOW = '2026-12-08T18:00:00Z'; // Tuesday, 10:00 in San Francisco
	const regF = { callLimits: 'regulationF', callingHours: 'usDebtCollection' };

	it('places the 7th call within 7 days, and holds the 8th until the oldest leaves the window', async () => {
		pinClock(NOW);
		// Six earlier calls to one number, seven to the other; some by another agent (any agent counts).
		seedCalls(
			SAN_FRANCISCO,
			[1, 2, 3, 4, 5, 6].map((days) => days * DAY),
		);
		seedCalls(
			'+14155550143',
			[2, 3, 4].map((days) => days * DAY),
		);
		seedCalls(
			'+14155550143',
			[5 * DAY, 6 * DAY, 6 * DAY + 20 * HOUR, 6 * DAY + 22 * HOUR],
			'FAILED',
			REMINDER_AGENT.id,
		);

		const { outputs, error } = await run(
			[{ phone: SAN_FRANCISCO }, { phone: '+14155550143' }],
			regF,
		);

		expect(error).toBeUndefined();
		expect(statusesOf(outputs[0])).toEqual(['initiated', 'held']);
		const held = resultOf(outputs[0][1]);
		expect(held).toMatchObject({
			callPlaced: 'no',
			heldBy: 'callLimits',
			// The oldest of the seven (6 days 22 hours ago) leaves the window in 2 hours.
			callableFrom: '2026-12-08T20:00:00Z',
			callableFromLocal: '2026-12-08T12:00:00-08:00',
			rules: [
				expect.objectContaining({
					id: 'us-12cfr1006.14b2iA',
					citation: '12 CFR § 1006.14(b)(2)(i)(A)',
				}),
			],
		});
		expect(held.countedCalls).toHaveLength(7);
		expect(String(held.message)).toContain(
			'7 calls to this number within 168 hours, the most allowed is 7',
		);
		expect(calledNumbers()).toEqual([SAN_FRANCISCO]);
	});

	it('gives the later of the limit and Calling Hours: a limit ending at night opens at 08:00', async () => {
		pinClock(NOW);
		// The oldest of seven calls was 6 days 12 hours ago: the limit ends at 22:00 in San Francisco.
		seedCalls(
			SAN_FRANCISCO,
			[1, 2, 3, 4, 5, 6].map((days) => days * DAY).concat(6 * DAY + 12 * HOUR),
		);

		const { outputs } = await run([{ phone: SAN_FRANCISCO }], regF);

		expect(resultOf(outputs[0][0])).toMatchObject({
			status: 'held',
			heldBy: 'callLimits',
			callableFrom: '2026-12-09T16:00:00Z',
			callableFromLocal: '2026-12-09T08:00:00-08:00',
		});
	});

	it('holds a number reached in a conversation 6 days ago, and calls one reached 8 days ago', async () => {
		pinClock(NOW);
		seedCalls(SAN_FRANCISCO, [6 * DAY], 'COMPLETED');
		seedCalls('+14155550143', [8 * DAY], 'COMPLETED');
		// A call nobody answered is no conversation; one the person hung up on after speaking is.
		seedCalls('+14155550144', [1 * DAY], 'FAILED');
		seedCalls('+14155550145', [1 * DAY], 'DISCONNECTED');

		const { outputs } = await run(
			[
				{ phone: SAN_FRANCISCO },
				{ phone: '+14155550143' },
				{ phone: '+14155550144' },
				{ phone: '+14155550145' },
			],
			regF,
		);

		expect(statusesOf(outputs[0])).toEqual(['held', 'initiated', 'initiated', 'held']);
		expect(resultOf(outputs[0][0])).toMatchObject({
			heldBy: 'callLimits',
			callableFrom: '2026-12-09T18:00:00Z',
			rules: [expect.objectContaining({ id: 'us-12cfr1006.14b2iB' })],
		});
		expect(String(resultOf(outputs[0][0]).message)).toContain(
			'no call is allowed within 7 days after one',
		);
	});

	it('holds a Puerto Rico number too: US law, a territory of its own in the number', async () => {
		pinClock(NOW); // 14:00 in San Juan
		seedCalls(
			'+17877220142',
			[1, 2, 3, 4, 5, 6, 6.5].map((days) => days * DAY),
		);
		const { outputs } = await run([{ phone: '+17877220142' }], regF);
		expect(resultOf(outputs[0][0])).toMatchObject({
			status: 'held',
			heldBy: 'callLimits',
			rules: [expect.objectContaining({ id: 'us-12cfr1006.14b2iA' })],
		});
	});

	it('holds an Oklahoma collection call at 08:30 until 09:00 (automatic dial announcing devices)', async () => {
		pinClock('2026-12-08T14:30:00Z'); // 08:30 in Oklahoma City
		const { outputs } = await run([{ phone: '+14055550142' }], {
			callingHours: 'usDebtCollection',
		});
		expect(resultOf(outputs[0][0])).toMatchObject({
			status: 'held',
			heldBy: 'callingRules',
			callableFrom: '2026-12-08T15:00:00Z',
			rules: [expect.objectContaining({ id: 'us-ok-755.1' })],
		});
	});

	it('counts the calls another run of this n8n is placing right now', async () => {
		pinClock(NOW);
		seedCalls(
			SAN_FRANCISCO,
			[1, 2, 3, 4, 5].map((days) => days * DAY),
		);
		// Two runs of one workflow at once, each with the same number: the 6th and 7th call, then held.
		const runs = await Promise.all([
			run([{ phone: SAN_FRANCISCO }], regF),
			run([{ phone: SAN_FRANCISCO }], regF),
			run([{ phone: SAN_FRANCISCO }], regF),
		]);
		const statuses = runs.map(({ outputs }) => statusesOf(outputs[0])[0]).sort();
		expect(statuses).toEqual(['held', 'initiated', 'initiated']);
		expect(calledNumbers()).toEqual([SAN_FRANCISCO, SAN_FRANCISCO]);
	});
});

describe('Call Limits: sales calls, 3 within 24 hours in Florida, Oklahoma and Maryland', () => {
	const NOW = '2026-12-08T17:00:00Z'; // Tuesday, 12:00 in Miami, 09:00 in San Francisco

	it('holds a Florida number called 3 times in 24 hours, not a California one', async () => {
		pinClock(NOW);
		seedCalls(MIAMI, [2 * HOUR, 5 * HOUR, 23 * HOUR]);
		seedCalls(SAN_FRANCISCO, [2 * HOUR, 5 * HOUR, 23 * HOUR]);

		const { outputs } = await run([{ phone: MIAMI }, { phone: SAN_FRANCISCO }], {
			callLimits: 'stateSalesCalls',
			callingHours: 'usTelephoneSolicitation',
		});

		expect(statusesOf(outputs[0])).toEqual(['held', 'initiated']);
		expect(resultOf(outputs[0][0])).toMatchObject({
			heldBy: 'callLimits',
			callableFrom: '2026-12-08T18:00:00Z',
			rules: [expect.objectContaining({ id: 'us-fl-501.616' })],
		});
	});

	it('takes custom limits too, next to a Contact Policy', async () => {
		pinClock(NOW);
		seedCalls(SAN_FRANCISCO, [3 * HOUR, 30 * HOUR]);
		const { outputs } = await run([{ phone: SAN_FRANCISCO }, { phone: '+14155550143' }], {
			contactPolicy: 'skipRecent',
			skipCalledWithinHours: 1,
			callLimits: 'custom',
			maxCalls: 2,
			maxCallsWindowHours: 48,
		});
		expect(statusesOf(outputs[0])).toEqual(['held', 'initiated']);
		expect(resultOf(outputs[0][0])).toMatchObject({
			heldBy: 'callLimits',
			callableFrom: '2026-12-09T11:00:00Z',
			rules: [
				expect.objectContaining({ id: 'custom-cap', title: 'At most 2 calls within 2 days' }),
			],
		});
	});

	it('takes a custom pause after a conversation, in hours: 30 hours ago holds for 36, 40 hours ago does not', async () => {
		pinClock(NOW);
		seedCalls(SAN_FRANCISCO, [30 * HOUR], 'COMPLETED');
		seedCalls('+14155550143', [40 * HOUR], 'COMPLETED');
		const { outputs } = await run([{ phone: SAN_FRANCISCO }, { phone: '+14155550143' }], {
			callLimits: 'custom',
			maxCalls: 0,
			pauseAfterConversationHours: 36,
		});
		expect(statusesOf(outputs[0])).toEqual(['held', 'initiated']);
		const held = resultOf(outputs[0][0]);
		expect(held).toMatchObject({
			heldBy: 'callLimits',
			// 36 hours after the conversation: 6 hours from now, 15:00 in San Francisco.
			callableFrom: '2026-12-08T23:00:00Z',
			rules: [
				expect.objectContaining({
					id: 'custom-after-conversation',
					title: 'No call within 36 hours after a conversation',
				}),
			],
		});
		expect(String(held.message)).toContain('no call is allowed within 36 hours after one');
	});
});

describe('Calling Hours presets: the rules of the callee’s state', () => {
	const solicitation = { callingHours: 'usTelephoneSolicitation' };

	it('calls Florida at 19:59 and holds it at 20:00, until 08:00 the next day', async () => {
		pinClock('2026-12-09T00:59:00Z'); // Tuesday 19:59 in Miami
		const before = await run([{ phone: MIAMI }], solicitation);
		expect(statusesOf(before.outputs[0])).toEqual(['initiated']);

		pinClock('2026-12-09T01:00:00Z'); // 20:00 in Miami
		const at = await run([{ phone: MIAMI }, { phone: '+12125550142' }], solicitation);
		expect(statusesOf(at.outputs[0])).toEqual(['held', 'initiated']); // New York: 8-21
		expect(resultOf(at.outputs[0][0])).toMatchObject({
			heldBy: 'callingRules',
			callableFrom: '2026-12-09T13:00:00Z',
			callableFromLocal: '2026-12-09T08:00:00-05:00',
			rules: [
				expect.objectContaining({
					id: 'us-fl-501.616',
					citation: expect.stringContaining('501.616'),
					checked: '2026-12-06',
				}),
			],
		});
		expect(String(resultOf(at.outputs[0][0]).message)).toContain('Florida');
	});

	it('holds Alabama on a Sunday for sales calls, until Monday 08:00, but not for collection', async () => {
		pinClock('2026-12-13T18:00:00Z'); // Sunday 12:00 in Birmingham
		const sales = await run([{ phone: BIRMINGHAM }], solicitation);
		expect(resultOf(sales.outputs[0][0])).toMatchObject({
			status: 'held',
			heldBy: 'callingRules',
			callableFrom: '2026-12-14T14:00:00Z',
			callableFromLocal: '2026-12-14T08:00:00-06:00',
			rules: [expect.objectContaining({ id: 'us-al-770-x-5-.17' })],
		});

		const collection = await run([{ phone: BIRMINGHAM }], { callingHours: 'usDebtCollection' });
		expect(statusesOf(collection.outputs[0])).toEqual(['initiated']);
	});

	it('holds a number whose area code spans two zones until the hours are open in both', async () => {
		pinClock('2026-12-08T04:15:00Z'); // 21:15 in Boise, 20:15 in Los Angeles
		const { outputs } = await run([{ phone: BOISE }], solicitation);
		expect(resultOf(outputs[0][0])).toMatchObject({
			status: 'held',
			calleeTimeZones: ['America/Boise', 'America/Los_Angeles'],
			// 08:00 in Los Angeles is 09:00 in Boise: the later start of the two.
			callableFrom: '2026-12-08T16:00:00Z',
			callableFromLocal: '2026-12-08T09:00:00-07:00',
		});
	});

	it('gives a Canadian number the CRTC’s hours: 10:00 on a Saturday, 21:30 on a weekday', async () => {
		pinClock('2026-12-12T14:30:00Z'); // Saturday 09:30 in Toronto
		const saturday = await run([{ phone: '+14165550142' }], solicitation);
		expect(resultOf(saturday.outputs[0][0])).toMatchObject({
			status: 'held',
			heldBy: 'callingRules',
			callableFrom: '2026-12-12T15:00:00Z',
			callableFromLocal: '2026-12-12T10:00:00-05:00',
			rules: [expect.objectContaining({ id: 'ca-crtc-utr-telemarketing-hours' })],
		});

		pinClock('2026-12-15T02:15:00Z'); // Monday 21:15 in Toronto: the CRTC allows until 21:30
		const monday = await run([{ phone: '+14165550142' }], solicitation);
		// The 08:00-21:00 window every number keeps under a US preset still holds it.
		expect(resultOf(monday.outputs[0][0])).toMatchObject({
			status: 'held',
			heldBy: 'callingHours',
		});
	});

	it('keeps 08:00-21:00 for numbers outside the US under a US preset', async () => {
		pinClock('2026-12-08T23:30:00Z'); // 23:30 in London
		const { outputs } = await run([{ phone: '+442079460142' }], solicitation);
		expect(resultOf(outputs[0][0])).toMatchObject({ status: 'held', heldBy: 'callingHours' });
	});
});

describe('Opted Out', () => {
	it('never sends an opted-out item, whatever else it holds, and fails a value that says neither', async () => {
		const items = [
			{ phone: '+14155550101', optedOut: true },
			{ phone: '+14155550102', optedOut: 'Yes' },
			{ phone: 'not a number', optedOut: 'true' },
			{ phone: '+14155550104', optedOut: false },
			{ phone: '+14155550105', optedOut: '' },
			{ phone: '+14155550106', optedOut: 'maybe' },
		];
		const { outputs } = await run(
			items,
			{ callingHours: 'anyTime', optedOut: '={{ $json.optedOut }}' },
			'continueRegularOutput',
		);

		expect(statusesOf(outputs[0])).toEqual([
			'optedOut',
			'optedOut',
			'optedOut',
			'initiated',
			'initiated',
			'invalid',
		]);
		expect(pairedIndexes(outputs[0])).toEqual([0, 1, 2, 3, 4, 5]);
		expect(resultOf(outputs[0][0])).toMatchObject({
			callPlaced: 'no',
			phoneNumber: '+14155550101',
			callableFrom: null,
		});
		expect(String(resultOf(outputs[0][0]).message)).toContain('opted out');
		expect(String(resultOf(outputs[0][5]).message)).toContain('Opted Out is "maybe"');
		expect(calledNumbers()).toEqual(['+14155550104', '+14155550105']);
	});
});

describe('Opted Out is the person’s, not the row’s', () => {
	it('calls no item of the run whose number an opted-out item has, however it is written', async () => {
		const items = [
			{ phone: '(415) 555-0121', optedOut: false, invoice: 'INV-1' },
			{ phone: '+1 415 555 0121', optedOut: true, invoice: 'INV-2' },
			{ phone: '+14155550122', optedOut: false, invoice: 'INV-3' },
		];
		const { outputs } = await run(items, {
			callingHours: 'anyTime',
			optedOut: '={{ $json.optedOut }}',
			reference: '={{ $json.invoice }}',
		});

		expect(statusesOf(outputs[0])).toEqual(['optedOut', 'optedOut', 'initiated']);
		expect(resultOf(outputs[0][0])).toMatchObject({
			reference: 'INV-1',
			phoneNumber: '+14155550121',
		});
		expect(String(resultOf(outputs[0][0]).message)).toContain(
			'item 2 of 3, with the same number, has Opted Out true',
		);
		expect(calledNumbers()).toEqual(['+14155550122']);
	});
});

describe('Dry Run shows every rule before anyone is called', () => {
	it('shows the held items with their rule and time, the opted-out ones, and what would be sent', async () => {
		pinClock('2026-12-09T01:30:00Z'); // 20:30 in Miami, 17:30 in San Francisco
		seedCalls(
			SAN_FRANCISCO,
			[1, 2, 3].map((hours) => hours * HOUR),
		);
		const { outputs } = await run(
			[
				{ phone: MIAMI },
				{ phone: SAN_FRANCISCO },
				{ phone: '+14155550143', optedOut: true },
				{ phone: '+14155550144' },
			],
			{
				callingHours: 'usTelephoneSolicitation',
				callLimits: 'custom',
				maxCalls: 3,
				maxCallsWindowHours: 24,
				optedOut: '={{ $json.optedOut ?? false }}',
				options: { defaultCountry: 'US', dryRun: true },
			},
		);

		expect(statusesOf(outputs[0])).toEqual(['held', 'held', 'optedOut', 'dryRun']);
		expect(resultOf(outputs[0][0])).toMatchObject({
			heldBy: 'callingRules',
			callableFrom: '2026-12-09T13:00:00Z',
		});
		expect(resultOf(outputs[0][1])).toMatchObject({
			heldBy: 'callLimits',
			callableFrom: '2026-12-09T22:30:00Z',
		});
		expect(fake.outboundRequests()).toHaveLength(0);
	});
});
