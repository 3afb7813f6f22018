import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseClockTime, type CallingWindow } from '../../../helpers/callingHours';
import {
	CALL_LIMIT_PRESETS,
	CALLING_HOURS_PRESETS,
	type CallingRule,
} from '../../../helpers/callingRules';
import type { ContactPolicy } from '../../../helpers/contactPolicy';
import { describeHours, HOUR_MS } from '../../../helpers/durations';
import type { TimeRules } from './callingHoursGate';
import { describeValue } from './describeValue';
import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE } from './initiate.description';

/**
 * The settings that shape the whole run, read and checked once (from the first item): a wrong
 * one stops the node before anyone is called. What each item brings is readCallRequest.ts's job.
 */

export interface CallOptions {
	/** Calling Hours: the window, a preset's rules of the callee's place, unknown zones. */
	timeRules: TimeRules;
	/** Call Limits: how often one person may be called (a preset's rules, or the user's own). */
	callLimits: CallingRule[];
	dryRun: boolean;
	metadataMode: string;
	batchSize: number;
	skipRepeatedNumbers: boolean;
	contactPolicy: ContactPolicy;
	timeoutMs: number;
}

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

/** The calling window the node's Calling Hours settings describe; undefined for any time. */
function readCallingWindow(context: IExecuteFunctions): CallingWindow | undefined {
	const mode = context.getNodeParameter('callingHours', 0, 'calleeDaytime') as string;
	if (mode === 'anyTime') return undefined;
	// The presets too: 08:00-21:00 is the federal window, and the one numbers outside the US get.
	if (mode !== 'custom') return { startMinutes: 8 * 60, endMinutes: 21 * 60, weekdays: EVERY_DAY };
	const start = context.getNodeParameter('callingHoursStart', 0, '08:00');
	const end = context.getNodeParameter('callingHoursEnd', 0, '21:00');
	const startMinutes = parseClockTime(start);
	const endMinutes = parseClockTime(end);
	for (const [label, text, minutes] of [
		['From', start, startMinutes],
		['Until', end, endMinutes],
	] as const) {
		if (minutes === undefined)
			throw new NodeOperationError(
				context.getNode(),
				`Calling hours "${label}" is "${String(text)}": write a time such as 08:00 or 21:30`,
			);
	}
	const days = (
		context.getNodeParameter('callingDays', 0, EVERY_DAY) as Array<number | string>
	).map(Number);
	if (!days.length)
		throw new NodeOperationError(
			context.getNode(),
			'Calling hours allow no day: choose at least one',
		);
	return { startMinutes: startMinutes!, endMinutes: endMinutes!, weekdays: days };
}

/** A number from a setting, or a stop that names the setting and what it takes. */
function settingNumber(
	context: IExecuteFunctions,
	setting: string,
	value: unknown,
	min: number,
	max: number,
): number {
	const number = Number(value);
	if (!Number.isFinite(number) || number < min || number > max) {
		throw new NodeOperationError(
			context.getNode(),
			`${setting} is ${describeValue(value)}: give a number from ${min} to ${max}`,
		);
	}
	return number;
}

const policyNumber = (
	context: IExecuteFunctions,
	label: string,
	value: unknown,
	min: number,
	max: number,
) => settingNumber(context, `Contact Policy: "${label}"`, value, min, max);

const limitNumber = (
	context: IExecuteFunctions,
	label: string,
	value: unknown,
	min: number,
	max: number,
) => settingNumber(context, `Call Limits: "${label}"`, value, min, max);

/** A Calling Hours preset's rules of the callee's place; none for the other choices. */
function readPlaceRules(context: IExecuteFunctions): CallingRule[] {
	const mode = context.getNodeParameter('callingHours', 0, 'calleeDaytime') as string;
	return CALLING_HOURS_PRESETS[mode]?.rules ?? [];
}

/** A limit the user set (Call Limits: Custom), as a rule that applies everywhere. */
function customLimit(id: string, title: string, limit: Partial<CallingRule>): CallingRule {
	return {
		id,
		title,
		regions: ['*'],
		kinds: [],
		...limit,
		source: { citation: "this node's Call Limits setting", url: '', quote: '' },
		checked: '',
	};
}

/** The Call Limits: a preset's rules, or the user's own; checked once for the run. */
function readCallLimits(context: IExecuteFunctions): CallingRule[] {
	const mode = context.getNodeParameter('callLimits', 0, 'none') as string;
	if (mode !== 'custom') return CALL_LIMIT_PRESETS[mode]?.rules ?? [];
	const limits: CallingRule[] = [];
	const calls = Math.floor(
		limitNumber(context, 'Max Calls', context.getNodeParameter('maxCalls', 0, 3), 0, 1000),
	);
	if (calls > 0) {
		const hours = limitNumber(
			context,
			'Max Calls Window (Hours)',
			context.getNodeParameter('maxCallsWindowHours', 0, 24),
			0.01,
			2160,
		);
		limits.push(
			customLimit('custom-cap', `At most ${calls} calls within ${describeHours(hours)}`, {
				cap: { calls, withinHours: hours, perSubject: false },
			}),
		);
	}
	const pauseHours = limitNumber(
		context,
		'Pause After Conversation (Hours)',
		context.getNodeParameter('pauseAfterConversationHours', 0, 0),
		0,
		2160,
	);
	if (pauseHours > 0) {
		limits.push(
			customLimit(
				'custom-after-conversation',
				`No call within ${describeHours(pauseHours)} after a conversation`,
				{ noCallDaysAfterConversation: pauseHours / 24 },
			),
		);
	}
	return limits;
}

/** The Contact Policy parameters, checked once for the run. */
function readContactPolicy(context: IExecuteFunctions): ContactPolicy {
	const mode = context.getNodeParameter('contactPolicy', 0, 'none') as string;
	if (mode === 'skipRecent') {
		const hours = context.getNodeParameter('skipCalledWithinHours', 0, 24);
		return {
			mode,
			windowHours: policyNumber(context, 'Called in the Last (Hours)', hours, 0.01, 2160),
		};
	}
	if (mode !== 'redial') return { mode: 'none' };
	const maxAttempts = context.getNodeParameter('maxAttempts', 0, 3);
	const redialOptions = context.getNodeParameter('redialOptions', 0, {}) as IDataObject;
	const gapHours = context.getNodeParameter('hoursBetweenAttempts', 0, 2);
	const lookBackHours = redialOptions.lookBackHours ?? 168;
	const minTalkSeconds = redialOptions.minTalkSeconds ?? 0;
	return {
		mode,
		maxAttempts: Math.floor(policyNumber(context, 'Max Attempts', maxAttempts, 1, 100)),
		minGapMs: policyNumber(context, 'Hours Between Attempts', gapHours, 0, 2160) * HOUR_MS,
		reachedWhen:
			context.getNodeParameter('reachedWhen', 0, 'completed') === 'customerSpoke'
				? 'customerSpoke'
				: 'completed',
		minTalkSeconds: policyNumber(context, 'Minimum Talk Time (Seconds)', minTalkSeconds, 0, 3600),
		countCallsOf: redialOptions.countCallsOf === 'any' ? 'any' : 'agent',
		windowMs: policyNumber(context, 'Look Back (Hours)', lookBackHours, 0.01, 2160) * HOUR_MS,
		sendAttemptNumber: redialOptions.sendAttemptNumber !== false,
	};
}

/** The options that shape the whole run, read once from the first item. */
export function readCallOptions(context: IExecuteFunctions): CallOptions {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = Number(options.batchSize ?? DEFAULT_BATCH_SIZE);
	return {
		timeRules: {
			window: readCallingWindow(context),
			placeRules: readPlaceRules(context),
			callUnknownTimeZones: options.unknownTimeZone === 'call',
		},
		callLimits: readCallLimits(context),
		dryRun: options.dryRun === true,
		metadataMode: context.getNodeParameter('metadataMode', 0, 'none') as string,
		batchSize: Number.isFinite(batchSize)
			? Math.min(MAX_BATCH_SIZE, Math.max(1, Math.floor(batchSize)))
			: DEFAULT_BATCH_SIZE,
		skipRepeatedNumbers: options.skipRepeatedNumbers !== false,
		contactPolicy: readContactPolicy(context),
		timeoutMs: Math.max(5, Number(options.timeout ?? 60)) * 1000,
	};
}
