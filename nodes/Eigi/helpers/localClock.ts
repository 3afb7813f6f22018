/** A zone's wall clock at an instant, and the instant of a wall-clock time, read through Intl. */

/** ISO weekday: 1 Monday ... 7 Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const MINUTE_MS = 60_000;
const WEEKDAYS: Record<string, Weekday> = {
	Mon: 1,
	Tue: 2,
	Wed: 3,
	Thu: 4,
	Fri: 5,
	Sat: 6,
	Sun: 7,
};
const formatters = new Map<string, Intl.DateTimeFormat>();

export interface LocalClock {
	/** YYYY-MM-DD */
	date: string;
	year: number;
	month: number;
	day: number;
	/** Minutes after local midnight. */
	minutes: number;
	weekday: Weekday;
	/** Minutes east of UTC. */
	offset: number;
}

function formatterFor(zone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(zone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			weekday: 'short',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(zone, formatter);
	}
	return formatter;
}

const pad = (value: number) => String(value).padStart(2, '0');

export function localClock(zone: string, atMs: number): LocalClock {
	const parts: Record<string, string> = {};
	for (const { type, value } of formatterFor(zone).formatToParts(atMs)) parts[type] = value;
	const [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)];
	const [hour, minute, second] = [Number(parts.hour), Number(parts.minute), Number(parts.second)];
	const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
	const wholeSecondMs = atMs - (((atMs % 1000) + 1000) % 1000);
	return {
		date: `${year}-${pad(month)}-${pad(day)}`,
		year,
		month,
		day,
		minutes: hour * 60 + minute,
		weekday: WEEKDAYS[parts.weekday],
		offset: Math.round((asUtc - wholeSecondMs) / MINUTE_MS),
	};
}

/** The instant a local wall-clock time (minutes after midnight of a local date) happens in a zone. */
export function instantOf(
	zone: string,
	year: number,
	month: number,
	day: number,
	minutes: number,
): number {
	const wallAsUtc = Date.UTC(year, month - 1, day) + minutes * MINUTE_MS;
	// The offset at the guess, then at the corrected guess: right across a DST change.
	let instant = wallAsUtc - localClock(zone, wallAsUtc).offset * MINUTE_MS;
	instant = wallAsUtc - localClock(zone, instant).offset * MINUTE_MS;
	return instant;
}
