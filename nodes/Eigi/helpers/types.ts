import type { IDataObject } from 'n8n-workflow';

export const TELEPHONY_PROVIDERS = ['PLIVO', 'TWILIO'] as const;
export type TelephonyProvider = (typeof TELEPHONY_PROVIDERS)[number];

/** One input item, checked and ready to send: the number is E.164, the metadata a plain object. */
export interface PreparedCall {
	itemIndex: number;
	agentId: string;
	telephonyProvider: TelephonyProvider;
	phoneNumber: string;
	phoneNumberInput: unknown;
	metadata?: IDataObject;
	/** The number's country (ISO code, from libphonenumber), when it has one. */
	country?: string;
	/** The Default Country the item's numbers are read with. */
	defaultCountry?: string;
	/** The callee's time zone as the item gives it (option Callee Time Zone), overriding the number's. */
	timeZone?: string;
	/** The item's Reference (its row's key), also sent in the metadata. */
	reference?: string;
	/**
	 * How many earlier calls to this number the Contact Policy counted (this call, if placed, is
	 * attempt previousAttempts + 1); undefined when no Contact Policy looked at the number.
	 */
	previousAttempts?: number;
}

/**
 * What happened to one call. `placed` answers the question that matters before running again:
 * yes (eigi accepted it), no (surely not placed: safe to run again), maybe (do not retry blindly).
 */
export type CallOutcome =
	| {
			status: 'initiated';
			conversationId?: string;
			message: string;
			eigiResponse?: unknown;
	  }
	| {
			status: 'failed' | 'uncertain' | 'notAttempted';
			placed: 'no' | 'maybe';
			message: string;
			httpCode?: number;
			eigiResponse?: unknown;
	  };
