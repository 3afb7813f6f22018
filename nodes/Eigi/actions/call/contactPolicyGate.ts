import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ATTEMPT_KEY } from '../../helpers/campaignKeys';
import { decide, type Attempt, type RedialPolicy } from '../../helpers/contactPolicy';
import { phoneDigits } from '../../helpers/phoneNumber';
import type { PreparedCall } from '../../helpers/types';
import { readCallHistory, type CallHistory } from './callHistory';
import type { CalleeClock } from './callingHoursGate';
import { calledBeforeItem, historyUnknownItem, policyItem } from './outputItems';
import type { ContactPolicy } from './readCallRequest';

const HOUR_MS = 3_600_000;

/**
 * If the history cannot be read nobody is called blindly: the node stops (On Error = stop), or
 * the items come out as not placed, safe to run again.
 */
function historyUnknown(
	context: IExecuteFunctions,
	calls: PreparedCall[],
	error: Error,
	output: INodeExecutionData[],
): PreparedCall[] {
	if (!context.continueOnFail()) {
		throw new NodeOperationError(context.getNode(), error, {
			message: `Nobody was called: eigi's call history could not be read for the Contact Policy (${error.message})`,
			description:
				"Run the items again later, or set Contact Policy to Call Every Item to call without checking eigi's call history.",
		});
	}
	for (const call of calls) output[call.itemIndex] = historyUnknownItem(call, error.message);
	return [];
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
	calls: PreparedCall[],
	history: Extract<CallHistory, { ok: true }>,
	windowHours: number,
	output: INodeExecutionData[],
): PreparedCall[] {
	return calls.filter((call) => {
		const earlier = history.byDigits.get(phoneDigits(call.phoneNumber));
		if (earlier?.length)
			output[call.itemIndex] = calledBeforeItem(call, newest(earlier), windowHours);
		return !earlier?.length;
	});
}

/**
 * Redial Until Reached: each number's earlier attempts decide (helpers/contactPolicy.ts). A due
 * call goes on with its attempt number (in its metadata too, when the policy sends it); a number
 * that is not due yet is held until the later of the policy's time and Calling Hours.
 */
function redialUntilReached(
	calls: PreparedCall[],
	history: Extract<CallHistory, { ok: true }>,
	policy: RedialPolicy,
	clock: CalleeClock,
	nowMs: number,
	output: INodeExecutionData[],
): PreparedCall[] {
	const due: PreparedCall[] = [];
	for (const call of calls) {
		const earlier = (history.byDigits.get(phoneDigits(call.phoneNumber)) ?? []).filter(
			(attempt) =>
				policy.countCallsOf === 'any' ||
				attempt.agentId === null ||
				attempt.agentId === call.agentId,
		);
		const decision = decide(earlier, policy, nowMs);
		if (decision.rule === 'due') {
			const metadata = policy.sendAttemptNumber
				? { ...(call.metadata ?? {}), [ATTEMPT_KEY]: decision.attempt }
				: call.metadata;
			due.push({ ...call, attempt: decision.attempt, metadata });
			continue;
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
		output[call.itemIndex] = policyItem(call, decision, policy, callableFrom);
	}
	return due;
}

/**
 * Contact Policy: what eigi's own call history decides before a number is called. The history is
 * read once, before anyone is called, for every number still to call.
 */
export async function applyContactPolicy(
	context: IExecuteFunctions,
	calls: PreparedCall[],
	policy: ContactPolicy,
	clock: CalleeClock,
	nowMs: number,
	output: INodeExecutionData[],
): Promise<PreparedCall[]> {
	if (policy.mode === 'none' || !calls.length) return calls;
	const windowMs =
		policy.mode === 'skipRecent' ? policy.windowHours * HOUR_MS : policy.policy.windowMs;
	const history = await readCallHistory(context, {
		phoneNumbers: calls.map((call) => call.phoneNumber),
		sinceMs: nowMs - windowMs,
		agentId: singleAgent(calls, policy),
	});
	if (!history.ok) return historyUnknown(context, calls, history.error, output);
	return policy.mode === 'skipRecent'
		? skipCalledRecently(calls, history, policy.windowHours, output)
		: redialUntilReached(calls, history, policy.policy, clock, nowMs, output);
}
