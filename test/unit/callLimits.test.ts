import {
	checkLimits,
	limitsWindowMs,
	wasConversation,
} from '../../nodes/Eigi/actions/call/initiate/callLimits';
import {
	FLORIDA,
	REG_F_AFTER_CONVERSATION,
	REG_F_SEVEN_IN_SEVEN,
} from '../../nodes/Eigi/helpers/callingRules';
import type { Attempt } from '../../nodes/Eigi/helpers/contactPolicy';

// Call Limits as pure rules over a number's earlier calls (any agent): the counts, the edges of
// the windows, and the safe side where eigi's data is unclear.

const NOW = Date.parse('2026-12-08T18:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function call(ageMs: number, status = 'FAILED', extra: Partial<Attempt> = {}): Attempt {
	return {
		conversationId: `c${ageMs}`,
		agentId: 'agent',
		status,
		createdAt: new Date(NOW - ageMs).toISOString(),
		createdMs: NOW - ageMs,
		...extra,
	};
}

describe('Call Limits', () => {
	const regF = [REG_F_SEVEN_IN_SEVEN, REG_F_AFTER_CONVERSATION];

	it('allows the 7th call within 7 days and holds the 8th until the oldest is 7 days old', () => {
		const six = [1, 2, 3, 4, 5, 6].map((days) => call(days * DAY));
		expect(checkLimits(regF, ['US-CA'], six, NOW)).toBeUndefined();
		const seven = [...six, call(6 * DAY + 23 * HOUR)];
		expect(checkLimits(regF, ['US-CA'], seven, NOW)).toMatchObject({
			notBeforeMs: NOW + HOUR,
			rules: [REG_F_SEVEN_IN_SEVEN],
		});
	});

	it('counts a call dated after now (eigi’s clock ahead) or without a date as placed now', () => {
		const six = [1, 2, 3, 4, 5].map((days) => call(days * DAY));
		const ahead = call(-30_000); // 30 s in the future
		const undated = { ...call(0), createdMs: NaN, createdAt: null };
		const held = checkLimits([REG_F_SEVEN_IN_SEVEN], ['US'], [...six, ahead, undated], NOW);
		expect(held?.counted).toHaveLength(7);
	});

	it('holds 7 days (7 × 24 hours) after a conversation: 6 days ago holds, 8 days ago does not', () => {
		expect(checkLimits(regF, ['US'], [call(6 * DAY, 'COMPLETED')], NOW)?.notBeforeMs).toBe(
			NOW + DAY,
		);
		expect(checkLimits(regF, ['US'], [call(8 * DAY, 'COMPLETED')], NOW)).toBeUndefined();
	});

	it('takes a call as a conversation when the customer spoke, whatever its status', () => {
		expect(wasConversation(call(DAY, 'DISCONNECTED', { customerSpoke: true }))).toBe(true);
		expect(wasConversation(call(DAY, 'COMPLETED', { customerSpoke: false }))).toBe(false);
		expect(wasConversation(call(DAY, 'COMPLETED'))).toBe(true); // no transcript in the list
		expect(wasConversation(call(DAY, 'IN_PROGRESS', { customerSpoke: true }))).toBe(false);
		expect(wasConversation(call(DAY, 'FAILED'))).toBe(false);
	});

	it('applies a state’s limit only where the callee may be, and every region of a shared prefix', () => {
		const three = [1, 5, 23].map((hours) => call(hours * HOUR));
		expect(checkLimits([FLORIDA], ['US-CA'], three, NOW)).toBeUndefined();
		expect(checkLimits([FLORIDA], ['US-FL'], three, NOW)?.notBeforeMs).toBe(NOW + HOUR);
		expect(checkLimits([FLORIDA], ['US-GA', 'US-FL'], three, NOW)).toBeDefined();
	});

	it('reads the history as far back as the longest limit', () => {
		expect(limitsWindowMs(regF)).toBe(7 * DAY);
		expect(limitsWindowMs([FLORIDA])).toBe(DAY);
		expect(limitsWindowMs([])).toBe(0);
	});
});
