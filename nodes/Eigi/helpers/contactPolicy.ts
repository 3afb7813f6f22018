/**
 * The contact policy across runs, as pure rules over eigi's call history: which earlier outbound
 * call counts as an attempt, which one reached the person, and what that means for a number now.
 * Reading the history is the caller's job (actions/call/initiate/callHistory.ts).
 */

import { isRunningStatus } from './conversation';

/** A run of this n8n process that is placing a call (actions/call/initiate/numberClaims.ts). */
export interface PlacedByRun {
	executionId: string;
	workflowId: string;
	workflowName: string;
}

/**
 * One earlier outbound call to a number, as eigi's conversation list shows it, or a call another
 * run of this n8n process is placing (`claimedBy`), which eigi may not list yet.
 */
export interface Attempt {
	conversationId: string | null;
	agentId: string | null;
	/** eigi's conversation_status: IN_PROGRESS, COMPLETED, DISCONNECTED, FAILED (or a later one). */
	status: string | null;
	createdAt: string | null;
	/** NaN when eigi gave no readable date: such a call still counts, as the newest. */
	createdMs: number;
	/** conversation_metadata.conversation_duration, when eigi gave a number. */
	durationSeconds?: number;
	/** Whether the transcript has a line of the customer's; undefined when the list carries no transcript. */
	customerSpoke?: boolean;
	/** Set on a call that a run of this n8n process is placing (or placed) and eigi does not list yet. */
	claimedBy?: PlacedByRun;
	/** With `claimedBy`: whether that run is done (its call was placed, or may have been). */
	claimSettled?: boolean;
}

export type ReachedRule = 'completed' | 'customerSpoke';

/**
 * The Contact Policy (parameter Contact Policy): what eigi's call history decides before a number
 * is called. One type, a variant per choice.
 */
export type ContactPolicy =
	| { mode: 'none' }
	| { mode: 'skipRecent'; windowHours: number }
	| RedialPolicy;

/** Redial Until Reached: the Contact Policy of a campaign run on a schedule. */
export interface RedialPolicy {
	mode: 'redial';
	maxAttempts: number;
	minGapMs: number;
	reachedWhen: ReachedRule;
	/** 0: off. A call with a known duration below it never counts as reached. */
	minTalkSeconds: number;
	/** 'agent': only calls of the item's own agent count; 'any': every outbound call to the number. */
	countCallsOf: 'agent' | 'any';
	windowMs: number;
	sendAttemptNumber: boolean;
}

export type PolicyDecision =
	| { rule: 'reached'; by: Attempt; attempts: Attempt[] }
	| { rule: 'gaveUp'; attempts: Attempt[] }
	| { rule: 'inProgress'; by: Attempt; attempts: Attempt[] }
	| { rule: 'notDue'; dueMs: number; attempts: Attempt[] }
	| { rule: 'due'; attempt: number; attempts: Attempt[] };

export function isLive(attempt: Attempt): boolean {
	return isRunningStatus(attempt.status);
}

/**
 * Whether an ended call reached the person. eigi states no "answered": COMPLETED says the call ran
 * to its end, DISCONNECTED covers both a call nobody answered and one the callee hung up on, and
 * FAILED one that was not made. So the rule is the user's choice:
 * - completed: the call COMPLETED;
 * - customerSpoke: the transcript has a line of the customer's, whatever the status (a call whose
 *   list entry carries no transcript falls back to COMPLETED).
 * Minimum talk time then rules out short calls (a voicemail greeting, a hang-up at "hello").
 */
export function isReached(
	attempt: Attempt,
	policy: Pick<RedialPolicy, 'reachedWhen' | 'minTalkSeconds'>,
): boolean {
	if (isLive(attempt)) return false;
	if (
		policy.minTalkSeconds > 0 &&
		attempt.durationSeconds !== undefined &&
		attempt.durationSeconds < policy.minTalkSeconds
	)
		return false;
	const completed = String(attempt.status ?? '').toUpperCase() === 'COMPLETED';
	if (policy.reachedWhen === 'customerSpoke' && attempt.customerSpoke !== undefined)
		return attempt.customerSpoke;
	return completed;
}

/** Oldest first; a call without a readable date sorts last (it is taken as the newest). */
function byTime(a: Attempt, b: Attempt): number {
	const [left, right] = [a.createdMs, b.createdMs].map((ms) =>
		Number.isFinite(ms) ? ms : Infinity,
	);
	return left - right;
}

/**
 * What the policy says about one number now, from its earlier outbound calls within the window
 * (already filtered to the item's agent when the policy counts only those). In this order:
 * reached (done), a call still in progress (wait for it), N attempts made (give up), the minimum
 * time since the last attempt not yet passed (not due), else due, as attempt number count + 1.
 */
export function decide(earlier: Attempt[], policy: RedialPolicy, nowMs: number): PolicyDecision {
	const attempts = [...earlier].sort(byTime);
	const reachedBy = attempts.find((attempt) => isReached(attempt, policy));
	if (reachedBy) return { rule: 'reached', by: reachedBy, attempts };
	const live = attempts.find(isLive);
	if (live) return { rule: 'inProgress', by: live, attempts };
	if (attempts.length >= policy.maxAttempts) return { rule: 'gaveUp', attempts };
	const last = attempts[attempts.length - 1];
	if (last) {
		// A call eigi gave no date for is taken as just made: the safe side.
		const lastMs = Number.isFinite(last.createdMs) ? last.createdMs : nowMs;
		const dueMs = lastMs + policy.minGapMs;
		if (dueMs > nowMs) return { rule: 'notDue', dueMs, attempts };
	}
	return { rule: 'due', attempt: attempts.length + 1, attempts };
}
