import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	ResourceMapperValue,
} from 'n8n-workflow';

import {
	metadataFromAgentVariables,
	metadataFromFields,
	metadataFromItem,
	metadataFromJson,
	type MetadataResult,
} from '../../../helpers/metadata';
import { isKnownTimeZone } from '../../../helpers/callingHours';
import { REFERENCE_KEY } from '../../../helpers/campaignKeys';
import {
	isSupportedCountry,
	normalizeCountryCode,
	normalizePhoneNumber,
} from '../../../helpers/phoneNumber';
import {
	TELEPHONY_PROVIDERS,
	type PreparedCall,
	type TelephonyProvider,
} from '../../../helpers/types';
import { describeValue } from './describeValue';
import { itemParameter } from './itemParameter';

/** Why one item cannot be called, in words that name the value and say what to do. */
export interface ItemProblem {
	itemIndex: number;
	reason: string;
	/** What was read before the problem, echoed in the error item so the user can find the row. */
	context: IDataObject;
}

export type ReadResult =
	| { call: PreparedCall }
	| { problem: ItemProblem }
	/** The person asked not to be called: what could be read of the item, for its output. */
	| { optedOut: Partial<PreparedCall> & { itemIndex: number } };

/** What an item gives for a call, whatever its Opted Out says. */
type CallableRead = Exclude<ReadResult, { optedOut: unknown }>;

const OPTED_OUT = ['true', 'yes', 'y', '1', 'x', 'opted out', 'optedout', 'opt out', 'optout'];
const NOT_OPTED_OUT = ['false', 'no', 'n', '0', ''];

/**
 * The item's Opted Out field: true, false, or undefined for a value that says neither (which
 * fails the item: a value nobody can read must not decide that a person is called).
 */
function optedOutValue(value: unknown): boolean | undefined {
	if (value === null || value === undefined) return false;
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim().toLowerCase();
	if (OPTED_OUT.includes(text)) return true;
	return NOT_OPTED_OUT.includes(text) ? false : undefined;
}

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

/**
 * Reads and checks everything one item needs for a call, without sending anything: whether the
 * person opted out (then nothing else matters: the item is never sent, whatever else it holds),
 * the agent, the number (normalised to E.164), the provider and the metadata.
 */
export function readCallRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
): ReadResult {
	let optedOut: unknown;
	try {
		optedOut = itemParameter(context, 'optedOut', itemIndex, false);
	} catch (error) {
		return {
			problem: {
				itemIndex,
				reason: `Opted Out could not be read (${(error as Error).message}), so the item is not called`,
				context: {},
			},
		};
	}
	const isOptedOut = optedOutValue(optedOut);
	const read = readCallable(context, itemIndex, item);
	if (isOptedOut === true) {
		return {
			optedOut: 'call' in read ? read.call : { ...read.problem.context, itemIndex },
		};
	}
	if (isOptedOut === undefined && !('problem' in read)) {
		return {
			problem: {
				itemIndex,
				reason: `Opted Out is ${describeValue(optedOut)}, which says neither yes nor no, so the item is not called: map a column that holds true or false, such as {{ $json.opted_out }}`,
				context: { ...read.call } as unknown as IDataObject,
			},
		};
	}
	return read;
}

function readCallable(
	context: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
): CallableRead {
	const where: IDataObject = {};
	const problem = (reason: string): CallableRead => ({
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
				...(phone.country ? { country: phone.country } : {}),
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
