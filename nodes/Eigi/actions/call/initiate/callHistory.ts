import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Attempt } from '../../../helpers/contactPolicy';
import { phoneDigits } from '../../../helpers/phoneNumber';
import {
	eigiApiError,
	eigiRequest,
	isSuccess,
	transportApiError,
	type EigiOutcome,
	type EigiRequest,
	type EigiResponse,
} from '../../../transport';
import { CONVERSATIONS_ENDPOINT } from '../../../transport/endpoints';
import { MAX_PAGE_SIZE, readPage } from '../../../transport/pagination';

/**
 * Calls placed before this run (by other executions, other workflows, other n8n instances or the
 * eigi dashboard), read from eigi's own conversation history: `GET /v1/public/conversations`,
 * outbound calls from the start of the window on, 100 a page, newest first.
 *
 * Two ways to read it, chosen by cost:
 * - page through the whole window: one request per 100 outbound calls the account made in it,
 *   whatever the number of items;
 * - search each number (`search=<digits>`): one request per number, for a few numbers in a long
 *   history (a single-lead run). eigi does not document that its search matches numbers, so it is
 *   used only after it found a call that the window's first page shows: a search that misses a
 *   call would call someone again.
 * Any failure means the history is unknown: the caller then calls nobody.
 */

export interface HistoryQuery {
	phoneNumbers: string[];
	sinceMs: number;
	/** Only this agent's calls (asked of eigi, and checked again on every row). */
	agentId?: string;
}

export type CallHistory =
	| {
			ok: true;
			/** Every outbound call in the window to a wanted number, by its digits. */
			byDigits: Map<string, Attempt[]>;
			requests: number;
			readBy: 'window' | 'search';
			/**
			 * The newest creation time of any call the window listed, on eigi's clock (a window read
			 * only: a search sees only its numbers); undefined when it listed none.
			 */
			newestListedMs?: number;
	  }
	| {
			ok: false;
			error: Error;
			requests: number;
			/** eigi's answer, when it answered with an error status (a 429 among them). */
			response?: EigiResponse;
	  };

/** How a page is asked for: through the transport's line and retries unless the caller says. */
export type SendRead = (request: EigiRequest) => Promise<EigiOutcome>;

function text(value: unknown): string | null {
	return typeof value === 'string' && value.trim() ? value : null;
}

function durationOf(metadata: IDataObject): number | undefined {
	const value = metadata.conversation_duration;
	const seconds = typeof value === 'string' && value.trim() ? Number(value) : value;
	return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : undefined;
}

function customerSpokeIn(transcript: unknown): boolean | undefined {
	if (!Array.isArray(transcript)) return undefined;
	return transcript.some((line) => {
		const { role, content } = (line ?? {}) as IDataObject;
		return role === 'user' && typeof content === 'string' && content.trim() !== '';
	});
}

/** The row as an attempt, or undefined when it is not an outbound call to a number. */
function attemptOf(row: IDataObject): { digits: string; attempt: Attempt } | undefined {
	const metadata = (row.conversation_metadata ?? {}) as IDataObject;
	const number = text(metadata.to_mobile_number) ?? text(row.to_mobile_number);
	const callingType = text(metadata.calling_type) ?? text(row.calling_type);
	// The list is asked for outbound calls only; an entry that says otherwise is not one.
	if (!number || (callingType !== null && callingType.toUpperCase() !== 'OUTBOUND'))
		return undefined;
	const createdAt = text(row.created_at);
	return {
		digits: phoneDigits(number),
		attempt: {
			conversationId: text(row.conversation_id),
			agentId: text(row.agent_id),
			status: text(row.conversation_status),
			createdAt,
			createdMs: createdAt ? Date.parse(createdAt) : NaN,
			durationSeconds: durationOf(metadata),
			customerSpoke: customerSpokeIn(row.conversation_transcript),
		},
	};
}

class HistoryReader {
	requests = 0;
	failedWith?: EigiResponse;
	newestListedMs?: number;
	readonly byDigits = new Map<string, Attempt[]>();
	private readonly seen = new Set<string>();
	private readonly wanted: Set<string>;
	private readonly baseQuery: IDataObject;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly query: HistoryQuery,
		private readonly send: SendRead,
	) {
		this.wanted = new Set(query.phoneNumbers.map(phoneDigits));
		this.baseQuery = {
			calling_type: 'OUTBOUND',
			from_date: new Date(query.sinceMs).toISOString(),
			page_size: MAX_PAGE_SIZE,
			...(query.agentId ? { agent_id: query.agentId } : {}),
		};
	}

	get wantedCount(): number {
		return this.wanted.size;
	}

	/** One page; its calls to wanted numbers are kept (each conversation once). */
	async page(extra: IDataObject): Promise<{ rows: IDataObject[]; totalPages?: number }> {
		this.requests++;
		const { response, failure } = await this.send({
			method: 'GET',
			endpoint: CONVERSATIONS_ENDPOINT,
			qs: { ...this.baseQuery, ...extra },
		});
		if (failure) throw transportApiError(this.context, failure);
		if (!isSuccess(response)) {
			this.failedWith = response;
			throw eigiApiError(this.context, response);
		}
		const page = readPage(response.body, 'data');
		for (const row of page.rows) this.keep(row);
		return page;
	}

	/** Pages `from` onwards of a listing, until its last page. */
	async pagesFrom(from: number, extra: IDataObject = {}): Promise<void> {
		for (let page = from; ; page++) {
			const { rows, totalPages } = await this.page({ ...extra, page });
			const lastPage = totalPages === undefined ? rows.length < MAX_PAGE_SIZE : page >= totalPages;
			if (lastPage || rows.length === 0) return;
		}
	}

	private keep(row: IDataObject): void {
		const found = attemptOf(row);
		const createdMs = found?.attempt.createdMs ?? NaN;
		if (Number.isFinite(createdMs))
			this.newestListedMs = Math.max(this.newestListedMs ?? -Infinity, createdMs);
		if (!found || !this.wanted.has(found.digits)) return;
		const { attempt } = found;
		if (this.query.agentId && attempt.agentId !== null && attempt.agentId !== this.query.agentId)
			return;
		// A date before the window (eigi's from_date ignored) does not count; a missing one does.
		if (Number.isFinite(attempt.createdMs) && attempt.createdMs < this.query.sinceMs) return;
		// Calls placed while the pages are read push older ones onto the next page: read twice, kept once.
		const key = attempt.conversationId ?? JSON.stringify(row);
		if (this.seen.has(key)) return;
		this.seen.add(key);
		const list = this.byDigits.get(found.digits);
		if (list) list.push(attempt);
		else this.byDigits.set(found.digits, [attempt]);
	}

	/** Whether eigi's search finds, by its digits, a call the window's first page showed. */
	async searchFindsNumbers(firstPage: IDataObject[]): Promise<boolean> {
		const probe = firstPage.map(attemptOf).find((found) => found?.attempt.conversationId);
		if (!probe) return false;
		const { rows } = await this.page({ page: 1, search: probe.digits });
		return rows.some((row) => text(row.conversation_id) === probe.attempt.conversationId);
	}

	async searchEach(): Promise<void> {
		for (const digits of this.wanted) await this.pagesFrom(1, { search: digits });
	}
}

/**
 * Every outbound call eigi made within the window to one of `phoneNumbers`, by number. Reads go
 * through the transport's 429 handling and read retries, unless `send` says otherwise.
 */
export async function readCallHistory(
	context: IExecuteFunctions,
	query: HistoryQuery,
	send: SendRead = async (request) => await eigiRequest(context, request),
): Promise<CallHistory> {
	const reader = new HistoryReader(context, query, send);
	try {
		const first = await reader.page({ page: 1 });
		const pagesLeft = first.totalPages === undefined ? 0 : first.totalPages - 1;
		// Searching costs a probe and one request per number; paging, one request per page left.
		if (pagesLeft > reader.wantedCount + 1 && (await reader.searchFindsNumbers(first.rows))) {
			await reader.searchEach();
			return { ok: true, byDigits: reader.byDigits, requests: reader.requests, readBy: 'search' };
		}
		const onePage =
			first.totalPages === undefined ? first.rows.length < MAX_PAGE_SIZE : first.totalPages <= 1;
		if (!onePage && first.rows.length > 0) await reader.pagesFrom(2);
		return {
			ok: true,
			byDigits: reader.byDigits,
			requests: reader.requests,
			readBy: 'window',
			newestListedMs: reader.newestListedMs,
		};
	} catch (error) {
		return {
			ok: false,
			error: error as Error,
			requests: reader.requests,
			response: reader.failedWith,
		};
	}
}
