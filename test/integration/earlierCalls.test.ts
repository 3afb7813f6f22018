import {
	contacts,
	e164,
	initiate,
	pairedIndexes,
	resultOf,
	useFakeEigi,
	statusesOf,
} from './support';

// Contact Policy "Skip Numbers Called Recently": calls placed before this run, read from eigi's own history.

const fake = useFakeEigi();

const HOUR = 3_600_000;
const LIST = 'GET /v1/public/conversations';

function withWindow(hours: number, extra: Record<string, unknown> = {}) {
	return {
		parameters: {
			contactPolicy: 'skipRecent',
			skipCalledWithinHours: hours,
			options: { defaultCountry: 'US', ...extra },
		},
	};
}

function historyRequests() {
	return fake.requests.filter(
		(request) => request.method === 'GET' && request.path === '/v1/public/conversations',
	);
}

describe('Contact Policy: Skip Numbers Called Recently', () => {
	it('skips a number eigi called within the window, saying when and which conversation, and calls the rest', async () => {
		const items = contacts(3);
		const earlier = fake.addPastCall({ mobileNumber: e164(items[1]), ageMs: 3 * HOUR });

		const { outputs, error } = await initiate(fake, items, withWindow(24));

		expect(error).toBeUndefined();
		const out = outputs[0];
		expect(statusesOf(out)).toEqual(['initiated', 'skipped', 'initiated']);
		expect(out[1].json).toMatchObject({
			callPlaced: 'no',
			phoneNumber: e164(items[1]),
			earlierCall: {
				conversationId: earlier.conversation_id,
				status: 'COMPLETED',
				createdAt: earlier.created_at,
			},
		});
		expect(String(out[1].json.message)).toContain(String(earlier.conversation_id));
		expect(fake.calledNumbers()).toEqual([e164(items[0]), e164(items[2])]);
		const [history] = historyRequests();
		expect(history.query).toMatchObject({ calling_type: 'OUTBOUND', page: '1', page_size: '100' });
		expect(Date.parse(String(history.query.from_date))).toBeGreaterThan(Date.now() - 25 * HOUR);
	});

	it('calls a number whose earlier call is older than the window, or was inbound', async () => {
		const items = contacts(2);
		fake.addPastCall({ mobileNumber: e164(items[0]), ageMs: 30 * HOUR });
		fake.addPastCall({ mobileNumber: e164(items[1]), ageMs: HOUR, callingType: 'INBOUND' });

		const { outputs } = await initiate(fake, items, withWindow(24));

		expect(statusesOf(outputs[0])).toEqual(['initiated', 'initiated']);
	});

	it("covers this node's own earlier runs: a re-run calls nobody again", async () => {
		const items = contacts(4);
		await initiate(fake, items, withWindow(1));
		const again = await initiate(fake, items, withWindow(1));

		expect(statusesOf(again.outputs[0])).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
		expect(fake.calledNumbers()).toEqual(items.map(e164));
	});

	it('matches numbers eigi lists without their +', async () => {
		fake.setOptions({ listNumbersWithoutPlus: true });
		const items = contacts(2);
		fake.addPastCall({ mobileNumber: e164(items[0]), ageMs: HOUR });

		const { outputs } = await initiate(fake, items, withWindow(24));

		expect(statusesOf(outputs[0])).toEqual(['skipped', 'initiated']);
	});

	it('reads every page of the history: one request per 100 calls in the window, whatever the number of items', async () => {
		const items = contacts(5);
		for (let index = 0; index < 250; index++)
			fake.addPastCall({ mobileNumber: `+1212555${String(1000 + index)}`, ageMs: 2 * HOUR });
		fake.addPastCall({ mobileNumber: e164(items[4]), ageMs: 20 * HOUR });

		const { outputs } = await initiate(fake, items, withWindow(24));

		expect(statusesOf(outputs[0])).toEqual([
			'initiated',
			'initiated',
			'initiated',
			'initiated',
			'skipped',
		]);
		expect(historyRequests()).toHaveLength(3);
	});

	it("waits out eigi's rate limit on the history like on any request", async () => {
		fake.injectFault({ match: LIST, kind: { status: 429, retryAfter: 0 } });
		const items = contacts(2);
		fake.addPastCall({ mobileNumber: e164(items[0]), ageMs: HOUR });

		const { outputs } = await initiate(fake, items, withWindow(24));

		expect(statusesOf(outputs[0])).toEqual(['skipped', 'initiated']);
	});

	describe('when the history cannot be read, nobody is called blindly', () => {
		beforeEach(() => fake.injectFault({ match: LIST, times: 10, kind: { status: 500 } }));

		it('On Error = stop: the node stops before calling anyone', async () => {
			const { error } = await initiate(fake, contacts(3), withWindow(24));

			expect(error?.message).toContain("eigi's call history could not be read");
			expect(fake.outboundRequests()).toHaveLength(0);
		});

		it('On Error = continue: every item comes out as not placed, safe to run again', async () => {
			const items = contacts(3);
			const { outputs, error } = await initiate(fake, items, {
				...withWindow(24),
				onError: 'continueRegularOutput',
			});

			expect(error).toBeUndefined();
			expect(pairedIndexes(outputs[0])).toEqual([0, 1, 2]);
			for (const item of outputs[0])
				expect(resultOf(item)).toMatchObject({
					status: 'notAttempted',
					callPlaced: 'no',
					safeToRetry: true,
				});
			expect(fake.outboundRequests()).toHaveLength(0);
		});
	});

	it('is off by default: no history is read', async () => {
		await initiate(fake, contacts(2));
		expect(historyRequests()).toHaveLength(0);
	});
});
