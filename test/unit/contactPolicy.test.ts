import {
	decide,
	isReached,
	type Attempt,
	type RedialPolicy,
} from '../../nodes/Eigi/helpers/contactPolicy';

// The policy's rules over a number's earlier calls, with the clock given to each call.
const NOW = Date.parse('2026-12-03T12:00:00Z');
const MINUTE = 60_000;

const POLICY: RedialPolicy = {
	mode: 'redial',
	maxAttempts: 3,
	minGapMs: 120 * MINUTE,
	reachedWhen: 'completed',
	minTalkSeconds: 0,
	countCallsOf: 'agent',
	windowMs: 168 * 60 * MINUTE,
	sendAttemptNumber: true,
};

function call(minutesAgo: number, status: string, extra: Partial<Attempt> = {}): Attempt {
	const createdMs = NOW - minutesAgo * MINUTE;
	return {
		conversationId: `c-${minutesAgo}`,
		agentId: 'agent-1',
		status,
		createdAt: new Date(createdMs).toISOString(),
		createdMs,
		...extra,
	};
}

describe('which earlier call reached the person', () => {
	it('Call Completed: only COMPLETED counts; DISCONNECTED, FAILED and a live call do not', () => {
		expect(isReached(call(10, 'COMPLETED'), POLICY)).toBe(true);
		expect(isReached(call(10, 'completed'), POLICY)).toBe(true);
		for (const status of ['DISCONNECTED', 'FAILED', 'IN_PROGRESS'])
			expect(isReached(call(10, status, { customerSpoke: true }), POLICY)).toBe(false);
	});

	it('Customer Spoke: a line of the customer decides, whatever the status; no transcript falls back to COMPLETED', () => {
		const policy = { ...POLICY, reachedWhen: 'customerSpoke' as const };
		expect(isReached(call(10, 'DISCONNECTED', { customerSpoke: true }), policy)).toBe(true);
		expect(isReached(call(10, 'COMPLETED', { customerSpoke: false }), policy)).toBe(false);
		expect(isReached(call(10, 'COMPLETED'), policy)).toBe(true);
		expect(isReached(call(10, 'DISCONNECTED'), policy)).toBe(false);
	});

	it('Minimum Talk Time rules out a short call when eigi reports its duration', () => {
		const policy = { ...POLICY, minTalkSeconds: 20 };
		expect(isReached(call(10, 'COMPLETED', { durationSeconds: 8 }), policy)).toBe(false);
		expect(isReached(call(10, 'COMPLETED', { durationSeconds: 20 }), policy)).toBe(true);
		expect(isReached(call(10, 'COMPLETED'), policy)).toBe(true);
	});
});

describe('what the policy decides for a number', () => {
	it('a number never called is due as attempt 1', () => {
		expect(decide([], POLICY, NOW)).toEqual({ rule: 'due', attempt: 1, attempts: [] });
	});

	it('counts earlier attempts: the next call is attempt 3 after two unanswered ones far enough apart', () => {
		const decision = decide([call(300, 'DISCONNECTED'), call(150, 'FAILED')], POLICY, NOW);
		expect(decision).toMatchObject({ rule: 'due', attempt: 3 });
		expect(decision.attempts.map((attempt) => attempt.conversationId)).toEqual(['c-300', 'c-150']);
	});

	it('holds a number until the minimum time since its last attempt has passed', () => {
		const decision = decide([call(300, 'DISCONNECTED'), call(30, 'DISCONNECTED')], POLICY, NOW);
		expect(decision).toMatchObject({ rule: 'notDue', dueMs: NOW + 90 * MINUTE });
		expect(decide([call(120, 'DISCONNECTED')], POLICY, NOW)).toMatchObject({
			rule: 'due',
			attempt: 2,
		});
	});

	it('gives up after Max Attempts unanswered calls, even when the last one is long past', () => {
		const attempts = [call(900, 'DISCONNECTED'), call(600, 'FAILED'), call(300, 'DISCONNECTED')];
		expect(decide(attempts, POLICY, NOW)).toMatchObject({ rule: 'gaveUp' });
		expect(decide(attempts, { ...POLICY, maxAttempts: 4 }, NOW)).toMatchObject({
			rule: 'due',
			attempt: 4,
		});
	});

	it('reached wins over everything: no call after the person was reached, however few attempts', () => {
		const decision = decide([call(30, 'DISCONNECTED'), call(20, 'COMPLETED')], POLICY, NOW);
		expect(decision).toMatchObject({ rule: 'reached', by: { conversationId: 'c-20' } });
		const late = [call(900, 'DISCONNECTED'), call(600, 'DISCONNECTED'), call(300, 'COMPLETED')];
		expect(decide(late, POLICY, NOW).rule).toBe('reached');
	});

	it('a call still in progress holds the number, even at Max Attempts (it may yet reach the person)', () => {
		const attempts = [
			call(900, 'DISCONNECTED'),
			call(600, 'DISCONNECTED'),
			call(200, 'IN_PROGRESS'),
		];
		expect(decide(attempts, POLICY, NOW)).toMatchObject({
			rule: 'inProgress',
			by: { conversationId: 'c-200' },
		});
	});

	it('takes a call eigi gave no date for as just made: not due before the minimum time', () => {
		const undated = { ...call(0, 'DISCONNECTED'), createdAt: null, createdMs: NaN };
		expect(decide([call(300, 'FAILED'), undated], POLICY, NOW)).toMatchObject({
			rule: 'notDue',
			dueMs: NOW + 120 * MINUTE,
		});
	});

	it('a minimum time of 0 lets the next attempt go at once', () => {
		expect(decide([call(1, 'DISCONNECTED')], { ...POLICY, minGapMs: 0 }, NOW)).toMatchObject({
			rule: 'due',
			attempt: 2,
		});
	});
});
