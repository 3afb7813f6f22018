import {
	failureWait,
	newRetryState,
	rateLimitWait,
	readWait,
	RETRY_LIMITS,
} from '../../nodes/Eigi/transport/retryRules';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const noJitter = () => 0;

describe('429: waits as eigi asks, within a total budget per request', () => {
	it('waits at least for Retry-After (seconds or a date), and at least a second', () => {
		expect(rateLimitWait(newRetryState(), '7', NOW, noJitter)).toBe(7_000);
		expect(rateLimitWait(newRetryState(), 'Wed, 02 Dec 2026 10:00:05 GMT', NOW, noJitter)).toBe(
			5_000,
		);
		expect(rateLimitWait(newRetryState(), '0', NOW, noJitter)).toBe(1_000);
		expect(rateLimitWait(newRetryState(), undefined, NOW, noJitter)).toBe(1_000);
	});

	it('adds a random delay of up to 1 s, 2 s, 4 s ... 30 s as the 429s add up', () => {
		const state = newRetryState();
		const longest = Array.from({ length: 7 }, () => rateLimitWait(state, '2', NOW, () => 1));
		expect(longest).toEqual([3_000, 4_000, 6_000, 10_000, 18_000, 32_000, 32_000]);
		const halfway = rateLimitWait(newRetryState(), '2', NOW, () => 0.5);
		expect(halfway).toBe(2_500);
	});

	it('gives up when the next wait would pass the budget, not after a fixed count', () => {
		const state = newRetryState();
		let waits = 0;
		while (rateLimitWait(state, '60', NOW, noJitter) !== undefined) waits++;
		expect(waits).toBe(RETRY_LIMITS.rateLimitBudgetMs / 60_000);
		expect(state.rateLimitWaitedMs).toBe(RETRY_LIMITS.rateLimitBudgetMs);
	});

	it('does not wait for a Retry-After longer than two minutes', () => {
		expect(rateLimitWait(newRetryState(), '121', NOW, noJitter)).toBeUndefined();
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
