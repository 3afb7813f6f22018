import type { Attempt } from '../../nodes/Eigi/helpers/contactPolicy';
import type { PreparedCall } from '../../nodes/Eigi/helpers/types';
import { ClaimBook, NumberClaims } from '../../nodes/Eigi/actions/call/initiate/numberClaims';

const NOW = Date.parse('2026-12-06T10:00:00Z');
const HOUR = 3_600_000;
const OWNER = { executionId: '41', workflowId: 'wf-1', workflowName: 'Leads' };
const AGENT = 'agent-a';

function call(phoneNumber: string, itemIndex = 0, agentId = AGENT): PreparedCall {
	return {
		itemIndex,
		agentId,
		telephonyProvider: 'PLIVO',
		phoneNumber,
		phoneNumberInput: phoneNumber,
	};
}

function listed(at: number, conversationId: string | null, agentId = AGENT): Attempt {
	return {
		conversationId,
		agentId,
		status: 'DISCONNECTED',
		createdAt: new Date(at).toISOString(),
		createdMs: at,
	};
}

let account = 0;
/** A fresh account per test: claims are per account and per process. */
function freshClaims(book?: ClaimBook): NumberClaims {
	return new NumberClaims(`test-account-${++account}`, book);
}

beforeEach(() => jest.useFakeTimers({ now: NOW }));
afterEach(() => jest.useRealTimers());

describe('claims on numbers', () => {
	it('a claimed number counts as a call in progress, placed by the run that claimed it', () => {
		const claims = freshClaims();
		claims.claim([call('+14155550100')], OWNER, HOUR);

		const attempts = claims.withClaims([], '14155550100', NOW);

		expect(attempts).toEqual([
			expect.objectContaining({
				status: 'IN_PROGRESS',
				agentId: AGENT,
				createdMs: NOW,
				conversationId: null,
				claimedBy: OWNER,
			}),
		]);
		expect(claims.withClaims([], '14155550199', NOW)).toEqual([]);
	});

	it('is seen through another NumberClaims of the same account, not of another account', () => {
		const key = `test-account-${++account}`;
		new NumberClaims(key).claim([call('+14155550100')], OWNER, HOUR);
		expect(new NumberClaims(key).withClaims([], '14155550100', NOW)).toHaveLength(1);
		expect(freshClaims().withClaims([], '14155550100', NOW)).toHaveLength(0);
	});

	it('lasts the window it was made for, and not a millisecond longer', () => {
		const claims = freshClaims();
		claims.claim([call('+14155550100')], OWNER, HOUR);
		expect(claims.withClaims([], '14155550100', NOW + HOUR - 1)).toHaveLength(1);
		expect(claims.withClaims([], '14155550100', NOW + HOUR)).toHaveLength(0);
	});

	it('a released claim is gone at once', () => {
		const claims = freshClaims();
		const claimed = claims.claim([call('+14155550100', 3)], OWNER, HOUR);
		claimed.get(3)!.released = true;
		expect(claims.withClaims([], '14155550100', NOW)).toEqual([]);
	});

	it("gives way to eigi's listed call with its conversation id", () => {
		const claims = freshClaims();
		claims.claim([call('+14155550100', 0)], OWNER, HOUR).get(0)!.conversationId = 'conv-1';
		const eigi = [listed(NOW + 500, 'conv-1')];
		expect(claims.withClaims(eigi, '14155550100', NOW)).toEqual(eigi);
		// Another listed call does not stand for it.
		const other = [listed(NOW + 500, 'conv-2')];
		expect(claims.withClaims(other, '14155550100', NOW)).toHaveLength(2);
	});

	it("without ids (eigi's documented answer has none), each claim takes the earliest listed call of its agent from its time on", () => {
		const claims = freshClaims();
		claims.claim([call('+14155550100')], OWNER, 48 * HOUR);
		jest.setSystemTime(NOW + HOUR);
		claims.claim([call('+14155550100')], OWNER, 48 * HOUR);
		const first = listed(NOW + 2000, null);
		const second = listed(NOW + HOUR + 2000, null);

		// Newest first, as eigi lists them: each claim still finds its own call.
		expect(claims.withClaims([second, first], '14155550100', NOW + HOUR)).toEqual([second, first]);
		// Only the first is listed yet: the second claim is still a call in progress.
		const withFirst = claims.withClaims([first], '14155550100', NOW + HOUR);
		expect(withFirst).toHaveLength(2);
		expect(withFirst[1]).toMatchObject({ status: 'IN_PROGRESS', createdMs: NOW + HOUR });
		// A call listed well before the claim, or another agent's, is not its call.
		expect(
			claims.withClaims([listed(NOW - 2 * 60_000, null)], '14155550100', NOW + HOUR),
		).toHaveLength(3);
		expect(
			claims.withClaims([listed(NOW + 2000, null, 'agent-b')], '14155550100', NOW + HOUR),
		).toHaveLength(3);
	});

	it('holds at most its bound of numbers, forgetting the oldest first', () => {
		const claims = freshClaims(new ClaimBook(100));
		for (let index = 0; index < 150; index++) {
			jest.setSystemTime(NOW + index);
			claims.claim([call(`+1415555${String(1000 + index)}`)], OWNER, HOUR);
		}
		expect(claims.size).toBe(100);
		expect(claims.withClaims([], '14155551000', NOW + 200)).toHaveLength(0);
		expect(claims.withClaims([], '14155551149', NOW + 200)).toHaveLength(1);
	});

	it('forgets expired numbers as new ones come, without being asked about them', () => {
		const claims = freshClaims();
		claims.claim([call('+14155550100'), call('+14155550101', 1)], OWNER, HOUR);
		jest.setSystemTime(NOW + 2 * HOUR);
		claims.claim([call('+14155550102')], OWNER, HOUR);
		expect(claims.size).toBe(1);
	});
});
