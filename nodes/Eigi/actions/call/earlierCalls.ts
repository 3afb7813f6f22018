import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { phoneDigits } from '../../helpers/phoneNumber';
import { eigiApiError, eigiRequest, isSuccess, transportApiError } from '../../transport';
import { MAX_PAGE_SIZE, readPage } from '../../transport/pagination';

/**
 * Calls placed before this run (by other executions, other workflows, other n8n instances or the
 * eigi dashboard), read from eigi's own conversation history: `GET /v1/public/conversations`,
 * outbound calls from the start of the window on, 100 a page. The cost does not grow with the
 * number of items: one request per 100 outbound calls the account made in the window.
 */

export const CONVERSATIONS_ENDPOINT = '/v1/public/conversations';

export interface EarlierCall {
	conversationId: string | null;
	status: string | null;
	createdAt: string | null;
}

export type EarlierCallsResult =
	| { ok: true; byDigits: Map<string, EarlierCall>; requests: number }
	| { ok: false; error: Error; requests: number };

function text(value: unknown): string | null {
	return typeof value === 'string' && value.trim() ? value : null;
}

function isOutbound(conversation: IDataObject, metadata: IDataObject): boolean {
	const callingType = text(metadata.calling_type) ?? text(conversation.calling_type);
	// The list is asked for outbound calls only; an entry that says otherwise is not one.
	return callingType === null || callingType.toUpperCase() === 'OUTBOUND';
}

/** Newest call per number (digits only: eigi's list may print numbers without their +). */
function addCalls(
	rows: IDataObject[],
	sinceMs: number,
	wanted: Set<string>,
	found: Map<string, EarlierCall>,
): void {
	for (const conversation of rows) {
		const metadata = (conversation.conversation_metadata ?? {}) as IDataObject;
		const number = text(metadata.to_mobile_number) ?? text(conversation.to_mobile_number);
		if (!number || !isOutbound(conversation, metadata)) continue;
		const digits = phoneDigits(number);
		if (!wanted.has(digits)) continue;
		const createdAt = text(conversation.created_at);
		const createdMs = createdAt ? Date.parse(createdAt) : NaN;
		// A date outside the window (eigi's from_date ignored) does not count; a missing one does.
		if (Number.isFinite(createdMs) && createdMs < sinceMs) continue;
		const earlier = found.get(digits);
		if (earlier?.createdAt && createdAt && Date.parse(earlier.createdAt) >= createdMs) continue;
		found.set(digits, {
			conversationId: text(conversation.conversation_id),
			status: text(conversation.conversation_status),
			createdAt,
		});
	}
}

/**
 * Which of `phoneNumbers` eigi called within the last `windowHours`, by number. Reads go through
 * the transport's 429 handling and read retries; any failure means the history is unknown.
 */
export async function findEarlierCalls(
	context: IExecuteFunctions,
	phoneNumbers: string[],
	windowHours: number,
	nowMs: number,
): Promise<EarlierCallsResult> {
	const wanted = new Set(phoneNumbers.map(phoneDigits));
	const found = new Map<string, EarlierCall>();
	const sinceMs = nowMs - windowHours * 3_600_000;
	const qs: IDataObject = {
		calling_type: 'OUTBOUND',
		from_date: new Date(sinceMs).toISOString(),
		page_size: MAX_PAGE_SIZE,
	};
	let requests = 0;
	for (let page = 1; wanted.size > 0; page++) {
		requests++;
		const { response, failure } = await eigiRequest(context, {
			method: 'GET',
			endpoint: CONVERSATIONS_ENDPOINT,
			qs: { ...qs, page },
		});
		if (failure) return { ok: false, error: transportApiError(context, failure), requests };
		if (!isSuccess(response))
			return { ok: false, error: eigiApiError(context, response), requests };
		const { rows, totalPages } = readPage(response.body, 'data');
		addCalls(rows, sinceMs, wanted, found);
		const lastPage = totalPages === undefined ? rows.length < MAX_PAGE_SIZE : page >= totalPages;
		if (lastPage || rows.length === 0) break;
	}
	return { ok: true, byDigits: found, requests };
}
