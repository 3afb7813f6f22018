/**
 * Whether the rules let a call be placed now, and if not, from when. Pure: the clock is a
 * parameter, call history is a parameter. Where a number may be in several regions or zones, every
 * rule of every region applies in every zone: the latest start, the earliest end, any day any rule
 * forbids.
 */
import { parseClockTime } from '../callingHours';
import { DAY_MS, HOUR_MS } from '../durations';
import { holidayOn } from './holidays';
import { instantOf, localClock } from '../localClock';
import type { CallingRule, FrequencyCap, HoursOfDay, Weekday } from './types';

export type RulesCheck =
	| { allowed: true }
	/** `callableFrom` is absent when the rules open no moment within 31 days, or no zone is known. */
	| { allowed: false; heldBy: string[]; callableFrom?: number };

const LOOK_AHEAD_DAYS = 31;

/**
 * Whether a rule written for `ruleRegion` ("US", "US-FL"; "*" for a user's own rule, everywhere)
 * covers a callee region ("US-FL", "US").
 */
function covers(ruleRegion: string, region: string): boolean {
	return ruleRegion === '*' || region === ruleRegion || region.startsWith(`${ruleRegion}-`);
}

/** The rules that apply to a callee who may be in any of `regions`. */
export function rulesForRegions(rules: CallingRule[], regions: string[]): CallingRule[] {
	return rules.filter((rule) =>
		rule.regions.some(
			(ruleRegion) => ruleRegion === '*' || regions.some((region) => covers(ruleRegion, region)),
		),
	);
}

/** Whether a rule says anything about the hour or the day. */
export function limitsTime(rule: CallingRule): boolean {
	return Boolean(rule.hours || rule.noCallWeekdays?.length || rule.holidays?.length);
}

const minutesOf = (clock: string) => parseClockTime(clock) as number;

/** The allowed window of a weekday in minutes after midnight, or undefined for a day with no calls. */
function windowOf(rule: CallingRule, weekday: Weekday, date: string): [number, number] | undefined {
	if (rule.noCallWeekdays?.includes(weekday)) return undefined;
	if (rule.holidays && holidayOn(rule.holidays, date)) return undefined;
	if (!rule.hours) return [0, 24 * 60];
	const entry: HoursOfDay | undefined = rule.hours.find((hours) => hours.days.includes(weekday));
	return entry ? [minutesOf(entry.from), minutesOf(entry.until)] : undefined;
}

function isOpen(rule: CallingRule, zone: string, atMs: number): boolean {
	const clock = localClock(zone, atMs);
	const window = windowOf(rule, clock.weekday, clock.date);
	return window !== undefined && clock.minutes >= window[0] && clock.minutes < window[1];
}

/** The first moment at or after `fromMs` at which the rule allows a call in `zone`. */
function nextOpening(rule: CallingRule, zone: string, fromMs: number): number | undefined {
	if (isOpen(rule, zone, fromMs)) return fromMs;
	const today = localClock(zone, fromMs);
	for (let dayOffset = 0; dayOffset <= LOOK_AHEAD_DAYS; dayOffset++) {
		const day = new Date(Date.UTC(today.year, today.month - 1, today.day + dayOffset));
		const [year, month, date] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
		const noon = localClock(zone, instantOf(zone, year, month, date, 12 * 60));
		const window = windowOf(rule, noon.weekday, noon.date);
		if (!window) continue;
		const opens = instantOf(zone, year, month, date, window[0]);
		const closes = instantOf(zone, year, month, date, window[1]);
		if (closes <= fromMs) continue;
		const candidate = Math.max(opens, fromMs);
		if (isOpen(rule, zone, candidate)) return candidate;
	}
	return undefined;
}

/**
 * The hour, day and holiday rules of `regions` that forbid a call at `atMs` in any of `zones`
 * (or on the fixed clock a rule names), without looking for when they allow one.
 */
export function closedRules(
	rules: CallingRule[],
	regions: string[],
	zones: string[],
	atMs: number,
): CallingRule[] {
	return rulesForRegions(rules, regions)
		.filter(limitsTime)
		.filter((rule) =>
			(rule.clockZone ? [rule.clockZone] : zones).some((zone) => !isOpen(rule, zone, atMs)),
		);
}

/**
 * The hour, day and holiday rules for a callee in `regions` (the number's region codes; pass the
 * country, "US", when only the country is known) and `zones`, at `atMs`. Frequency caps and the
 * pause after a conversation need call history: see capCallableFrom and conversationCallableFrom.
 */
export function checkRules(
	rules: CallingRule[],
	regions: string[],
	zones: string[],
	atMs: number,
): RulesCheck {
	const timed = rulesForRegions(rules, regions).filter(limitsTime);
	if (!timed.length) return { allowed: true };
	const clocksOf = (rule: CallingRule) => (rule.clockZone ? [rule.clockZone] : zones);
	if (!zones.length) return { allowed: false, heldBy: timed.map((rule) => rule.id) };

	const heldBy = closedRules(rules, regions, zones, atMs).map((rule) => rule.id);
	if (!heldBy.length) return { allowed: true };

	// The latest of every rule's next opening in every zone, until all agree.
	let candidate = atMs;
	const limit = atMs + LOOK_AHEAD_DAYS * DAY_MS;
	while (candidate <= limit) {
		const openings = timed.flatMap((rule) =>
			clocksOf(rule).map((zone) => nextOpening(rule, zone, candidate)),
		);
		if (openings.some((opening) => opening === undefined)) break;
		const latest = Math.max(...(openings as number[]));
		if (latest === candidate) return { allowed: false, heldBy, callableFrom: candidate };
		candidate = latest;
	}
	return { allowed: false, heldBy };
}

/**
 * "At most cap.calls calls within cap.withinHours hours": the earliest moment at or after `nowMs`
 * at which one more call keeps within the cap, given the times of the earlier calls that count
 * (for a per-subject cap, the caller passes the calls on that subject only). Equal to `nowMs` when
 * a call may be placed now.
 */
export function capCallableFrom(
	cap: FrequencyCap,
	earlierCallTimes: number[],
	nowMs: number,
): number {
	const windowMs = cap.withinHours * HOUR_MS;
	const recent = earlierCallTimes
		.filter((time) => time > nowMs - windowMs && time <= nowMs)
		.sort((a, b) => b - a);
	if (recent.length < cap.calls) return nowMs;
	// The call that must leave the window: the cap.calls-th most recent.
	return Math.max(nowMs, recent[cap.calls - 1] + windowMs);
}

/**
 * "No call within `days` days after a telephone conversation": the earliest moment at or after
 * `nowMs` at which a call may be placed, given the times of earlier conversations. Counted as
 * days × 24 hours from the latest conversation.
 */
export function conversationCallableFrom(
	days: number,
	conversationTimes: number[],
	nowMs: number,
): number {
	const latest = Math.max(-Infinity, ...conversationTimes.filter((time) => time <= nowMs));
	return Math.max(nowMs, latest + days * DAY_MS);
}
