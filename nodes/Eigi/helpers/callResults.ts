import { phoneDigits } from './phoneNumber';
import type { CallOutcome, PreparedCall } from './types';

type Entry = Record<string, unknown>;

// eigi documents only a request-level answer, yet tells users to "check individual status in the
// results array": `results` is read first; the other keys are where such a list could plausibly sit.
const RESULT_LIST_KEYS = ['results', 'calls', 'data', 'conversations', 'items', 'details'];
const FAILED_STATUSES = new Set([
	'failed',
	'failure',
	'error',
	'rejected',
	'invalid',
	'not_initiated',
]);

function isEntry(value: unknown): value is Entry {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function findResultList(body: Entry): Entry[] | undefined {
	for (const key of RESULT_LIST_KEYS) {
		const value = body[key];
		if (Array.isArray(value) && value.every(isEntry)) return value;
		if (isEntry(value)) {
			const nested = findResultList(value);
			if (nested) return nested;
		}
	}
	return undefined;
}

/** A field's text. eigi's backend (FastAPI) sends every field, null where unset: null says nothing. */
function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() ? value : undefined;
}

function numberOf(entry: Entry): string | undefined {
	const echoed =
		text(entry.mobile_number) ?? text(entry.phone_number) ?? text(entry.to_mobile_number);
	return echoed && phoneDigits(echoed) ? phoneDigits(echoed) : undefined;
}

/**
 * Whether eigi says it did not place this call. An explicit status decides; without one, a
 * non-null error does. A failed call is one eigi says it did not place, so a doubt counts as placed.
 */
function isFailedEntry(entry: Entry): boolean {
	if (entry.success === false) return true;
	const status = text(entry.status)?.toLowerCase();
	if (status !== undefined) return FAILED_STATUSES.has(status);
	return entry.error !== undefined && entry.error !== null && entry.error !== '';
}

function entryMessage(entry: Entry, fallback: string): string {
	const error = entry.error;
	if (isEntry(error)) return text(error.message) ?? JSON.stringify(error);
	return text(error) ?? text(entry.message) ?? text(entry.detail) ?? text(entry.reason) ?? fallback;
}

function outcomeOfEntry(entry: Entry): CallOutcome {
	if (isFailedEntry(entry)) {
		return {
			status: 'failed',
			placed: 'no',
			message: `eigi did not place this call: ${entryMessage(entry, 'no reason given')}`,
			eigiResponse: entry,
		};
	}
	return {
		status: 'initiated',
		conversationId: text(entry.conversation_id) ?? text(entry.conversationId),
		message: text(entry.message) ?? 'Call initiated',
		eigiResponse: entry,
	};
}

/** A 2xx whose body is not eigi's JSON (a proxy's HTML page, a cut or empty answer). */
function unreadableOutcome(body: unknown): CallOutcome {
	return {
		status: 'uncertain',
		placed: 'maybe',
		message:
			"eigi answered with success but without a readable result. The call may have been placed: check eigi's call history before running this item again.",
		eigiResponse: body,
	};
}

/**
 * Turns eigi's answer to one successful (2xx) outbound request into one outcome per call, in the
 * batch's order. Per-number results are matched by number, compared by digits whatever form eigi
 * echoes (then by position, when no entry names a number); without them, every call of the batch
 * carries the request-level status and message. A call without an entry of its own keeps what the
 * request as a whole says: it is never reported as not placed on a guess.
 */
export function outcomesFromResponse(calls: PreparedCall[], body: unknown): CallOutcome[] {
	if (!isEntry(body)) return calls.map(() => unreadableOutcome(body));
	const list = findResultList(body);
	const requestMessage = text(body.message) ?? 'Outbound calls initiated';
	const requestStatus = text(body.status)?.toLowerCase();

	if (!list) {
		if (requestStatus && FAILED_STATUSES.has(requestStatus)) {
			return calls.map(() => ({
				status: 'failed',
				placed: 'no',
				message: `eigi answered that the calls were not initiated: ${requestMessage}`,
				eigiResponse: body,
			}));
		}
		return calls.map(() => ({ status: 'initiated', message: requestMessage, eigiResponse: body }));
	}

	const unused = new Set(list.keys());
	const byNumber = (phoneNumber: string) => {
		const digits = phoneDigits(phoneNumber);
		for (const index of unused) {
			if (numberOf(list[index]) === digits) {
				unused.delete(index);
				return list[index];
			}
		}
		return undefined;
	};
	const matched = calls.map((call) => byNumber(call.phoneNumber));
	// Entries without numbers can only be matched by position, and only when the counts agree.
	const positional =
		list.length === calls.length && list.every((entry) => numberOf(entry) === undefined);

	return calls.map((_call, index) => {
		const entry = matched[index] ?? (positional ? list[index] : undefined);
		if (entry) return outcomeOfEntry(entry);
		return {
			status: 'initiated',
			message: `${requestMessage} (eigi returned no result of its own for this number)`,
			eigiResponse: body,
		};
	});
}
