import {
	capCallableFrom,
	conversationCallableFrom,
	rulesForRegions,
	type CallingRule,
} from '../../../helpers/callingRules';
import { isLive, type Attempt } from '../../../helpers/contactPolicy';
import { DAY_MS, describeHours, HOUR_MS, plural } from '../../../helpers/durations';

/**
 * Call Limits: how often one person may be called, by any agent or campaign of the eigi account,
 * counted from eigi's call history (and the calls other runs of this n8n are placing). Two kinds
 * of limit, as data on a rule (helpers/callingRules): "at most N calls within H hours" and "no
 * call within D days after a conversation". Pure: the history and the clock are parameters.
 */

export interface LimitCheck {
	rules: CallingRule[];
	/** The earliest moment every limit allows a call; later than now. */
	notBeforeMs: number;
	/** One line per limit that holds, for the item's message. */
	reasons: string[];
	/** The calls the limits counted, oldest first. */
	counted: Attempt[];
}

/** How far back the history must reach for the limits to see every call that counts. */
export function limitsWindowMs(rules: CallingRule[]): number {
	return Math.max(
		0,
		...rules.map((rule) =>
			Math.max(
				(rule.cap?.withinHours ?? 0) * HOUR_MS,
				(rule.noCallDaysAfterConversation ?? 0) * DAY_MS,
			),
		),
	);
}

/**
 * Whether a call was a telephone conversation with the person. eigi states no "answered" (see
 * helpers/contactPolicy.ts), so on the safe side: the transcript has a line of the customer's,
 * or, where the list carries no transcript, the call COMPLETED. A COMPLETED call whose transcript
 * shows the customer never spoke (a voicemail greeting) is not one.
 */
export function wasConversation(attempt: Attempt): boolean {
	if (isLive(attempt) || attempt.claimedBy) return false;
	if (attempt.customerSpoke !== undefined) return attempt.customerSpoke;
	return String(attempt.status ?? '').toUpperCase() === 'COMPLETED';
}

/**
 * When a call counts as placed: a call without a readable date, or dated after now (eigi's clock
 * ahead of n8n's), counts as placed now: the safe side, it is never left out of a count.
 */
const timeOf = (attempt: Attempt, nowMs: number) =>
	Number.isFinite(attempt.createdMs) ? Math.min(attempt.createdMs, nowMs) : nowMs;

/**
 * The limits of `rules` that apply where the callee is (`regions`), against every earlier call to
 * the number (any agent). undefined: a call may be placed now. A per-subject limit (Regulation F's
 * "a particular debt", Florida's "same subject") counts every call to the number: the node cannot
 * tell subjects apart, so it takes the stricter reading.
 */
export function checkLimits(
	rules: CallingRule[],
	regions: string[],
	earlier: Attempt[],
	nowMs: number,
): LimitCheck | undefined {
	const holding: CallingRule[] = [];
	const reasons: string[] = [];
	const counted = new Set<Attempt>();
	let notBeforeMs = nowMs;
	for (const rule of rulesForRegions(rules, regions)) {
		if (rule.cap) {
			const windowMs = rule.cap.withinHours * HOUR_MS;
			const inWindow = earlier.filter((attempt) => timeOf(attempt, nowMs) > nowMs - windowMs);
			const from = capCallableFrom(
				rule.cap,
				inWindow.map((attempt) => timeOf(attempt, nowMs)),
				nowMs,
			);
			if (from > nowMs) {
				holding.push(rule);
				reasons.push(
					`${plural(inWindow.length, 'call')} to this number within ${rule.cap.withinHours} hours, the most allowed is ${rule.cap.calls}`,
				);
				inWindow.forEach((attempt) => counted.add(attempt));
				notBeforeMs = Math.max(notBeforeMs, from);
			}
		}
		if (rule.noCallDaysAfterConversation) {
			const conversations = earlier.filter(wasConversation);
			const from = conversationCallableFrom(
				rule.noCallDaysAfterConversation,
				conversations.map((attempt) => timeOf(attempt, nowMs)),
				nowMs,
			);
			if (from > nowMs) {
				const latest = conversations.reduce((a, b) =>
					timeOf(a, nowMs) >= timeOf(b, nowMs) ? a : b,
				);
				holding.push(rule);
				reasons.push(
					`the person was reached in a conversation ${latest.createdAt ? `at ${latest.createdAt}` : 'recently'}${latest.conversationId ? ` (conversation ${latest.conversationId})` : ''}, and no call is allowed within ${describeHours(rule.noCallDaysAfterConversation * 24)} after one`,
				);
				counted.add(latest);
				notBeforeMs = Math.max(notBeforeMs, from);
			}
		}
	}
	if (!holding.length) return undefined;
	return {
		rules: [...new Set(holding)],
		notBeforeMs,
		reasons,
		counted: [...counted].sort((a, b) => timeOf(a, nowMs) - timeOf(b, nowMs)),
	};
}
