import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	ResourceMapperValue,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	metadataFromAgentVariables,
	metadataFromFields,
	metadataFromItem,
	metadataFromJson,
	type MetadataResult,
} from '../../helpers/metadata';
import { isKnownTimeZone, parseClockTime, type CallingWindow } from '../../helpers/callingHours';
import { REFERENCE_KEY } from '../../helpers/campaignKeys';
import type { RedialPolicy } from '../../helpers/contactPolicy';
import {
	isSupportedCountry,
	normalizeCountryCode,
	normalizePhoneNumber,
} from '../../helpers/phoneNumber';
import {
	TELEPHONY_PROVIDERS,
	type PreparedCall,
	type TelephonyProvider,
} from '../../helpers/types';
import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE } from './initiate.description';
import { itemParameter } from './itemParameter';

export interface CallOptions {
	/** undefined: any time. */
	callingWindow?: CallingWindow;
	/** Whether a number whose time zone is unknown is called anyway. */
	callUnknownTimeZones: boolean;
	dryRun: boolean;
	metadataMode: string;
	batchSize: number;
	skipRepeatedNumbers: boolean;
	contactPolicy: ContactPolicy;
	timeoutMs: number;
}

/** What eigi's call history decides before a number is called (parameter Contact Policy). */
export type ContactPolicy =
	| { mode: 'none' }
	| { mode: 'skipRecent'; windowHours: number }
	| { mode: 'redial'; policy: RedialPolicy };

/** Why one item cannot be called, in words that name the value and say what to do. */
export interface ItemProblem {
	itemIndex: number;
	reason: string;
	/** What was read before the problem, echoed in the error item so the user can find the row. */
	context: IDataObject;
}

export type ReadResult = { call: PreparedCall } | { problem: ItemProblem };

function readMetadata(
	context: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
): MetadataResult {
	const mode = itemParameter(context, 'metadataMode', itemIndex, 'none') as string;
	switch (mode) {
		case 'fields': {
			const fields = itemParameter(context, 'metadataFields.field', itemIndex, []) as Array<{
				name?: unknown;
				value?: unknown;
			}>;
			return metadataFromFields(fields);
		}
		case 'json':
			return metadataFromJson(itemParameter(context, 'metadataJson', itemIndex, '{}'));
		case 'allFields':
			return metadataFromItem(item.json);
		case 'agentVariables': {
			const mapped = itemParameter(
				context,
				'metadataVariables',
				itemIndex,
				null,
			) as ResourceMapperValue | null;
			const required = (mapped?.schema ?? [])
				.filter((field) => field.required && !field.removed)
				.map((field) => field.id);
			return metadataFromAgentVariables(mapped?.value as IDataObject | null, required);
		}
		default:
			return { valid: true };
	}
}

function describeValue(value: unknown): string {
	if (typeof value === 'string') return `"${value}"`;
	if (value === undefined) return '(nothing)';
	return JSON.stringify(value) ?? String(value);
}

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

/** The calling window the node's Calling Hours settings describe; undefined for any time. */
function readCallingWindow(context: IExecuteFunctions): CallingWindow | undefined {
	const mode = context.getNodeParameter('callingHours', 0, 'calleeDaytime') as string;
	if (mode === 'anyTime') return undefined;
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

const HOUR_MS = 3_600_000;

/** A whole number from a policy field, or a stop that names the field and what it takes. */
function policyNumber(
	context: IExecuteFunctions,
	label: string,
	value: unknown,
	min: number,
	max: number,
): number {
	const number = Number(value);
	if (!Number.isFinite(number) || number < min || number > max) {
		throw new NodeOperationError(
			context.getNode(),
			`Contact Policy: "${label}" is ${describeValue(value)}: give a number from ${min} to ${max}`,
		);
	}
	return number;
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
	const gapMinutes = context.getNodeParameter('minMinutesBetweenAttempts', 0, 120);
	const lookBackHours = redialOptions.lookBackHours ?? 168;
	const minTalkSeconds = redialOptions.minTalkSeconds ?? 0;
	return {
		mode,
		policy: {
			maxAttempts: Math.floor(policyNumber(context, 'Max Attempts', maxAttempts, 1, 100)),
			minGapMs: policyNumber(context, 'Minutes Between Attempts', gapMinutes, 0, 129600) * 60_000,
			reachedWhen:
				context.getNodeParameter('reachedWhen', 0, 'completed') === 'customerSpoke'
					? 'customerSpoke'
					: 'completed',
			minTalkSeconds: policyNumber(context, 'Minimum Talk Time (Seconds)', minTalkSeconds, 0, 3600),
			countCallsOf: redialOptions.countCallsOf === 'any' ? 'any' : 'agent',
			windowMs: policyNumber(context, 'Look Back (Hours)', lookBackHours, 0.01, 2160) * HOUR_MS,
			sendAttemptNumber: redialOptions.sendAttemptNumber !== false,
		},
	};
}

/** The options that shape the whole run, read once from the first item. */
export function readCallOptions(context: IExecuteFunctions): CallOptions {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = Number(options.batchSize ?? DEFAULT_BATCH_SIZE);
	return {
		callingWindow: readCallingWindow(context),
		callUnknownTimeZones: options.unknownTimeZone === 'call',
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

/**
 * Reads and checks everything one item needs for a call, without sending anything: the agent,
 * the number (normalised to E.164), the provider and the metadata.
 */
export function readCallRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
): ReadResult {
	const where: IDataObject = {};
	const problem = (reason: string): ReadResult => ({
		problem: { itemIndex, reason, context: { ...where } },
	});
	try {
		const agentId = String(
			itemParameter(context, 'agentId', itemIndex, '', { extractValue: true }) ?? '',
		).trim();
		where.agentId = agentId;
		if (!agentId) return problem('no agent is chosen: pick one in the Agent field');

		const telephonyProvider = String(
			itemParameter(context, 'telephonyProvider', itemIndex, 'PLIVO'),
		)
			.trim()
			.toUpperCase();
		if (!TELEPHONY_PROVIDERS.includes(telephonyProvider as TelephonyProvider)) {
			return problem(
				`telephony provider "${telephonyProvider}" is not one eigi supports: use PLIVO or TWILIO`,
			);
		}
		where.telephonyProvider = telephonyProvider;

		const options = itemParameter(context, 'options', itemIndex, {}) as IDataObject;
		const defaultCountry = normalizeCountryCode(options.defaultCountry);
		if (options.defaultCountry && (!defaultCountry || !isSupportedCountry(defaultCountry))) {
			return problem(
				`Default Country ${describeValue(options.defaultCountry)} is not a known ISO country code: use a two-letter code such as US, GB or IN`,
			);
		}

		const phoneNumberInput = itemParameter(context, 'phoneNumber', itemIndex, '') as unknown;
		where.phoneNumberInput = phoneNumberInput as IDataObject[string];
		const phone = normalizePhoneNumber(phoneNumberInput, defaultCountry);
		if (!phone.valid)
			return problem(`phone number ${describeValue(phoneNumberInput)} ${phone.reason}`);
		where.phoneNumber = phone.e164;

		const timeZone =
			typeof options.calleeTimeZone === 'string' ? options.calleeTimeZone.trim() : '';
		if (timeZone && !isKnownTimeZone(timeZone)) {
			return problem(
				`Callee Time Zone "${timeZone}" is not a time zone: use an IANA name such as America/New_York or Asia/Kolkata`,
			);
		}

		const referenceInput = itemParameter(context, 'reference', itemIndex, '') as unknown;
		if (
			referenceInput !== null &&
			!['string', 'number', 'undefined'].includes(typeof referenceInput)
		) {
			return problem(
				`Reference is ${describeValue(referenceInput)}: give text or a number, such as {{ $json.invoice_number }}`,
			);
		}
		const reference = String(referenceInput ?? '').trim();
		if (reference) where.reference = reference;

		const metadata = readMetadata(context, itemIndex, item);
		if (!metadata.valid) return problem(metadata.reason);
		const sentMetadata = reference
			? { ...(metadata.metadata ?? {}), [REFERENCE_KEY]: reference }
			: metadata.metadata;

		return {
			call: {
				itemIndex,
				agentId,
				telephonyProvider: telephonyProvider as TelephonyProvider,
				phoneNumber: phone.e164,
				phoneNumberInput,
				metadata: sentMetadata,
				...(defaultCountry ? { defaultCountry } : {}),
				...(timeZone ? { timeZone } : {}),
				...(reference ? { reference } : {}),
			},
		};
	} catch (error) {
		// An expression that fails for this item only (a missing field, a typo) fails this item only.
		return problem((error as Error).message);
	}
}
