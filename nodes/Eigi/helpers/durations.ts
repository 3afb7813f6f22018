/**
 * Lengths of time, and durations and counts as a person reads them in an item's message. The node's settings are in hours (the
 * Contact Policy's and Call Limits' alike), so "0.5" or "168" hours read as "30 minutes" or
 * "7 days".
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const round = (value: number) => Math.round(value * 100) / 100;

export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** "7 days", "36 hours", "30 minutes", "1.5 hours". */
export function describeHours(hours: number): string {
	if (hours >= 24 && Number.isInteger(hours / 24)) return plural(hours / 24, 'day');
	if (hours >= 1 || !Number.isInteger(round(hours * 60))) return plural(round(hours), 'hour');
	return plural(round(hours * 60), 'minute');
}
