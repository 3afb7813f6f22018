import {
	MAX_ALONGSIDE,
	RateLimitLane,
	rateLimitLane,
} from '../../nodes/Eigi/transport/rateLimitLane';

const START = Date.parse('2026-12-02T10:00:00Z');
const FAR = START + 3_600_000;
const noSpread = () => 0;

/** Where a request stands: still waiting, let through (true), or sent away unsent (false). */
function track(entering: Promise<boolean>) {
	const entry = { settled: false, admitted: undefined as boolean | undefined };
	void entering.then((admitted) => {
		entry.settled = true;
		entry.admitted = admitted;
	});
	return entry;
}

const entering = (lane: RateLimitLane, deadlineMs = FAR) => track(lane.enter(deadlineMs));
const refusedAgain = (lane: RateLimitLane, deadlineMs = FAR) => track(lane.again(deadlineMs));

async function after(ms: number) {
	await jest.advanceTimersByTimeAsync(ms);
}

/** A lane one request got a 429 on, asking for `askedMs`: it keeps its place. */
async function closedLane(askedMs: number) {
	const lane = new RateLimitLane();
	entering(lane);
	await after(0);
	lane.refused(askedMs, noSpread);
	return lane;
}

beforeEach(() => jest.useFakeTimers({ now: START }));
afterEach(() => jest.useRealTimers());

describe("a credential's rate-limit lane, shared by the runs of one n8n", () => {
	it('lets every request through at once while eigi accepts', async () => {
		const lane = new RateLimitLane();
		const entries = Array.from({ length: 20 }, () => entering(lane));
		await after(0);
		expect(entries.every((entry) => entry.admitted === true)).toBe(true);
	});

	it('after a 429, holds everyone until Retry-After, then sends the refused request first, alone', async () => {
		const lane = await closedLane(2_000);
		const second = entering(lane);
		const third = entering(lane);
		const first = refusedAgain(lane);
		await after(1_999);
		expect([first.settled, second.settled, third.settled]).toEqual([false, false, false]);
		await after(1);
		expect([first.admitted, second.settled, third.settled]).toEqual([true, false, false]);

		lane.leave(true);
		await after(0);
		expect([second.admitted, third.admitted]).toEqual([true, true]);
	});

	it('lets one more go alongside each time a whole round came back, up to a limit, and is free again when nobody waits', async () => {
		const lane = await closedLane(1_000);
		refusedAgain(lane);
		const waiting = Array.from({ length: 60 }, () => entering(lane));
		await after(1_000);
		const admitted = () => waiting.filter((entry) => entry.admitted).length;
		expect(admitted()).toBe(0);
		let answers = 0;
		const answer = async () => {
			answers++;
			lane.leave(true);
			await after(0);
		};
		const seen = [];
		while (answers < 7) {
			await answer();
			seen.push(admitted());
		}
		// One alone, then two (after 1 answer), three (after 2 more), four (after 3 more) ...
		expect(seen).toEqual([2, 3, 5, 6, 7, 9, 10]);
		let mostAlongside = 0;
		while (admitted() < waiting.length) {
			await answer();
			mostAlongside = Math.max(mostAlongside, 1 + admitted() - answers);
		}
		expect(mostAlongside).toBe(MAX_ALONGSIDE);
		while (answers < 1 + waiting.length) await answer();
		const later = Array.from({ length: 20 }, () => entering(lane));
		await after(0);
		expect(later.every((entry) => entry.admitted === true)).toBe(true);
	});

	it('lines up requests refused together, each before those who came later, under one close', async () => {
		const lane = new RateLimitLane();
		Array.from({ length: 5 }, () => entering(lane));
		await after(0);
		for (let refusal = 0; refusal < 5; refusal++) lane.refused(1_000, () => 1);
		const later = entering(lane);
		const refused = Array.from({ length: 5 }, () => refusedAgain(lane));
		// One close, not one per 429: a first close waits what eigi asked, with no random spread.
		await after(999);
		expect(refused.some((entry) => entry.settled)).toBe(false);
		await after(1);
		const seen = [];
		for (let answers = 0; answers < 4; answers++) {
			seen.push([refused.filter((entry) => entry.admitted).length, later.settled]);
			lane.leave(true);
			await after(0);
		}
		expect(seen).toEqual([
			[1, false],
			[3, false],
			[4, false],
			[5, true],
		]);
	});

	it('spreads a close that follows another with no accepted answer between (another process competes)', async () => {
		const lane = await closedLane(1_000);
		refusedAgain(lane);
		await after(1_000);
		lane.refused(1_000, () => 1);
		const second = refusedAgain(lane);
		await after(1_249);
		expect(second.settled).toBe(false);
		await after(1);
		expect(second.admitted).toBe(true);
	});

	it('sends a request away unsent when the lane cannot let it through before its deadline', async () => {
		const lane = await closedLane(30_000);
		expect(await lane.enter(START + 10_000)).toBe(false);

		const patient = entering(lane, START + 60_000);
		const hurried = entering(lane, START + 40_000);
		const head = refusedAgain(lane);
		await after(30_000);
		expect(head.admitted).toBe(true);
		await after(15_000);
		lane.leave(true);
		await after(0);
		// The one whose deadline passed while it waited leaves without being sent.
		expect([patient.admitted, hurried.admitted]).toEqual([true, false]);
	});

	it('is one lane per credential and eigi host', () => {
		const lane = rateLimitLane('https://api.eigi.ai', 'credential-1');
		expect(rateLimitLane('https://api.eigi.ai', 'credential-1')).toBe(lane);
		expect(rateLimitLane('https://api.eigi.ai', 'credential-2')).not.toBe(lane);
		expect(rateLimitLane('https://eu.eigi.ai', 'credential-1')).not.toBe(lane);
	});
});
