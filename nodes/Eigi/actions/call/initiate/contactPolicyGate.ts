import type { INodeExecutionData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ATTEMPT_KEY } from '../../../helpers/campaignKeys';
import {
	decide,
	type Attempt,
	type ContactPolicy,
	type RedialPolicy,
} from '../../../helpers/contactPolicy';
import type { CallingRule } from '../../../helpers/callingRules';
import { HOUR_MS } from '../../../helpers/durations';
import { phoneDigits } from '../../../helpers/phoneNumber';
import type { PreparedCall } from '../../../helpers/types';
import { eigiAccount, type EigiResponse } from '../../../transport';
import { readCallHistory, type CallHistory, type HistoryQuery, type SendRead } from './callHistory';
import { checkLimits, limitsWindowMs } from './callLimits';
import type { CalleeClock } from './callingHoursGate';
import { NumberClaims, type Claim } from './numberClaims';
import { calledBeforeItem, historyUnknownItem, limitHeldItem, policyItem } from './outputItems';

type ListedCalls = Extract<CallHistory, { ok: true }>['byDigits'];

/** What the Contact Policy says of one call: go on (with its attempt number), or its item. */
type Judgement = { due: PreparedCall } | { settled: INodeExecutionData };

/**
 * If the history cannot be read nobody is called blindly: the node stops (On Error = stop), or
 * the items come out as not placed, safe to run again.
 */
function historyUnknown(
	context: IExecuteFunctions,
	calls: PreparedCall[],
	error: Error,
	output: INodeExecutionData[],
): void {
	if (!context.continueOnFail()) {
		throw new NodeOperationError(context.getNode(), error, {
			message: `Nobody was called: eigi's call history could not be read for the Contact Policy and Call Limits (${error.message})`,
			description:
				"Run the items again later, or set Contact Policy to Call Every Item and Call Limits to None to call without checking eigi's call history.",
		});
	}
	for (const call of calls) output[call.itemIndex] = historyUnknownItem(call, error.message);
}

/** The newest call; one without a readable date (NaN) is taken as the newest. */
function newest(attempts: Attempt[]): Attempt {
	return attempts.reduce((latest, attempt) =>
		Number.isNaN(attempt.createdMs) || attempt.createdMs > latest.createdMs ? attempt : latest,
	);
}

/**
 * The one agent every call uses, when the policy counts only that agent's calls and no call limit
 * counts the others': eigi filters by it.
 */
function singleAgent(
	calls: PreparedCall[],
	policy: ContactPolicy,
	limits: CallingRule[],
): string | undefined {
	if (limits.length || policy.mode !== 'redial' || policy.countCallsOf !== 'agent')
		return undefined;
	const agents = new Set(calls.map((call) => call.agentId));
	return agents.size === 1 ? calls[0].agentId : undefined;
}

/** Skip Numbers Called Recently: the calls to numbers another run of this process is calling. */
function skipClaimed(
	calls: PreparedCall[],
	claims: NumberClaims,
	windowHours: number,
	nowMs: number,
	output: INodeExecutionData[],
): PreparedCall[] {
	return calls.filter((call) => {
		const claimed = claims.withClaims([], phoneDigits(call.phoneNumber), nowMs);
		// Counted: the calls under way here (eigi's history, not read, may hold more).
		if (claimed.length)
			output[call.itemIndex] = calledBeforeItem(call, newest(claimed), claimed.length, windowHours);
		return !claimed.length;
	});
}

/** Skip Numbers Called Recently: any outbound call to the number within the window. */
function skipCalledRecently(
	call: PreparedCall,
	earlier: Attempt[],
	windowHours: number,
): Judgement {
	if (!earlier.length) return { due: { ...call, previousAttempts: 0 } };
	return { settled: calledBeforeItem(call, newest(earlier), earlier.length, windowHours) };
}

/**
 * Redial Until Reached: each number's earlier attempts decide (helpers/contactPolicy.ts). A due
 * call goes on with its attempt number (in its metadata too, when the policy sends it); a number
 * that is not due yet is held until the later of the policy's time and Calling Hours.
 */
function redialUntilReached(
	call: PreparedCall,
	calls: Attempt[],
	policy: RedialPolicy,
	clock: CalleeClock,
	nowMs: number,
	limitsAllowFromMs: number,
): Judgement {
	const earlier = calls.filter(
		(attempt) =>
			policy.countCallsOf === 'any' || attempt.agentId === null || attempt.agentId === call.agentId,
	);
	const decision = decide(earlier, policy, nowMs);
	if (decision.rule === 'due') {
		const metadata = policy.sendAttemptNumber
			? { ...(call.metadata ?? {}), [ATTEMPT_KEY]: decision.attempt }
			: call.metadata;
		return { due: { ...call, previousAttempts: decision.attempts.length, metadata } };
	}
	const heldUntil =
		decision.rule === 'notDue'
			? decision.dueMs
			: decision.rule === 'inProgress'
				? Math.max(
						nowMs,
						(Number.isFinite(decision.by.createdMs) ? decision.by.createdMs : nowMs) +
							policy.minGapMs,
					)
				: undefined;
	// Held: until the later of the policy's time, the call limits' and Calling Hours.
	const callable =
		heldUntil === undefined
			? null
			: clock.callableFrom(call, Math.max(heldUntil, limitsAllowFromMs));
	return { settled: policyItem(call, decision, policy, callable) };
}

/**
 * Contact Policy and Call Limits: what eigi's call history, and the calls other runs of this n8n
 * are placing, decide before a number is called. Three steps:
 * 1. `read` eigi's history once, for every number still to call (before anyone is called);
 * 2. `decide`, synchronously: each number's listed calls and the live claims on it (numberClaims.ts)
 *    settle it or let it go on; the caller claims what goes on in the same synchronous step, so no
 *    other run of this process decides in between;
 * 3. `lastLook`, in each request's place in the rate limit's line, right before it leaves, when the
 *    run's last read of the history is older than LAST_LOOK_AFTER_MS: calls eigi placed since then
 *    (another n8n process, such as a queue-mode worker, or the eigi dashboard) settle their numbers
 *    as the policy says.
 * A look reads only what is new since the run's previous read (from the newest call eigi listed
 * then, on eigi's own clock), for every number of the run, so the requests that follow within
 * LAST_LOOK_AFTER_MS need none: a campaign of many requests costs a few pages per second of
 * sending, not a read of all its own calls per request.
 */
export class ContactPolicyGate {
	private constructor(
		private readonly context: IExecuteFunctions,
		private readonly policy: ContactPolicy,
		private readonly limits: CallingRule[],
		private readonly query: HistoryQuery,
		private readonly listed: ListedCalls,
		private readonly claims: NumberClaims,
		/**
		 * When eigi last answered a read of this run (n8n's clock), and from when the next look reads
		 * (eigi's clock: the newest call it listed, or, when it listed none, the read's start).
		 */
		private readonly looked: { answeredMs: number; fromMs: number },
	) {}

	/** Calls the looks found that the first read did not list, by number (each conversation once). */
	private readonly placedSince = new Map<string, Attempt[]>();
	private readonly placedSinceIds = new Set<string>();

	/** A history this much older (since eigi answered it) than the moment a request leaves gets a last look. */
	static readonly LAST_LOOK_AFTER_MS = 1_000;

	/** eigi's clock and n8n's may differ: a look reads calls from this long before a read started. */
	static readonly CLOCK_SKEW_MS = 60_000;

	/**
	 * eigi may list a call a moment after it placed it: a look reads calls from this long before
	 * the newest one the previous read listed.
	 */
	static readonly LISTING_DELAY_MS = 2_000;

	/**
	 * Reads eigi's history for the calls (none is read for Call Every Item without Call Limits:
	 * undefined). When it cannot be read, the calls are settled as not placed (or the node stops)
	 * and the gate is null;
	 * likewise when no call is left to decide. Under Skip Numbers Called Recently a number another
	 * run of this process is calling is skipped first, without a read: a lead posted twice costs
	 * one read, not two.
	 */
	static async read(
		context: IExecuteFunctions,
		calls: PreparedCall[],
		policy: ContactPolicy,
		limits: CallingRule[],
		nowMs: number,
		output: INodeExecutionData[],
	): Promise<ContactPolicyGate | null | undefined> {
		if ((policy.mode === 'none' && !limits.length) || !calls.length) return undefined;
		const claims = new NumberClaims((await eigiAccount(context)).key);
		const unclaimed =
			policy.mode === 'skipRecent'
				? skipClaimed(calls, claims, policy.windowHours, nowMs, output)
				: calls;
		if (!unclaimed.length) return null;
		const query: HistoryQuery = {
			phoneNumbers: unclaimed.map((call) => call.phoneNumber),
			sinceMs: nowMs - ContactPolicyGate.windowMsOf(policy, limits),
			agentId: singleAgent(unclaimed, policy, limits),
		};
		const startedMs = Date.now();
		const history = await readCallHistory(context, query);
		if (!history.ok) {
			historyUnknown(context, unclaimed, history.error, output);
			return null;
		}
		const looked = {
			answeredMs: Date.now(),
			fromMs: ContactPolicyGate.nextLookFrom(history, startedMs, query.sinceMs),
		};
		return new ContactPolicyGate(context, policy, limits, query, history.byDigits, claims, looked);
	}

	/** From when the next look reads, after a read that started at `startedMs` (n8n's clock). */
	private static nextLookFrom(
		history: Extract<CallHistory, { ok: true }>,
		startedMs: number,
		previousFromMs: number,
	): number {
		const from =
			history.newestListedMs !== undefined
				? history.newestListedMs - ContactPolicyGate.LISTING_DELAY_MS
				: startedMs - ContactPolicyGate.CLOCK_SKEW_MS;
		return Math.max(previousFromMs, from);
	}

	/** How long a call counts for the policy. */
	static policyWindowMs(policy: ContactPolicy): number {
		if (policy.mode === 'none') return 0;
		return policy.mode === 'skipRecent' ? policy.windowHours * HOUR_MS : policy.windowMs;
	}

	/** How far back the history is read for the policy and the limits: also how long a claim lasts. */
	static windowMsOf(policy: ContactPolicy, limits: CallingRule[]): number {
		return Math.max(ContactPolicyGate.policyWindowMs(policy), limitsWindowMs(limits));
	}

	/** Synchronous on purpose (see the class comment): settles what the policy settles, returns the rest. */
	decide(
		calls: PreparedCall[],
		clock: CalleeClock,
		nowMs: number,
		output: INodeExecutionData[],
	): PreparedCall[] {
		const due: PreparedCall[] = [];
		for (const call of calls) {
			const digits = phoneDigits(call.phoneNumber);
			const earlier = this.claims.withClaims(this.listed.get(digits) ?? [], digits, nowMs);
			const judgement = this.judge(call, earlier, clock, nowMs);
			if ('due' in judgement) due.push(judgement.due);
			else output[call.itemIndex] = judgement.settled;
		}
		return due;
	}

	/**
	 * Claims the numbers about to be called, for as long as the policy's window (never for a dry
	 * run): call it in the same synchronous step as `decide`.
	 */
	claim(calls: PreparedCall[]): Map<number, Claim> {
		const workflow = this.context.getWorkflow();
		const owner = {
			executionId: String(this.context.getExecutionId() ?? ''),
			workflowId: String(workflow.id ?? ''),
			workflowName: String(workflow.name ?? ''),
		};
		return this.claims.claim(calls, owner, ContactPolicyGate.windowMsOf(this.policy, this.limits));
	}

	/**
	 * Right before a request leaves: when the run's last read is older than LAST_LOOK_AFTER_MS,
	 * reads the calls eigi placed since (with `readNow`, in the request's place in the line); then
	 * settles the request's numbers that got a call since the first read. Returns the calls still
	 * to send, or eigi's 429 to the read. Any other failure to read settles every call as not
	 * placed: nobody is called blindly.
	 */
	async lastLook(
		calls: PreparedCall[],
		readNow: SendRead,
		clock: CalleeClock,
		output: INodeExecutionData[],
	): Promise<{ calls: PreparedCall[] } | { refused: EigiResponse }> {
		if (Date.now() - this.looked.answeredMs >= ContactPolicyGate.LAST_LOOK_AFTER_MS) {
			const startedMs = Date.now();
			const since = await readCallHistory(
				this.context,
				{ ...this.query, sinceMs: Math.max(this.query.sinceMs, this.looked.fromMs) },
				readNow,
			);
			if (!since.ok) {
				if (since.response?.statusCode === 429) return { refused: since.response };
				const reason = `before sending, ${since.error.message}`;
				for (const call of calls) output[call.itemIndex] = historyUnknownItem(call, reason);
				return { calls: [] };
			}
			this.remember(since.byDigits);
			this.looked.answeredMs = Date.now();
			this.looked.fromMs = ContactPolicyGate.nextLookFrom(since, startedMs, this.looked.fromMs);
		}
		const nowMs = Date.now();
		return {
			calls: calls.filter((call) => {
				const digits = phoneDigits(call.phoneNumber);
				const placedSince = this.placedSince.get(digits);
				if (!placedSince?.length) return true;
				const known = this.listed.get(digits) ?? [];
				const judgement = this.judge(call, [...known, ...placedSince], clock, nowMs);
				if ('due' in judgement) return true;
				output[call.itemIndex] = judgement.settled;
				return false;
			}),
		};
	}

	/** Keeps the calls a look found that the first read did not list (each conversation once). */
	private remember(found: ListedCalls): void {
		for (const [digits, attempts] of found) {
			const knownIds = new Set((this.listed.get(digits) ?? []).map((a) => a.conversationId));
			for (const attempt of attempts) {
				if (attempt.conversationId && knownIds.has(attempt.conversationId)) continue;
				// A call eigi gave no id is told apart by what it shows.
				const key =
					attempt.conversationId ?? `${attempt.createdAt}|${attempt.agentId}|${attempt.status}`;
				if (this.placedSinceIds.has(key)) continue;
				this.placedSinceIds.add(key);
				const list = this.placedSince.get(digits);
				if (list) list.push(attempt);
				else this.placedSince.set(digits, [attempt]);
			}
		}
	}

	/**
	 * The policy first, on the calls within its own window (the history may reach further back
	 * for the limits); then the limits, on every call to the number, by any agent.
	 */
	private judge(
		call: PreparedCall,
		earlier: Attempt[],
		clock: CalleeClock,
		nowMs: number,
	): Judgement {
		const limit = this.limits.length
			? checkLimits(this.limits, clock.regionsOf(call), earlier, nowMs)
			: undefined;
		const policyStartMs = nowMs - ContactPolicyGate.policyWindowMs(this.policy);
		// A call without a readable date (NaN) stays: it is taken as the newest.
		const inPolicyWindow = earlier.filter((attempt) => !(attempt.createdMs < policyStartMs));
		const judgement: Judgement =
			this.policy.mode === 'skipRecent'
				? skipCalledRecently(call, inPolicyWindow, this.policy.windowHours)
				: this.policy.mode === 'redial'
					? redialUntilReached(
							call,
							inPolicyWindow,
							this.policy,
							clock,
							nowMs,
							limit?.notBeforeMs ?? nowMs,
						)
					: { due: call };
		if (!limit || 'settled' in judgement) return judgement;
		return {
			settled: limitHeldItem(judgement.due, {
				...limit,
				callable: clock.callableFrom(call, limit.notBeforeMs),
			}),
		};
	}
}
