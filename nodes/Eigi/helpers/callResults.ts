import type { CallOutcome, PreparedCall } from './types';

type Entry = Record<string, unknown>;

// eigi documents only a request-level answer, yet says each number has its own result: wherever a
// per-number list turns up, it is read; these are the keys it could plausibly sit under.
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

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() ? value : undefined;
}

function numberOf(entry: Entry): string | undefined {
	return text(entry.mobile_number) ?? text(entry.phone_number) ?? text(entry.to_mobile_number);
}

function isFailedEntry(entry: Entry): boolean {
	const status = text(entry.status)?.toLowerCase();
	return (
		entry.success === false ||
		(status !== undefined && FAILED_STATUSES.has(status)) ||
		'error' in entry
	);
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
		message: entryMessage(entry, 'Call initiated'),
		eigiResponse: entry,
	};
}

/**
 * Turns eigi's answer to one successful (2xx) outbound request into one outcome per call, in the
 * batch's order. Per-number results are matched by number (then by position); without them, every
 * call of the batch carries the request-level status and message.
 */
export function outcomesFromResponse(calls: PreparedCall[], body: unknown): CallOutcome[] {
	const response = isEntry(body) ? body : {};
	const list = findResultList(response);
	const requestMessage = text(response.message) ?? 'Outbound calls initiated';
	const requestStatus = text(response.status)?.toLowerCase();

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
	const byNumber = (number: string) => {
		for (const index of unused) {
			if (numberOf(list[index]) === number) {
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
