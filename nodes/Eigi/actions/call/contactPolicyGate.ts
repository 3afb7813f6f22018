import type { INodeExecutionData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ATTEMPT_KEY } from '../../helpers/campaignKeys';
import { decide, type Attempt, type RedialPolicy } from '../../helpers/contactPolicy';
import { phoneDigits } from '../../helpers/phoneNumber';
import type { PreparedCall } from '../../helpers/types';
import { eigiAccount, type EigiResponse } from '../../transport';
import { readCallHistory, type CallHistory, type HistoryQuery, type SendRead } from './callHistory';
import type { CalleeClock } from './callingHoursGate';
import { NumberClaims, type Claim } from './numberClaims';
import { calledBeforeItem, historyUnknownItem, policyItem } from './outputItems';
import type { ContactPolicy } from './readCallRequest';

const HOUR_MS = 3_600_000;

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
			message: `Nobody was called: eigi's call history could not be read for the Contact Policy (${error.message})`,
			description:
				"Run the items again later, or set Contact Policy to Call Every Item to call without checking eigi's call history.",
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

/** The one agent every call uses, when the policy counts only that agent's calls: eigi filters by it. */
function singleAgent(calls: PreparedCall[], policy: ContactPolicy): string | undefined {
	if (policy.mode !== 'redial' || policy.policy.countCallsOf !== 'agent') return undefined;
	const agents = new Set(calls.map((call) => call.agentId));
	return agents.size === 1 ? calls[0].agentId : undefined;
}

/** Skip Numbers Called Recently: any outbound call to the number within the window. */
function skipCalledRecently(
	call: PreparedCall,
	earlier: Attempt[],
	windowHours: number,
): Judgement {
	if (!earlier.length) return { due: call };
	return { settled: calledBeforeItem(call, newest(earlier), windowHours) };
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
		return { due: { ...call, attempt: decision.attempt, metadata } };
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
	const callableFrom = heldUntil === undefined ? null : clock.callableFrom(call, heldUntil);
	return { settled: policyItem(call, decision, policy, callableFrom) };
}

/**
 * Contact Policy: what eigi's call history, and the calls other runs of this n8n are placing,
 * decide before a number is called. Three steps:
 * 1. `read` eigi's history once, for every number still to call (before anyone is called);
 * 2. `decide`, synchronously: each number's listed calls and the live claims on it (numberClaims.ts)
 *    settle it or let it go on; the caller claims what goes on in the same synchronous step, so no
 *    other run of this process decides in between;
 * 3. `lastLook`, in each request's place in the rate limit's line, right before it leaves, when the
 *    history is older than LAST_LOOK_AFTER_MS: calls eigi placed since then (another n8n process,
 *    such as a queue-mode worker, or the eigi dashboard) settle their numbers as the policy says.
 */
export class ContactPolicyGate {
	private constructor(
		private readonly context: IExecuteFunctions,
		private readonly policy: Exclude<ContactPolicy, { mode: 'none' }>,
		private readonly query: HistoryQuery,
		private readonly listed: ListedCalls,
		private readonly readAtMs: number,
		private readonly claims: NumberClaims,
	) {}

	/** A read this much older than the moment a request leaves gets a last look. */
	static readonly LAST_LOOK_AFTER_MS = 1_000;

	/** eigi's clock and n8n's may differ: the last look reads calls from this long before the first read. */
	static readonly CLOCK_SKEW_MS = 60_000;

	/**
	 * Reads eigi's history for the calls (none is read for Call Every Item: undefined). When it
	 * cannot be read, the calls are settled as not placed (or the node stops) and the gate is null.
	 */
	static async read(
		context: IExecuteFunctions,
		calls: PreparedCall[],
		policy: ContactPolicy,
		nowMs: number,
		output: INodeExecutionData[],
	): Promise<ContactPolicyGate | null | undefined> {
		if (policy.mode === 'none' || !calls.length) return undefined;
		const query: HistoryQuery = {
			phoneNumbers: calls.map((call) => call.phoneNumber),
			sinceMs: nowMs - ContactPolicyGate.windowMsOf(policy),
			agentId: singleAgent(calls, policy),
		};
		const claims = new NumberClaims((await eigiAccount(context)).key);
		const readAtMs = Date.now();
		const history = await readCallHistory(context, query);
		if (!history.ok) {
			historyUnknown(context, calls, history.error, output);
			return null;
		}
		return new ContactPolicyGate(context, policy, query, history.byDigits, readAtMs, claims);
	}

	/** How long a call counts for the policy: also how long a claim lasts. */
	static windowMsOf(policy: Exclude<ContactPolicy, { mode: 'none' }>): number {
		return policy.mode === 'skipRecent' ? policy.windowHours * HOUR_MS : policy.policy.windowMs;
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
		return this.claims.claim(calls, owner, ContactPolicyGate.windowMsOf(this.policy));
	}

	/**
	 * Right before a request leaves: when the history is older than LAST_LOOK_AFTER_MS, reads the
	 * calls eigi placed since (with `readNow`, in the request's place in the line) and settles the
	 * numbers that got one. Returns the calls still to send, or eigi's 429 to the read. Any other
	 * failure to read settles every call as not placed: nobody is called blindly.
	 */
	async lastLook(
		calls: PreparedCall[],
		readNow: SendRead,
		clock: CalleeClock,
		output: INodeExecutionData[],
	): Promise<{ calls: PreparedCall[] } | { refused: EigiResponse }> {
		const nowMs = Date.now();
		if (nowMs - this.readAtMs < ContactPolicyGate.LAST_LOOK_AFTER_MS) return { calls };
		const since = await readCallHistory(
			this.context,
			{
				...this.query,
				phoneNumbers: calls.map((call) => call.phoneNumber),
				sinceMs: Math.max(this.query.sinceMs, this.readAtMs - ContactPolicyGate.CLOCK_SKEW_MS),
			},
			readNow,
		);
		if (!since.ok) {
			if (since.response?.statusCode === 429) return { refused: since.response };
			const reason = `before sending, ${since.error.message}`;
			for (const call of calls) output[call.itemIndex] = historyUnknownItem(call, reason);
			return { calls: [] };
		}
		return {
			calls: calls.filter((call) => {
				const digits = phoneDigits(call.phoneNumber);
				const known = this.listed.get(digits) ?? [];
				const knownIds = new Set(known.map((attempt) => attempt.conversationId));
				const placedSince = (since.byDigits.get(digits) ?? []).filter(
					(attempt) => !attempt.conversationId || !knownIds.has(attempt.conversationId),
				);
				if (!placedSince.length) return true;
				const judgement = this.judge(call, [...known, ...placedSince], clock, nowMs);
				if ('due' in judgement) return true;
				output[call.itemIndex] = judgement.settled;
				return false;
			}),
		};
	}

	private judge(
		call: PreparedCall,
		earlier: Attempt[],
		clock: CalleeClock,
		nowMs: number,
	): Judgement {
		return this.policy.mode === 'skipRecent'
			? skipCalledRecently(call, earlier, this.policy.windowHours)
			: redialUntilReached(call, earlier, this.policy.policy, clock, nowMs);
	}
}
