import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { requestBody } from '../../helpers/batching';
import type { CallingHoursCheck, CallingWindow } from '../../helpers/callingHours';
import type { Attempt, PolicyDecision, RedialPolicy } from '../../helpers/contactPolicy';
import { isReached } from '../../helpers/contactPolicy';
import type { CallOutcome, PreparedCall } from '../../helpers/types';
import type { EarlierOutcome } from './earlierAttempts';
import type { ItemProblem } from './readCallRequest';

/** "item 3 of 10", as a person counts the rows of the input. */
export function itemLabel(itemIndex: number, itemCount: number): string {
	return `item ${itemIndex + 1} of ${itemCount}`;
}

function callFields(call: PreparedCall): IDataObject {
	return {
		...(call.reference !== undefined ? { reference: call.reference } : {}),
		phoneNumber: call.phoneNumber,
		phoneNumberInput: call.phoneNumberInput as IDataObject[string],
		agentId: call.agentId,
		telephonyProvider: call.telephonyProvider,
		...(call.attempt !== undefined ? { attempt: call.attempt } : {}),
		metadata: call.metadata ?? {},
	};
}

/**
 * An error item. n8n sends an item to the error output only when its JSON holds nothing but
 * `error`, `message` and `details` (and replaces the JSON of any item that carries an error
 * object), so the facts go under `details`: what was sent, or would have been, and whether
 * running the item again is safe. On the error output n8n adds the input item's own fields.
 */
function errorItem(itemIndex: number, message: string, details: IDataObject): INodeExecutionData {
	return { json: { error: message, details }, pairedItem: { item: itemIndex } };
}

/** "Item 2 of 5: phone number "1-800-FLOWERS" contains letters: ..." */
export function problemMessage(problem: ItemProblem, itemCount: number): string {
	const label = itemLabel(problem.itemIndex, itemCount);
	return `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${problem.reason}`;
}

export function invalidItem(problem: ItemProblem, itemCount: number): INodeExecutionData {
	const message = problemMessage(problem, itemCount);
	return errorItem(problem.itemIndex, message, {
		status: 'invalid',
		callPlaced: 'no',
		safeToRetry: true,
		...problem.context,
	});
}

export function skippedItem(
	call: PreparedCall,
	firstItemIndex: number,
	itemCount: number,
): INodeExecutionData {
	return {
		json: {
			status: 'skipped',
			callPlaced: 'no',
			...callFields(call),
			message: `Not called: ${itemLabel(firstItemIndex, itemCount)} already calls ${call.phoneNumber} in this run (option Skip Repeated Numbers)`,
			repeatOfItem: firstItemIndex,
		},
		pairedItem: { item: call.itemIndex },
	};
}

export function outcomeItem(
	call: PreparedCall,
	outcome: CallOutcome,
	batchNumber: number,
	note = '',
): INodeExecutionData {
	if (outcome.status === 'initiated') {
		return {
			json: {
				status: 'initiated',
				callPlaced: 'yes',
				conversationId: outcome.conversationId ?? null,
				...callFields(call),
				message: outcome.message + note,
				batch: batchNumber,
				eigiResponse: outcome.eigiResponse as IDataObject,
			},
			pairedItem: { item: call.itemIndex },
		};
	}
	return errorItem(call.itemIndex, outcome.message + note, {
		status: outcome.status,
		callPlaced: outcome.placed,
		safeToRetry: outcome.placed === 'no',
		...callFields(call),
		batch: batchNumber,
		...(outcome.httpCode ? { httpCode: outcome.httpCode } : {}),
		...(outcome.eigiResponse === undefined
			? {}
			: { eigiResponse: outcome.eigiResponse as IDataObject }),
	});
}

/**
 * An item whose number an earlier attempt of this node, in this execution, already sent to eigi:
 * it comes out as that attempt ended it, and nothing is sent again.
 */
export function earlierAttemptItem(
	call: PreparedCall,
	{ sentAs, sentByItem }: EarlierOutcome,
	itemCount: number,
): INodeExecutionData {
	if (sentByItem === undefined) {
		return outcomeItem(
			call,
			sentAs.outcome,
			sentAs.batch,
			' (from an earlier attempt of this node in this execution: not sent again)',
		);
	}
	return {
		json: {
			status: 'skipped',
			callPlaced: 'no',
			...callFields(call),
			message: `Not called: an earlier attempt of this node in this execution sent ${call.phoneNumber} for ${itemLabel(sentByItem, itemCount)}`,
			repeatOfItem: sentByItem,
		},
		pairedItem: { item: call.itemIndex },
	};
}

/**
 * "conversation 3f0c..., COMPLETED, at 2026-12-03T10:00:00Z", or for a call another run of this n8n
 * is placing: "placed by execution 41 of workflow "Leads" (conversation 3f0c...), since ..."
 */
function describeAttempt(attempt: Attempt): string {
	if (attempt.claimedBy) {
		const { executionId, workflowName, workflowId } = attempt.claimedBy;
		return [
			`placed by execution ${executionId || '(unsaved)'} of workflow "${workflowName || workflowId}" in this n8n`,
			attempt.conversationId
				? `conversation ${attempt.conversationId}`
				: 'eigi has not listed it yet',
			`since ${attempt.createdAt}`,
		].join(', ');
	}
	return [
		attempt.conversationId && `conversation ${attempt.conversationId}`,
		attempt.status,
		attempt.createdAt && `at ${attempt.createdAt}`,
	]
		.filter(Boolean)
		.join(', ');
}

function attemptFields({ conversationId, status, createdAt, claimedBy }: Attempt): IDataObject {
	return {
		conversationId,
		status,
		createdAt,
		...(claimedBy ? { placedByExecution: { ...claimedBy } } : {}),
	};
}

/** A number eigi already called within the window of Contact Policy "Skip Numbers Called Recently". */
export function calledBeforeItem(
	call: PreparedCall,
	earlier: Attempt,
	windowHours: number,
): INodeExecutionData {
	return {
		json: {
			status: 'skipped',
			callPlaced: 'no',
			...callFields(call),
			message: earlier.claimedBy
				? `Not called: another run already calls ${call.phoneNumber} (${describeAttempt(earlier)}) (Contact Policy: Skip Numbers Called Recently, ${windowHours} hours)`
				: `Not called: eigi already called ${call.phoneNumber} (${describeAttempt(earlier)}), within the last ${windowHours} hours (Contact Policy: Skip Numbers Called Recently)`,
			earlierCall: attemptFields(earlier),
		},
		pairedItem: { item: call.itemIndex },
	};
}

/**
 * A number the Redial Until Reached policy settles without a call: reached, given up, or not due
 * yet (held, with the moment it may be called). Each says which rule settled it and lists the
 * earlier attempts it counted, oldest first.
 */
export function policyItem(
	call: PreparedCall,
	decision: Exclude<PolicyDecision, { rule: 'due' }>,
	policy: RedialPolicy,
	callableFrom: string | null,
): INodeExecutionData {
	const earlierAttempts = decision.attempts.map((attempt) => ({
		...attemptFields(attempt),
		reached: isReached(attempt, policy),
	}));
	const counted = `${decision.attempts.length} attempt${decision.attempts.length === 1 ? '' : 's'}`;
	const common = { callPlaced: 'no', ...callFields(call), attempts: decision.attempts.length };
	const gap = `${policy.minGapMs / 60_000} minutes`;
	const json: IDataObject =
		decision.rule === 'reached'
			? {
					status: 'reached',
					...common,
					message: `Not called: ${call.phoneNumber} was reached (${describeAttempt(decision.by)}) (Contact Policy: Redial Until Reached)`,
					reachedBy: attemptFields(decision.by),
				}
			: decision.rule === 'gaveUp'
				? {
						status: 'gaveUp',
						...common,
						message: `Not called: ${call.phoneNumber} was not reached in ${counted}, the most the Contact Policy allows (Max Attempts ${policy.maxAttempts})`,
					}
				: {
						status: 'held',
						heldBy: 'contactPolicy',
						...common,
						message:
							decision.rule === 'inProgress'
								? `Not called now: a call to ${call.phoneNumber} is still in progress (${describeAttempt(decision.by)}) (Contact Policy: Redial Until Reached)`
								: `Not called now: the last of ${counted} to ${call.phoneNumber} was less than ${gap} ago (Contact Policy: Minimum Time Between Attempts). ${callableFrom ? `It may be called from ${callableFrom}.` : 'Calling Hours give no time at which it may be called.'}`,
						callableFrom,
					};
	return { json: { ...json, earlierAttempts }, pairedItem: { item: call.itemIndex } };
}

/** Nobody is called blindly: without eigi's call history the check the user asked for cannot run. */
export function historyUnknownItem(call: PreparedCall, reason: string): INodeExecutionData {
	return errorItem(
		call.itemIndex,
		`Not called: eigi's call history could not be read (${reason}), so the Contact Policy cannot be checked. No call was placed; it is safe to run this item again.`,
		{ status: 'notAttempted', callPlaced: 'no', safeToRetry: true, ...callFields(call) },
	);
}

const clock = (minutes: number) =>
	`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * A number outside Calling Hours in its callee's local time: not called, safe to run again, with
 * the moment the hours open (`callableFrom`, ISO 8601 with offset) for a Wait node.
 */
export function heldItem(
	call: PreparedCall,
	window: CallingWindow,
	{ zones, check }: { zones: string[]; check?: CallingHoursCheck },
): INodeExecutionData {
	const hours = `${clock(window.startMinutes)}–${clock(window.endMinutes)}`;
	if (!check || check.inside) {
		return {
			json: {
				status: 'held',
				heldBy: 'callingHours',
				callPlaced: 'no',
				...callFields(call),
				message: `Not called: the time zone of ${call.phoneNumber} is unknown, so Calling Hours (${hours}) cannot be checked. Give it with the option Callee Time Zone, or set "If the Time Zone Is Unknown" to call anyway.`,
				callableFrom: null,
				calleeTimeZones: zones,
			},
			pairedItem: { item: call.itemIndex },
		};
	}
	const local = check.localTimes.map(
		({ zone, localTime }) => `${localTime.slice(11, 16)} in ${zone}`,
	);
	return {
		json: {
			status: 'held',
			heldBy: 'callingHours',
			callPlaced: 'no',
			...callFields(call),
			message: `Not called now: it is ${local.join(' and ')} for ${call.phoneNumber}, outside the calling hours ${hours}. ${check.opensAt ? `They open at ${check.opensAt}.` : 'They do not open within two weeks.'}`,
			callableFrom: check.opensAt ?? null,
			calleeTimeZones: zones,
			calleeLocalTimes: check.localTimes.map((entry) => ({ ...entry })),
		},
		pairedItem: { item: call.itemIndex },
	};
}

/** Dry run: what this item would send, and in which request, with nothing sent. */
export function dryRunItem(call: PreparedCall, batchNumber: number): INodeExecutionData {
	return {
		json: {
			status: 'dryRun',
			callPlaced: 'no',
			...callFields(call),
			message: `Dry run: would be called in request ${batchNumber} (nothing was sent)`,
			batch: batchNumber,
			// The request as eigi would get it, with this call alone in `params`.
			request: requestBody({
				agentId: call.agentId,
				telephonyProvider: call.telephonyProvider,
				calls: [call],
			}),
		},
		pairedItem: { item: call.itemIndex },
	};
}
