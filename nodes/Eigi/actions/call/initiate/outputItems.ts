import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { requestBody } from '../../../helpers/batching';
import {
	callableTimes,
	isoInZone,
	type CallableAt,
	type CallingWindow,
	type ZoneTime,
} from '../../../helpers/callingHours';
import type { CallingRule } from '../../../helpers/callingRules';
import type { Attempt, PolicyDecision, RedialPolicy } from '../../../helpers/contactPolicy';
import { isReached } from '../../../helpers/contactPolicy';
import { describeHours, HOUR_MS, plural } from '../../../helpers/durations';
import type { CallOutcome, PreparedCall } from '../../../helpers/types';
import type { EarlierOutcome } from './earlierAttempts';
import type { ItemProblem } from './readCallRequest';

/** "item 3 of 10", as a person counts the rows of the input. */
export function itemLabel(itemIndex: number, itemCount: number): string {
	return `item ${itemIndex + 1} of ${itemCount}`;
}

/**
 * The fields every Initiate item carries, whatever its status, in this order (the README's
 * "Output" table): on a success item at the top level, on an error item under `details`.
 * Status-specific facts follow them under their own names.
 */
export const OUTPUT_FIELDS = [
	'status',
	'callPlaced',
	'reference',
	'phoneNumberInput',
	'phoneNumber',
	'attempts',
	'callableFrom',
	'callableFromLocal',
	'conversationId',
	'message',
	'agentId',
	'telephonyProvider',
	'metadata',
] as const;

interface Shape {
	status: string;
	callPlaced: 'yes' | 'no' | 'maybe';
	message: string;
	conversationId?: string | null;
	callable?: CallableAt | null;
}

/**
 * `attempts`: the calls to this number the Contact Policy counts, this item's own included when it
 * placed one (callPlaced "yes"); null when no Contact Policy looked at the number.
 */
function attemptsOf(call: Partial<PreparedCall>, callPlaced: Shape['callPlaced']): number | null {
	if (call.previousAttempts === undefined) return null;
	return call.previousAttempts + (callPlaced === 'yes' ? 1 : 0);
}

function shape(call: Partial<PreparedCall>, fields: Shape): IDataObject {
	return {
		status: fields.status,
		callPlaced: fields.callPlaced,
		reference: call.reference ?? null,
		phoneNumberInput: (call.phoneNumberInput ?? null) as IDataObject[string],
		phoneNumber: call.phoneNumber ?? null,
		attempts: attemptsOf(call, fields.callPlaced),
		...callableTimes(fields.callable),
		conversationId: fields.conversationId ?? null,
		message: fields.message,
		agentId: call.agentId ?? null,
		telephonyProvider: call.telephonyProvider ?? null,
		metadata: call.metadata ?? null,
	};
}

/**
 * An error item. n8n sends an item to the error output only when its JSON holds nothing but
 * `error`, `message` and `details` (and replaces the JSON of any item that carries an error
 * object), so the facts go under `details`, in the same shape as a success item's: what was sent,
 * or would have been, and whether running the item again is safe. On the error output n8n adds
 * the input item's own fields.
 */
function errorItem(
	itemIndex: number,
	call: Partial<PreparedCall>,
	fields: Shape,
	extra: IDataObject,
): INodeExecutionData {
	return {
		json: { error: fields.message, details: { ...shape(call, fields), ...extra } },
		pairedItem: { item: itemIndex },
	};
}

function item(call: PreparedCall, fields: Shape, extra: IDataObject = {}): INodeExecutionData {
	return { json: { ...shape(call, fields), ...extra }, pairedItem: { item: call.itemIndex } };
}

/** "Item 2 of 5: phone number "1-800-FLOWERS" contains letters: ..." */
export function problemMessage(problem: ItemProblem, itemCount: number): string {
	const label = itemLabel(problem.itemIndex, itemCount);
	return `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${problem.reason}`;
}

export function invalidItem(problem: ItemProblem, itemCount: number): INodeExecutionData {
	const message = problemMessage(problem, itemCount);
	return errorItem(
		problem.itemIndex,
		problem.context as Partial<PreparedCall>,
		{ status: 'invalid', callPlaced: 'no', message },
		{ safeToRetry: true },
	);
}

export function skippedItem(
	call: PreparedCall,
	firstItemIndex: number,
	itemCount: number,
): INodeExecutionData {
	return item(
		call,
		{
			status: 'skipped',
			callPlaced: 'no',
			message: `Not called: ${itemLabel(firstItemIndex, itemCount)} already calls ${call.phoneNumber} in this run (option Skip Repeated Numbers)`,
		},
		{ repeatOfItem: firstItemIndex },
	);
}

export function outcomeItem(
	call: PreparedCall,
	outcome: CallOutcome,
	batchNumber: number,
	note = '',
): INodeExecutionData {
	if (outcome.status === 'initiated') {
		return item(
			call,
			{
				status: 'initiated',
				callPlaced: 'yes',
				conversationId: outcome.conversationId,
				message: outcome.message + note,
			},
			{ batch: batchNumber, eigiResponse: outcome.eigiResponse as IDataObject },
		);
	}
	return errorItem(
		call.itemIndex,
		call,
		{ status: outcome.status, callPlaced: outcome.placed, message: outcome.message + note },
		{
			safeToRetry: outcome.placed === 'no',
			batch: batchNumber,
			...(outcome.httpCode ? { httpCode: outcome.httpCode } : {}),
			...(outcome.eigiResponse === undefined
				? {}
				: { eigiResponse: outcome.eigiResponse as IDataObject }),
		},
	);
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
			{ ...call, previousAttempts: sentAs.previousAttempts },
			sentAs.outcome,
			sentAs.batch,
			' (from an earlier attempt of this node in this execution: not sent again)',
		);
	}
	return item(
		call,
		{
			status: 'skipped',
			callPlaced: 'no',
			message: `Not called: an earlier attempt of this node in this execution sent ${call.phoneNumber} for ${itemLabel(sentByItem, itemCount)}`,
		},
		{ repeatOfItem: sentByItem },
	);
}

/**
 * "conversation 3f0c..., COMPLETED, at 2026-12-03T10:00:00Z", or for a call a run of this n8n placed
 * or is placing: "by execution 41 of workflow "Leads" in this n8n, conversation 3f0c..., at ..."
 */
function describeAttempt(attempt: Attempt): string {
	if (attempt.claimedBy) {
		const { executionId, workflowName, workflowId } = attempt.claimedBy;
		return [
			`by execution ${executionId || '(unsaved)'} of workflow "${workflowName || workflowId}" in this n8n`,
			attempt.conversationId && `conversation ${attempt.conversationId}`,
			`at ${attempt.createdAt}`,
		]
			.filter(Boolean)
			.join(', ');
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
	callsInWindow: number,
	windowHours: number,
): INodeExecutionData {
	return item(
		{ ...call, previousAttempts: callsInWindow },
		{
			status: 'skipped',
			callPlaced: 'no',
			message: earlier.claimedBy
				? `Not called: another run ${earlier.claimSettled ? 'already called' : 'is calling'} ${call.phoneNumber} (${describeAttempt(earlier)}) (Contact Policy: Skip Numbers Called Recently, ${windowHours} hours)`
				: `Not called: eigi already called ${call.phoneNumber} (${describeAttempt(earlier)}), within the last ${windowHours} hours (Contact Policy: Skip Numbers Called Recently)`,
		},
		{ earlierCall: attemptFields(earlier) },
	);
}

/** "2026-12-04T08:00:00-05:00 (13:00:00Z)", or the UTC time alone when the callee's zone is unknown. */
function describeCallable(at: CallableAt): string {
	const { callableFrom, callableFromLocal } = callableTimes(at);
	return callableFromLocal ? `${callableFromLocal} (${callableFrom})` : String(callableFrom);
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
	callable: CallableAt | null,
): INodeExecutionData {
	const earlierAttempts = decision.attempts.map((attempt) => ({
		...attemptFields(attempt),
		reached: isReached(attempt, policy),
	}));
	const counted = plural(decision.attempts.length, 'attempt');
	const counting = { ...call, previousAttempts: decision.attempts.length };
	const gap = describeHours(policy.minGapMs / HOUR_MS);
	if (decision.rule === 'reached') {
		return item(
			counting,
			{
				status: 'reached',
				callPlaced: 'no',
				message: `Not called: ${call.phoneNumber} was reached (${describeAttempt(decision.by)}) (Contact Policy: Redial Until Reached)`,
			},
			{ reachedBy: attemptFields(decision.by), earlierAttempts },
		);
	}
	if (decision.rule === 'gaveUp') {
		return item(
			counting,
			{
				status: 'gaveUp',
				callPlaced: 'no',
				message: `Not called: ${call.phoneNumber} was not reached in ${counted}, the most the Contact Policy allows (Max Attempts ${policy.maxAttempts})`,
			},
			{ earlierAttempts },
		);
	}
	const when = describeWhen(callable, 'Calling Hours');
	return item(
		counting,
		{
			status: 'held',
			callPlaced: 'no',
			callable,
			message:
				decision.rule === 'inProgress'
					? `Not called now: a call to ${call.phoneNumber} is still in progress (${describeAttempt(decision.by)}) (Contact Policy: Redial Until Reached). ${when}`
					: `Not called now: the last of ${counted} to ${call.phoneNumber} was less than ${gap} ago (Contact Policy: Hours Between Attempts). ${when}`,
		},
		{ heldBy: 'contactPolicy', earlierAttempts },
	);
}

/** Nobody is called blindly: without eigi's call history the check the user asked for cannot run. */
export function historyUnknownItem(call: PreparedCall, reason: string): INodeExecutionData {
	return errorItem(
		call.itemIndex,
		call,
		{
			status: 'notAttempted',
			callPlaced: 'no',
			message: `Not called: eigi's call history could not be read (${reason}), so the Contact Policy cannot be checked. No call was placed; it is safe to run this item again.`,
		},
		{ safeToRetry: true },
	);
}

const clock = (minutes: number) =>
	`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Why a number may not be called at some moment under Calling Hours, and from when it may. */
export interface TimeHold {
	/** The callee's zones; empty when unknown. */
	zones: string[];
	localTimes: ZoneTime[];
	/** Whether the window of Calling Hours (its From, Until and Days) holds it. */
	windowHolds: boolean;
	/** The rules of the callee's place (a Calling Hours preset) that hold it. */
	rules: CallingRule[];
	callable: CallableAt | null;
}

/** A rule as an item shows it: enough to find and read it. */
export function ruleFields(rule: CallingRule): IDataObject {
	return {
		id: rule.id,
		title: rule.title,
		citation: rule.source.citation,
		url: rule.source.url,
		checked: rule.checked,
	};
}

const ruleNames = (rules: CallingRule[]) =>
	rules.map((rule) => `${rule.title} (${rule.source.citation})`).join('; ');

function describeWhen(callable: CallableAt | null, what: string): string {
	return callable
		? `It may be called from ${describeCallable(callable)}.`
		: `${what} give no time within two weeks at which it may be called.`;
}

/**
 * A number outside Calling Hours in its callee's local time (the window, or a preset's rules of
 * the callee's place): not called, safe to run again, with the moment it may be called
 * (`callableFrom`, UTC, and `callableFromLocal`) for a Wait node, and the rules that hold it.
 */
export function heldItem(
	call: PreparedCall,
	window: CallingWindow | undefined,
	hold: TimeHold,
): INodeExecutionData {
	const hours = window ? `${clock(window.startMinutes)}–${clock(window.endMinutes)}` : '';
	const rules = hold.rules.map(ruleFields);
	if (!hold.zones.length) {
		return item(
			call,
			{
				status: 'held',
				callPlaced: 'no',
				message: `Not called: the time zone of ${call.phoneNumber} is unknown, so Calling Hours${hours ? ` (${hours})` : ''} cannot be checked. Give it with the option Callee Time Zone, or set "If the Time Zone Is Unknown" to call anyway.`,
			},
			{ heldBy: 'callingHours', rules, calleeTimeZones: [], calleeLocalTimes: [] },
		);
	}
	const local = hold.localTimes.map(
		({ zone, localTime }) => `${localTime.slice(11, 16)} in ${zone}`,
	);
	const why = [
		hold.windowHolds && `outside the calling hours ${hours}`,
		hold.rules.length &&
			`which ${ruleNames(hold.rules)} ${hold.rules.length > 1 ? 'do' : 'does'} not allow`,
	]
		.filter(Boolean)
		.join(', and ');
	return item(
		call,
		{
			status: 'held',
			callPlaced: 'no',
			callable: hold.callable,
			message: `Not called now: it is ${local.join(' and ')} for ${call.phoneNumber}, ${why}. ${hold.rules.length ? describeWhen(hold.callable, 'Calling Hours') : windowOpens(hold)}`,
		},
		{
			heldBy: hold.rules.length ? 'callingRules' : 'callingHours',
			rules,
			calleeTimeZones: hold.zones,
			calleeLocalTimes: hold.localTimes.map((entry) => ({ ...entry })),
		},
	);
}

/** When the window of Calling Hours opens, in the callee's time, as a held item always said it. */
function windowOpens(hold: TimeHold): string {
	return hold.callable
		? `They open at ${isoInZone(hold.callable.zone ?? hold.zones[0], hold.callable.atMs)}.`
		: 'They do not open within two weeks.';
}

/** What a call limit found for one number: the limits that hold it, and the calls they counted. */
export interface LimitHold {
	rules: CallingRule[];
	/** The calls to the number the limits counted, oldest first. */
	counted: Attempt[];
	/** One line per limit: "3 calls within 24 hours", "a conversation on ...". */
	reasons: string[];
	callable: CallableAt | null;
}

/**
 * A number a call limit holds (Call Limits: how often a person may be called, by any agent or
 * campaign): not called, safe to run again, with the moment every limit and Calling Hours allow.
 */
export function limitHeldItem(call: PreparedCall, hold: LimitHold): INodeExecutionData {
	return item(
		{ ...call, previousAttempts: call.previousAttempts ?? hold.counted.length },
		{
			status: 'held',
			callPlaced: 'no',
			callable: hold.callable,
			message: `Not called now: ${hold.reasons.join('; ')} (Call Limits: ${ruleNames(hold.rules)}). ${describeWhen(hold.callable, 'Call Limits and Calling Hours')}`,
		},
		{
			heldBy: 'callLimits',
			rules: hold.rules.map(ruleFields),
			countedCalls: hold.counted.map(attemptFields),
		},
	);
}

/**
 * The person asked not to be called (the Opted Out field of this item, or of the run's item
 * `saidBy` with the same number): never sent, in any mode.
 */
export function optedOutItem(
	call: Partial<PreparedCall>,
	itemIndex: number,
	sameNumber?: { saidBy: number; itemCount: number },
): INodeExecutionData {
	const which = sameNumber
		? `${itemLabel(sameNumber.saidBy, sameNumber.itemCount)}, with the same number, has Opted Out true`
		: 'the Opted Out field is true for this item';
	return {
		json: shape(call, {
			status: 'optedOut',
			callPlaced: 'no',
			message: `Not called: ${call.phoneNumber ?? 'this contact'} opted out of calls (${which}). Do not call this person.`,
		}),
		pairedItem: { item: itemIndex },
	};
}

/** Dry run: what this item would send, and in which request, with nothing sent. */
export function dryRunItem(call: PreparedCall, batchNumber: number): INodeExecutionData {
	return item(
		call,
		{
			status: 'dryRun',
			callPlaced: 'no',
			message: `Dry run: would be called in request ${batchNumber} (nothing was sent)`,
		},
		{
			batch: batchNumber,
			// The request as eigi would get it, with this call alone in `params`.
			request: requestBody({
				agentId: call.agentId,
				telephonyProvider: call.telephonyProvider,
				calls: [call],
			}),
		},
	);
}
