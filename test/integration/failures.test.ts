import {
	contacts,
	e164,
	initiate,
	pairedIndexes,
	resultOf,
	startFakeEigi,
	statusesOf,
	useFakeEigi,
} from './support';

const fake = useFakeEigi();

function expectNobodyCalledTwice() {
	const numbers = fake.calledNumbers();
	expect(new Set(numbers).size).toBe(numbers.length);
}

describe('Initiate Calls: errors before any call', () => {
	it('stops with a clear API error on a rejected key, having called nobody', async () => {
		const { error } = await initiate(fake, contacts(3), { apiKey: 'vk_not_the_right_key' });

		expect(error?.message).toContain('eigi did not accept the API key (401)');
		expect(fake.calledNumbers()).toEqual([]);
		expect(fake.outboundRequests()).toHaveLength(1);
	});

	it('refuses a key without the vk_ prefix before sending anything', async () => {
		const { error } = await initiate(fake, contacts(1), { apiKey: 'sk_live_123' });

		expect(error?.message).toContain('does not start with "vk_"');
		expect(fake.requests).toHaveLength(0);
	});

	it('stops with a clear API error on an unknown agent, having called nobody', async () => {
		const { error } = await initiate(fake, contacts(3), {
			parameters: { agentId: { __rl: true, mode: 'id', value: 'ffffffffffffffffffffffff' } },
		});

		expect(error?.message).toContain('eigi could not find it (404)');
		expect(fake.calledNumbers()).toEqual([]);
	});

	it('with On Error set to continue, returns the refused items as errors that are safe to retry', async () => {
		const { outputs, error } = await initiate(fake, contacts(2), {
			apiKey: 'vk_not_the_right_key',
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(outputs[0].map(resultOf)).toEqual([
			expect.objectContaining({
				status: 'failed',
				callPlaced: 'no',
				safeToRetry: true,
				httpCode: 401,
			}),
			expect.objectContaining({
				status: 'failed',
				callPlaced: 'no',
				safeToRetry: true,
				httpCode: 401,
			}),
		]);
	});

	it('reports an unreachable eigi as a clear error, having called nobody', async () => {
		const closed = await startFakeEigi();
		const baseUrl = closed.baseUrl;
		await closed.close();
		const { error } = await initiate(fake, contacts(1), { baseUrl });
		expect(error?.message).toContain('Could not reach eigi: the connection was refused');
	});
});

describe('Initiate Calls: rate limit', () => {
	it('waits for Retry-After on 429 and then places every call once', async () => {
		fake.injectFault({ nth: 1, kind: { status: 429, retryAfter: 1 } });
		const started = Date.now();
		const { outputs, error } = await initiate(fake, contacts(60));

		expect(error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(statusesOf(outputs[0]).every((status) => status === 'initiated')).toBe(true);
		expect(fake.outboundRequests().map((request) => request.status)).toEqual([429, 200, 200]);
		expect(fake.calledNumbers()).toEqual(contacts(60).map(e164));
	});
});

describe('Initiate Calls: failures once calls are placed', () => {
	it('marks the items of a batch that got a 500 as "may have been placed" and still sends the others', async () => {
		fake.injectFault({ nth: 3, kind: { status: 500, placeCalls: true } });
		const items = contacts(250);
		const { outputs, error } = await initiate(fake, items);

		expect(error).toBeUndefined();
		expect(fake.outboundRequests()).toHaveLength(5);
		const result = statusesOf(outputs[0]);
		expect(result.slice(100, 150).every((status) => status === 'uncertain')).toBe(true);
		expect(
			[...result.slice(0, 100), ...result.slice(150)].every((status) => status === 'initiated'),
		).toBe(true);
		expect(resultOf(outputs[0][120])).toMatchObject({
			callPlaced: 'maybe',
			safeToRetry: false,
			httpCode: 500,
		});
		expect(outputs[0][120].json.error).toContain('may have been placed');
		expect(pairedIndexes(outputs[0])).toEqual(items.map((_, index) => index));
		expectNobodyCalledTwice();
	});

	it('does not resend a batch whose connection was cut, and says the calls may have been placed', async () => {
		fake.injectFault({ nth: 2, kind: { reset: true, placeCalls: true } });
		const { outputs } = await initiate(fake, contacts(150));

		expect(fake.outboundRequests()).toHaveLength(3);
		expect(
			statusesOf(outputs[0])
				.slice(50, 100)
				.every((status) => status === 'uncertain'),
		).toBe(true);
		expectNobodyCalledTwice();
	});

	it('stops sending after three failures in a row and marks the rest not attempted', async () => {
		fake.setDown(true);
		const { outputs, error } = await initiate(fake, contacts(250));

		expect(error).toBeUndefined();
		expect(fake.outboundRequests()).toHaveLength(3);
		const result = statusesOf(outputs[0]);
		expect(result.slice(0, 150).every((status) => status === 'uncertain')).toBe(true);
		expect(result.slice(150).every((status) => status === 'notAttempted')).toBe(true);
		expect(resultOf(outputs[0][200])).toMatchObject({ callPlaced: 'no', safeToRetry: true });
	});

	it('with Retry On Fail on, a failure mid-run never calls anyone twice', async () => {
		fake.injectFault({ nth: 2, kind: { status: 500, placeCalls: true } });
		const { outputs } = await initiate(fake, contacts(150), { retryOnFail: true });

		expect(fake.outboundRequests()).toHaveLength(3);
		expect(outputs[0]).toHaveLength(150);
		expectNobodyCalledTwice();
	});

	it('maps per-number results: rejected numbers fail on their own items, the others carry their conversation', async () => {
		fake.setOptions({ responseShape: 'results', failingNumbers: ['+14155551001'] });
		const { outputs } = await initiate(fake, contacts(3));

		expect(statusesOf(outputs[0])).toEqual(['initiated', 'failed', 'initiated']);
		expect(outputs[0][0].json.conversationId).toMatch(/^[0-9a-f-]{36}$/);
		expect(resultOf(outputs[0][1])).toMatchObject({ callPlaced: 'no', safeToRetry: true });
		expect(outputs[0][1].json.error).toContain('eigi did not place this call');
	});
});

describe('Secrets', () => {
	it('never puts the API key in output items or error messages', async () => {
		fake.injectFault({ nth: 1, kind: { status: 500 } });
		const runs = [
			await initiate(fake, [...contacts(2), { phone: 'x' }], { onError: 'continueRegularOutput' }),
			await initiate(fake, contacts(1), { apiKey: 'vk_wrong_key_for_this_test' }),
		];
		const everything = JSON.stringify(
			runs.map(({ outputs, error }) => ({
				outputs,
				error: error && {
					message: error.message,
					description: error.description,
					context: error.context,
				},
			})),
		);
		expect(everything).not.toContain(fake.apiKey);
		expect(everything).not.toContain('vk_wrong_key_for_this_test');
	});
});
