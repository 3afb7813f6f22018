import {
	failureWait,
	newRetryState,
	rateLimitSpreadMs,
	readWait,
} from '../../nodes/Eigi/transport/retryRules';

describe("429: the random spread when a credential's lane closes", () => {
	it('adds nothing to a first close', () => {
		expect(rateLimitSpreadMs(0, () => 1)).toBe(0);
	});

	it('grows from up to 0.25 s, doubling with each further close in a row, to at most 30 s', () => {
		const longest = [1, 2, 3, 4, 7, 8, 20].map((closes) => rateLimitSpreadMs(closes, () => 1));
		expect(longest).toEqual([250, 500, 1_000, 2_000, 16_000, 30_000, 30_000]);
		expect(rateLimitSpreadMs(3, () => 0.5)).toBe(500);
		expect(rateLimitSpreadMs(5, () => 0)).toBe(0);
	});
});

describe('no answer: only what surely never left is sent again, unless it only reads', () => {
	it('retries a connection never made three times, 1 s, 2 s, 3 s apart', () => {
		const state = newRetryState();
		const notSent = { kind: 'notSent' as const, message: 'refused' };
		expect([1, 2, 3, 4].map(() => failureWait(state, notSent, false))).toEqual([
			1_000,
			2_000,
			3_000,
			undefined,
		]);
	});

	it('never retries a call request that may have arrived; retries a read twice', () => {
		const maybeSent = { kind: 'maybeSent' as const, message: 'reset' };
		expect(failureWait(newRetryState(), maybeSent, false)).toBeUndefined();
		const state = newRetryState();
		expect([1, 2, 3].map(() => failureWait(state, maybeSent, true))).toEqual([
			1_000,
			2_000,
			undefined,
		]);
		expect(readWait(newRetryState())).toBe(1_000);
	});
});
