import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	contacts,
	e164,
	initiate,
	LEAD_AGENT,
	pairedIndexes,
	pinClock,
	REMINDER_AGENT,
	resultOf,
	statusesOf,
	useFakeEigi,
} from './support';

// Contact Policy "Redial Until Reached", through n8n's engine against the fake eigi, with the
// clock pinned (the node and the fake read the same clock). What each item says, and what eigi
// received.

const fake = useFakeEigi();
afterEach(() => jest.useRealTimers());

const NOW = '2026-12-03T15:00:00Z'; // 10:00 in New York, 07:00 in Los Angeles
const MINUTE = 60_000;
const LIST = 'GET /v1/public/conversations';

function redial(
	policy: INodeParameters = {},
	redialOptions: INodeParameters = {},
): { parameters: INodeParameters } {
	return {
		parameters: {
			contactPolicy: 'redial',
			maxAttempts: 3,
			hoursBetweenAttempts: 2,
			...policy,
			redialOptions,
			reference: '={{ $json.ref }}',
			options: { defaultCountry: 'US' },
		},
	};
}

function withRefs(items: IDataObject[]): IDataObject[] {
	return items.map((item, index) => ({ ...item, ref: `INV-${100 + index}` }));
}

function pastCall(item: IDataObject, minutesAgo: number, status: string, extra: IDataObject = {}) {
	return fake.addPastCall({
		mobileNumber: e164(item),
		ageMs: minutesAgo * MINUTE,
		status: status as 'COMPLETED',
		agentId: LEAD_AGENT.id,
		...extra,
	});
}

function historyRequests() {
	return fake.requests.filter((request) => `${request.method} ${request.path}` === LIST);
}

describe('Contact Policy: Redial Until Reached', () => {
	it('calls each number not yet called as attempt 1, with its reference and attempt in the metadata', async () => {
		pinClock(NOW);
		const items = withRefs(contacts(2));
		const { outputs, error } = await initiate(fake, items, redial());

		expect(error).toBeUndefined();
		expect(statusesOf(outputs[0])).toEqual(['initiated', 'initiated']);
		expect(outputs[0][0].json).toMatchObject({
			reference: 'INV-100',
			attempts: 1,
			metadata: { n8n_reference: 'INV-100', n8n_attempt: 1 },
		});
		const [request] = fake.outboundRequests();
		expect((request.body as IDataObject).params).toEqual([
			{ mobile_number: e164(items[0]), metadata: { n8n_reference: 'INV-100', n8n_attempt: 1 } },
			{ mobile_number: e164(items[1]), metadata: { n8n_reference: 'INV-101', n8n_attempt: 1 } },
		]);
	});

	it('settles every number by its history: reached, gave up, held until due, or the next attempt', async () => {
		pinClock(NOW);
		const items = withRefs(contacts(5));
		const reached = pastCall(items[0], 200, 'COMPLETED');
		pastCall(items[0], 400, 'DISCONNECTED');
		for (const minutesAgo of [600, 400, 200]) pastCall(items[1], minutesAgo, 'DISCONNECTED');
		pastCall(items[2], 30, 'DISCONNECTED');
		pastCall(items[3], 300, 'FAILED');

		const { outputs } = await initiate(fake, items, redial());

		const out = outputs[0];
		expect(statusesOf(out)).toEqual(['reached', 'gaveUp', 'held', 'initiated', 'initiated']);
		expect(out[0].json).toMatchObject({
			callPlaced: 'no',
			reference: 'INV-100',
			attempts: 2,
			reachedBy: { conversationId: reached.conversation_id, status: 'COMPLETED' },
			earlierAttempts: [
				{ status: 'DISCONNECTED', reached: false },
				{ status: 'COMPLETED', reached: true },
			],
		});
		expect(String(out[1].json.message)).toContain('Max Attempts 3');
		expect(out[1].json).toMatchObject({ attempts: 3, callPlaced: 'no' });
		// Held by the policy, due 120 minutes after the last attempt; Calling Hours are off here.
		expect(out[2].json).toMatchObject({
			heldBy: 'contactPolicy',
			attempts: 1,
			callableFrom: new Date(Date.parse(NOW) + 90 * MINUTE).toISOString().replace('.000Z', 'Z'),
		});
		// In the callee's own time too: the number's zone is known without Calling Hours.
		expect(out[2].json.callableFromLocal).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
		expect(Date.parse(String(out[2].json.callableFromLocal))).toBe(
			Date.parse(String(out[2].json.callableFrom)),
		);
		expect(out[3].json).toMatchObject({ attempts: 2, metadata: { n8n_attempt: 2 } });
		expect(out[4].json).toMatchObject({ attempts: 1, metadata: { n8n_attempt: 1 } });
		expect(fake.calledNumbers()).toEqual([e164(items[3]), e164(items[4])]);
	});

	it('holds a number not due yet until Calling Hours open, when they open later than the policy allows', async () => {
		pinClock('2026-12-04T01:00:00Z'); // 20:00 in New York
		const newYork = { phone: '+12125550100', ref: 'NY' };
		fake.addPastCall({
			mobileNumber: newYork.phone,
			ageMs: 30 * MINUTE,
			status: 'DISCONNECTED',
			agentId: LEAD_AGENT.id,
		});

		const { outputs } = await initiate(fake, [newYork], {
			parameters: { ...redial().parameters, callingHours: 'calleeDaytime' },
		});

		// Due at 21:30 New York time by the policy, but the hours close at 21:00: 08:00 next day.
		expect(outputs[0][0].json).toMatchObject({
			status: 'held',
			heldBy: 'contactPolicy',
			callableFrom: '2026-12-04T13:00:00Z',
			callableFromLocal: '2026-12-04T08:00:00-05:00',
		});
	});

	it('says reached or gave up rather than held at night: the policy settles a number before Calling Hours', async () => {
		pinClock('2026-12-04T05:00:00Z'); // 00:00 in New York
		const reached = { phone: '+12125550101', ref: 'A' };
		const fresh = { phone: '+12125550102', ref: 'B' };
		fake.addPastCall({ mobileNumber: reached.phone, ageMs: 600 * MINUTE, agentId: LEAD_AGENT.id });

		const { outputs } = await initiate(fake, [reached, fresh], {
			parameters: { ...redial().parameters, callingHours: 'calleeDaytime' },
		});

		expect(statusesOf(outputs[0])).toEqual(['reached', 'held']);
		// Held by Calling Hours: no attempt is claimed for a call that was not made.
		expect(outputs[0][1].json).toMatchObject({
			heldBy: 'callingHours',
			callPlaced: 'no',
			attempts: 0,
			callableFrom: '2026-12-04T13:00:00Z',
			callableFromLocal: '2026-12-04T08:00:00-05:00',
		});
		expect(fake.outboundRequests()).toHaveLength(0);
	});

	it('never starts a second call while one is in progress, even with no minimum time', async () => {
		pinClock(NOW);
		const [item] = withRefs(contacts(1));
		pastCall(item, 1, 'IN_PROGRESS');

		const { outputs } = await initiate(fake, [item], redial({ hoursBetweenAttempts: 0 }));

		expect(outputs[0][0].json).toMatchObject({ status: 'held', heldBy: 'contactPolicy' });
		expect(String(outputs[0][0].json.message)).toContain('still in progress');
		expect(fake.outboundRequests()).toHaveLength(0);
	});

	it('Count as Reached "Customer Spoke": a call the customer hung up on after speaking counts', async () => {
		pinClock(NOW);
		const items = withRefs(contacts(1));
		pastCall(items[0], 300, 'DISCONNECTED'); // the fake's DISCONNECTED: the customer said one line

		const completed = await initiate(fake, items, redial());
		expect(statusesOf(completed.outputs[0])).toEqual(['initiated']);

		fake.reset();
		pastCall(items[0], 300, 'DISCONNECTED');
		const spoke = await initiate(fake, items, redial({ reachedWhen: 'customerSpoke' }));
		expect(statusesOf(spoke.outputs[0])).toEqual(['reached']);
	});

	it('Minimum Talk Time: a completed call shorter than it is not counted as reached', async () => {
		pinClock(NOW);
		const items = withRefs(contacts(1));
		const past = pastCall(items[0], 300, 'COMPLETED');
		const seconds = Number((past.conversation_metadata as IDataObject).conversation_duration);

		const longer = await initiate(fake, items, redial({}, { minTalkSeconds: seconds + 1 }));
		expect(statusesOf(longer.outputs[0])).toEqual(['initiated']);
		expect(longer.outputs[0][0].json.attempts).toBe(2);
	});

	it("counts only the item's agent's calls by default, every agent's with Count Calls Of = Any Agent", async () => {
		pinClock(NOW);
		const items = withRefs(contacts(1));
		pastCall(items[0], 300, 'COMPLETED', { agentId: REMINDER_AGENT.id });

		const own = await initiate(fake, items, redial());
		expect(statusesOf(own.outputs[0])).toEqual(['initiated']);
		expect(historyRequests()[0].query).toMatchObject({ agent_id: LEAD_AGENT.id });

		fake.reset();
		pastCall(items[0], 300, 'COMPLETED', { agentId: REMINDER_AGENT.id });
		const any = await initiate(fake, items, redial({}, { countCallsOf: 'any' }));
		expect(statusesOf(any.outputs[0])).toEqual(['reached']);
		expect(historyRequests()[0].query.agent_id).toBeUndefined();
	});

	it('forgets calls before Look Back: a number tried 3 times last month is tried again', async () => {
		pinClock(NOW);
		const items = withRefs(contacts(1));
		for (const days of [30, 29, 28]) pastCall(items[0], days * 24 * 60, 'DISCONNECTED');

		const { outputs } = await initiate(fake, items, redial());
		expect(outputs[0][0].json).toMatchObject({ status: 'initiated', attempts: 1 });
	});

	it('sends no attempt number when told not to, and still tells the item', async () => {
		pinClock(NOW);
		const { outputs } = await initiate(
			fake,
			withRefs(contacts(1)),
			redial({}, { sendAttemptNumber: false }),
		);
		expect(outputs[0][0].json).toMatchObject({
			attempts: 1,
			metadata: { n8n_reference: 'INV-100' },
		});
		expect((outputs[0][0].json.metadata as IDataObject).n8n_attempt).toBeUndefined();
	});

	it('calls nobody blindly when the history cannot be read', async () => {
		pinClock(NOW);
		fake.injectFault({ match: LIST, times: 10, kind: { status: 500 } });
		const items = withRefs(contacts(2));

		const { outputs, error } = await initiate(fake, items, {
			...redial(),
			onError: 'continueRegularOutput',
		});

		expect(error).toBeUndefined();
		expect(pairedIndexes(outputs[0])).toEqual([0, 1]);
		for (const item of outputs[0])
			expect(resultOf(item)).toMatchObject({
				status: 'notAttempted',
				callPlaced: 'no',
				reference: expect.any(String),
			});
		expect(fake.outboundRequests()).toHaveLength(0);
	});

	it('stops with a clear message when a policy setting is out of range', async () => {
		const { error } = await initiate(fake, contacts(1), redial({ maxAttempts: 0 }));
		expect(error?.message).toContain('"Max Attempts" is 0');
		expect(fake.requests).toHaveLength(0);
	});
});

describe('reading the history for a few numbers in a long one', () => {
	function longHistory(calls: number) {
		for (let index = 0; index < calls; index++)
			fake.addPastCall({
				mobileNumber: `+1212555${String(1000 + index)}`,
				ageMs: (index + 1) * MINUTE,
				agentId: LEAD_AGENT.id,
				status: 'DISCONNECTED',
			});
	}

	it('searches the number instead of paging 10 pages, after checking that the search finds numbers', async () => {
		pinClock(NOW);
		longHistory(1000);
		const [item] = withRefs(contacts(1));
		pastCall(item, 2000, 'COMPLETED');

		const { outputs } = await initiate(fake, [item], redial());

		expect(statusesOf(outputs[0])).toEqual(['reached']);
		const reads = historyRequests();
		expect(reads).toHaveLength(3); // the first page, the probe, the number
		expect(reads[2].query).toMatchObject({ search: e164(item).slice(1), page: '1' });
	});

	it('pages the whole window when the search does not find numbers, so nobody is called twice', async () => {
		pinClock(NOW);
		fake.setOptions({ searchCoversNumbers: false });
		longHistory(1000);
		const [item] = withRefs(contacts(1));
		pastCall(item, 2000, 'COMPLETED');

		const { outputs } = await initiate(fake, [item], redial());

		expect(statusesOf(outputs[0])).toEqual(['reached']);
		expect(historyRequests()).toHaveLength(1 + 1 + 10); // the first page, the probe, pages 2 to 11
		expect(fake.outboundRequests()).toHaveLength(0);
	});

	it('pages the window when it is shorter than searching every number', async () => {
		pinClock(NOW);
		longHistory(250);
		const items = withRefs(contacts(5));
		pastCall(items[4], 2000, 'COMPLETED');

		const { outputs } = await initiate(fake, items, redial());

		expect(statusesOf(outputs[0])).toEqual([
			'initiated',
			'initiated',
			'initiated',
			'initiated',
			'reached',
		]);
		expect(historyRequests()).toHaveLength(3);
		expect(historyRequests().every((request) => request.query.search === undefined)).toBe(true);
	});
});
