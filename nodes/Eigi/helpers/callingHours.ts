/**
 * Calling hours in the callee's own local time. The time zones come from the number (Google
 * libphonenumber's time zone map: the zones of its longest matching prefix) or from the item; the
 * clock is the machine's, read through Intl. Where a number may be in several zones, it is inside
 * the window only when it is inside in every one of them.
 */

import { instantOf, localClock, type LocalClock } from './localClock';
import { longestPrefixMatch } from './prefixTable';

export interface TimeZoneTable {
	/** Every zone set once. */
	zones: string[][];
	/** E.164 digit prefix → index into `zones`. */
	prefixes: Record<string, number>;
}

export interface CallingWindow {
	/** Minutes after local midnight; the window includes its start and excludes its end. */
	startMinutes: number;
	endMinutes: number;
	/** ISO weekdays, 1 = Monday ... 7 = Sunday. A window crossing midnight belongs to the day it starts. */
	weekdays: number[];
}

export interface ZoneTime {
	zone: string;
	/** e.g. 2026-12-02T22:30:00-05:00 */
	localTime: string;
}

export type CallingHoursCheck =
	| { inside: true }
	| { inside: false; localTimes: ZoneTime[]; opensAt: string | undefined; opensAtMs?: number };

const LONGEST_PREFIX = 10;
const DAY_MINUTES = 24 * 60;
const MINUTE_MS = 60_000;

/** The zones of the longest prefix of an E.164 number the table knows, or undefined. */
export function zonesForNumber(table: TimeZoneTable, e164: string): string[] | undefined {
	return longestPrefixMatch(table.prefixes, table.zones, e164, { longest: LONGEST_PREFIX });
}

/** "08:00" → 480; undefined for anything else. */
export function parseClockTime(text: unknown): number | undefined {
	const match = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(String(text ?? ''));
	if (!match) return undefined;
	const [hours, minutes] = [Number(match[1]), Number(match[2])];
	if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return undefined;
	return hours * 60 + minutes;
}

/** Whether Intl knows the zone (it also resolves legacy names such as Asia/Calcutta). */
export function isKnownTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, '0');

/** ISO 8601 with the zone's offset at that moment, to the second: 2026-12-02T22:30:00-05:00. */
export function isoInZone(zone: string, atMs: number): string {
	const clock = localClock(zone, atMs);
	const seconds = Math.floor((((atMs % MINUTE_MS) + MINUTE_MS) % MINUTE_MS) / 1000);
	const sign = clock.offset < 0 ? '-' : '+';
	return (
		`${clock.year}-${pad(clock.month)}-${pad(clock.day)}T${pad(Math.floor(clock.minutes / 60))}:${pad(clock.minutes % 60)}:${pad(seconds)}` +
		`${sign}${pad(Math.floor(Math.abs(clock.offset) / 60))}:${pad(Math.abs(clock.offset) % 60)}`
	);
}

function isInside(window: CallingWindow, clock: LocalClock): boolean {
	const { startMinutes: start, endMinutes: end } = window;
	if (start === end) return window.weekdays.includes(clock.weekday); // the whole day
	if (start < end)
		return window.weekdays.includes(clock.weekday) && clock.minutes >= start && clock.minutes < end;
	// Crossing midnight: the early-morning part belongs to the window that began the day before.
	if (clock.minutes >= start) return window.weekdays.includes(clock.weekday);
	if (clock.minutes < end) return window.weekdays.includes(((clock.weekday + 5) % 7) + 1);
	return false;
}

/** Whether the window is open in `zone` at `atMs`. */
export function isInsideWindow(window: CallingWindow, zone: string, atMs: number): boolean {
	return isInside(window, localClock(zone, atMs));
}

/** The first moment at or after `fromMs` at which the window is open in `zone`. */
function nextOpening(window: CallingWindow, zone: string, fromMs: number): number | undefined {
	if (isInside(window, localClock(zone, fromMs))) return fromMs;
	const clock = localClock(zone, fromMs);
	// Today's start, then each following day's: at most 8 days ahead covers every weekday.
	for (let dayOffset = 0; dayOffset <= 8; dayOffset++) {
		const date = new Date(Date.UTC(clock.year, clock.month - 1, clock.day + dayOffset));
		const startsAt = instantOf(
			zone,
			date.getUTCFullYear(),
			date.getUTCMonth() + 1,
			date.getUTCDate(),
			window.startMinutes,
		);
		if (startsAt > fromMs && isInside(window, localClock(zone, startsAt))) return startsAt;
	}
	return undefined;
}

/**
 * Whether calling now is inside the window in every zone; if not, the local times that are
 * outside and the next moment the window is open in all zones at once (ISO 8601, with the offset
 * of the first zone), or undefined if there is none within two weeks.
 */
export function checkCallingHours(
	window: CallingWindow,
	zones: string[],
	nowMs: number,
): CallingHoursCheck {
	const outside = zones.filter((zone) => !isInsideWindow(window, zone, nowMs));
	if (!outside.length) return { inside: true };
	const localTimes = outside.map((zone) => ({ zone, localTime: isoInZone(zone, nowMs) }));

	// The latest of the zones' next openings, until all agree (bounded: two weeks of minutes).
	let candidate = nowMs;
	const limit = nowMs + 14 * DAY_MINUTES * MINUTE_MS;
	while (candidate <= limit) {
		const openings = zones.map((zone) => nextOpening(window, zone, candidate));
		if (openings.some((opening) => opening === undefined)) break;
		const latest = Math.max(...(openings as number[]));
		if (latest === candidate)
			return {
				inside: false,
				localTimes,
				opensAt: isoInZone(zones[0], candidate),
				opensAtMs: candidate,
			};
		candidate = latest;
	}
	return { inside: false, localTimes, opensAt: undefined };
}

/** The first moment a number may be called, and the callee's zone to show it in (when known). */
export interface CallableAt {
	atMs: number;
	zone?: string;
}

/**
 * `callableFrom` (UTC, to compare with any clock) and `callableFromLocal` (the callee's own time,
 * with its offset). Both are rounded UP to the whole second: never earlier than the moment a run
 * would really call.
 */
export function callableTimes(at: CallableAt | null | undefined): {
	callableFrom: string | null;
	callableFromLocal: string | null;
} {
	if (!at) return { callableFrom: null, callableFromLocal: null };
	const atMs = Math.ceil(at.atMs / 1000) * 1000;
	return {
		callableFrom: new Date(atMs).toISOString().replace('.000Z', 'Z'),
		callableFromLocal: at.zone ? isoInZone(at.zone, atMs) : null,
	};
}
