import type { Attempt, PlacedByRun } from '../../../helpers/contactPolicy';
import { phoneDigits } from '../../../helpers/phoneNumber';
import type { PreparedCall } from '../../../helpers/types';

/**
 * Never twice across runs of one n8n process: the numbers this process is about to call, is
 * waiting to call (in the rate limit's line) or has called, per eigi account. eigi's call history
 * shows a call only once it is placed, and a run may wait minutes in the line between reading the
 * history and placing its calls; a run that reads the history meanwhile would call the same
 * person again. So every run that decides by the Contact Policy also counts these claims, and
 * takes its own in the same synchronous step as its decision: no other run can decide in between.
 *
 * Keyed on the account (Base URL and a digest of the API key), not on the credential or the
 * workflow: two workflows, or two credentials with the same key, call the same people, and eigi's
 * history, which the claims stand in for until it shows the call, is the account's too.
 *
 * A claim lasts as long as the window of the policy that made it; one whose call provably never
 * left (eigi refused it, the request never reached eigi, or it was not sent at all) is released
 * at once. Memory is bounded: at most MAX_CLAIMED_NUMBERS numbers, the oldest forgotten first (by then eigi's
 * history shows their calls).
 */

/**
 * The most numbers held at once per eigi account in one process: about 410 MB at most
 * (`node bench/claimMemory.js` measured 413 bytes a number, conversation ids included).
 */
export const MAX_CLAIMED_NUMBERS = 1_000_000;

/** Who is placing a claimed call, as another run's item names it. */
export type ClaimOwner = PlacedByRun;

/** A listed call this long before a claim can still be its call (the two clocks differ). */
const CLOCK_SKEW_MS = 60_000;

export interface Claim {
	agentId: string;
	claimedMs: number;
	expiresMs: number;
	owner: ClaimOwner;
	/** Known once eigi answered with it. */
	conversationId: string | null;
	released: boolean;
	/** The run that made it is done, and its call may have reached eigi: the claim is kept. */
	kept: boolean;
}

export class ClaimBook {
	/** By the number's digits, in the order the numbers were last claimed (oldest first). */
	private readonly byDigits = new Map<string, Claim[]>();

	constructor(private readonly maxNumbers = MAX_CLAIMED_NUMBERS) {}

	/** The live claims on a number, oldest first. */
	live(digits: string, nowMs: number): Claim[] {
		const claims = this.byDigits.get(digits);
		if (!claims) return [];
		const live = claims.filter((claim) => !claim.released && claim.expiresMs > nowMs);
		if (live.length !== claims.length) {
			if (live.length) this.byDigits.set(digits, live);
			else this.byDigits.delete(digits);
		}
		return live;
	}

	add(digits: string, claim: Claim, nowMs: number): void {
		const claims = this.live(digits, nowMs);
		// Moved to the end: the map stays in the order numbers were last claimed.
		this.byDigits.delete(digits);
		this.byDigits.set(digits, [...claims, claim]);
		this.forgetOldest(nowMs);
	}

	get size(): number {
		return this.byDigits.size;
	}

	/** Expired numbers at the front go, and the oldest beyond the bound. */
	private forgetOldest(nowMs: number): void {
		for (const [digits, claims] of this.byDigits) {
			const expired = claims.every((claim) => claim.released || claim.expiresMs <= nowMs);
			if (!expired && this.byDigits.size <= this.maxNumbers) return;
			this.byDigits.delete(digits);
		}
	}
}

/** A claim as the Contact Policy counts it: a call still under way, placed by a run of this process. */
function asAttempt(claim: Claim): Attempt {
	return {
		conversationId: claim.conversationId,
		agentId: claim.agentId,
		status: 'IN_PROGRESS',
		createdAt: new Date(claim.claimedMs).toISOString(),
		createdMs: claim.claimedMs,
		claimedBy: claim.owner,
		claimSettled: claim.kept,
	};
}

const books = new Map<string, ClaimBook>();

function bookOf(accountKey: string): ClaimBook {
	let book = books.get(accountKey);
	if (!book) books.set(accountKey, (book = new ClaimBook()));
	return book;
}

/** The claims of one eigi account in this process. */
export class NumberClaims {
	private readonly book: ClaimBook;

	constructor(accountKey: string, book = bookOf(accountKey)) {
		this.book = book;
	}

	/** Numbers claimed right now in this process, for this account. */
	get size(): number {
		return this.book.size;
	}

	/**
	 * eigi's listed calls to a number, and the live claims on it that eigi does not list yet, as
	 * calls still under way. A claim is listed once a listed call has its conversation id or, for a
	 * claim whose id is not known, once the number has a listed call of its agent from about the
	 * claim's time on (each listed call stands for one claim at most).
	 */
	withClaims(listed: Attempt[], digits: string, nowMs: number): Attempt[] {
		const claims = this.book.live(digits, nowMs);
		if (!claims.length) return listed;
		const ids = new Set(listed.map((attempt) => attempt.conversationId).filter(Boolean));
		const claimIds = new Set(claims.map((claim) => claim.conversationId).filter(Boolean));
		// Oldest first on both sides: each claim takes the earliest listed call that can be its own.
		const unmatched = listed
			.filter((attempt) => !attempt.conversationId || !claimIds.has(attempt.conversationId))
			.sort((a, b) => (a.createdMs || 0) - (b.createdMs || 0));
		const notListed = claims.filter((claim) => {
			if (claim.conversationId) return !ids.has(claim.conversationId);
			const index = unmatched.findIndex(
				(attempt) =>
					(attempt.agentId === null || attempt.agentId === claim.agentId) &&
					!(attempt.createdMs < claim.claimedMs - CLOCK_SKEW_MS),
			);
			if (index === -1) return true;
			unmatched.splice(index, 1);
			return false;
		});
		return [...listed, ...notListed.map(asAttempt)];
	}

	/**
	 * Claims the numbers of calls about to be placed, by item index. Each claim is then either
	 * kept (`placed`, with its conversation once known) or `released` when the call never left.
	 */
	claim(calls: PreparedCall[], owner: ClaimOwner, windowMs: number): Map<number, Claim> {
		const nowMs = Date.now();
		const claimed = new Map<number, Claim>();
		for (const call of calls) {
			const claim: Claim = {
				agentId: call.agentId,
				claimedMs: nowMs,
				expiresMs: nowMs + windowMs,
				owner,
				conversationId: null,
				released: false,
				kept: false,
			};
			this.book.add(phoneDigits(call.phoneNumber), claim, nowMs);
			claimed.set(call.itemIndex, claim);
		}
		return claimed;
	}
}
