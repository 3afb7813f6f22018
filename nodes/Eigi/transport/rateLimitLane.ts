import { sleep } from 'n8n-workflow';

import { rateLimitSpreadMs, RETRY_LIMITS } from './retryRules';

/** A request waiting for a place, and the moment after which it may no longer be sent. */
interface Waiter {
	admit: (admitted: boolean) => void;
	deadlineMs: number;
}

/**
 * What eigi said about one credential's rate limit, shared by every run of this node in one n8n
 * process. A CRM that fires a webhook per lead makes one execution per lead; each waiting out its
 * own 429s, hundreds of them asked again at the same moments (bench workload 7: 5.5 refused
 * requests per accepted call at 10 requests/s, 23.6 at 100 a minute).
 *
 * While eigi accepts, requests pass freely. After a 429 the lane narrows: it stays closed until
 * Retry-After says a slot frees, then requests go in the order they came (a refused one first),
 * one at a time at first, and one more alongside each time as many answers came back as were
 * going alongside (up to MAX_ALONGSIDE); the next 429 narrows it to one and closes it again. Once
 * nobody waits or sends and it is open, it is free again.
 *
 * Why widen at all: one at a time caps the lane at one request per round trip, and round trips are
 * slow while n8n is busy starting hundreds of runs: in bench workload 7 such a lane got about 7
 * calls a second through a limit of 10, sending about 10 requests one after the other between
 * closes of 1-1.25 s. Widening per answer instead of
 * per round sent twice the limit after each close, and as many 429s (test/integration/burst.test.ts).
 */
export class RateLimitLane {
	/** Requests holding a place: sending, or allowed to send once the lane opens. */
	private holders = 0;

	/** How many may hold a place at once: unlimited until a 429, then 1, growing. */
	private width = Infinity;

	/** Answers since the lane last widened or narrowed. */
	private answeredAtWidth = 0;

	/** Requests waiting for a place, in order. */
	private line: Waiter[] = [];

	/** Nothing is sent before this moment. */
	private openAtMs = 0;

	/** Closes since the last answer other than 429: the random spread grows with them (other processes compete). */
	private closesInARow = 0;

	/**
	 * Resolves true once this request may be sent, or false when the lane cannot let it through
	 * by `deadlineMs`: it was not sent, and holds no place.
	 */
	async enter(deadlineMs: number): Promise<boolean> {
		if (this.openAtMs > deadlineMs) return false;
		if (!(await this.waitInLine(deadlineMs, false))) return false;
		await this.untilOpen();
		return true;
	}

	/**
	 * eigi refused the request (429): the lane narrows and closes for `askedMs` (at least a
	 * second), plus a random spread when it closes again with no accepted request since the last
	 * close (rateLimitSpreadMs). The request keeps its place: it goes `again` or `leave`s.
	 * Returns the earliest moment eigi said the request may go again (the spread not counted).
	 */
	refused(askedMs: number | undefined, random: () => number = Math.random): number {
		const now = Date.now();
		const reopenMs = now + Math.max(RETRY_LIMITS.minRateLimitWaitMs, askedMs ?? 0);
		// Refusals of requests sent together belong to one close: one spread, not one per request.
		if (now >= this.openAtMs)
			this.openAtMs = reopenMs + rateLimitSpreadMs(this.closesInARow++, random);
		else this.openAtMs = Math.max(this.openAtMs, reopenMs);
		this.width = 1;
		this.answeredAtWidth = 0;
		return reopenMs;
	}

	/**
	 * A refused request waits to be sent again, before everyone who came after it: it keeps its
	 * place, unless more hold places than the narrowed lane allows; then it heads the line.
	 */
	async again(deadlineMs: number): Promise<boolean> {
		if (this.openAtMs > deadlineMs) {
			this.leave(false);
			return false;
		}
		if (this.holders > this.width) {
			this.holders--;
			if (!(await this.waitInLine(deadlineMs, true))) return false;
		}
		await this.untilOpen();
		return true;
	}

	/** The request got an answer other than 429, or none, or gave up: its place goes to the next in line. */
	leave(answered: boolean): void {
		if (answered) {
			this.closesInARow = 0;
			if (this.width !== Infinity && ++this.answeredAtWidth >= this.width) {
				this.width = Math.min(MAX_ALONGSIDE, this.width + 1);
				this.answeredAtWidth = 0;
			}
		}
		this.holders--;
		this.admit();
	}

	private async untilOpen(): Promise<void> {
		for (let waitMs = this.openAtMs - Date.now(); waitMs > 0; waitMs = this.openAtMs - Date.now())
			await sleep(waitMs);
	}

	private waitInLine(deadlineMs: number, ahead: boolean): Promise<boolean> {
		return new Promise((admit) => {
			if (ahead) this.line.unshift({ admit, deadlineMs });
			else this.line.push({ admit, deadlineMs });
			this.admit();
		});
	}

	/** Gives a free place to the first in line, and sends away whoever can no longer be let through in time. */
	private admit(): void {
		const earliestMs = Math.max(Date.now(), this.openAtMs);
		const tooLate = this.line.filter((waiter) => waiter.deadlineMs < earliestMs);
		if (tooLate.length) {
			this.line = this.line.filter((waiter) => waiter.deadlineMs >= earliestMs);
			for (const waiter of tooLate) waiter.admit(false);
		}
		while (this.line.length && this.holders < this.width) {
			this.holders++;
			this.line.shift()!.admit(true);
		}
		if (!this.holders && !this.line.length && Date.now() >= this.openAtMs) this.width = Infinity;
	}
}

/** The most requests that go alongside each other while eigi is refusing some. */
export const MAX_ALONGSIDE = 8;

const lanes = new Map<string, RateLimitLane>();

/** The lane of one credential (its ID) at one eigi host; never the key itself. */
export function rateLimitLane(baseUrl: string, credentialId: string): RateLimitLane {
	const key = `${baseUrl} ${credentialId}`;
	let lane = lanes.get(key);
	if (!lane) {
		lane = new RateLimitLane();
		lanes.set(key, lane);
	}
	return lane;
}
