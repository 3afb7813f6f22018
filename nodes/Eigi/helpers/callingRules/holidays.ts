/** Public holiday dates for a year, as pure functions of the data in a rule (no library). */
import { DAY_MS } from '../durations';
import type { Holiday, HolidayDate, Weekday } from './types';

/** YYYY-MM-DD of a UTC midnight. */
function dateKey(utcMidnight: number): string {
	return new Date(utcMidnight).toISOString().slice(0, 10);
}

/** ISO weekday of a UTC midnight. */
function weekdayOf(utcMidnight: number): Weekday {
	return (((new Date(utcMidnight).getUTCDay() + 6) % 7) + 1) as Weekday;
}

/** Western (Gregorian) Easter Sunday, as a UTC midnight (the anonymous Gregorian algorithm). */
export function easterSunday(year: number): number {
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return Date.UTC(year, month - 1, day);
}

/** The n-th weekday of a month (n = -1: the last), as a UTC midnight. */
function nthWeekday(year: number, month: number, weekday: Weekday, n: number): number {
	if (n === -1) {
		const last = Date.UTC(year, month, 0);
		return last - ((weekdayOf(last) - weekday + 7) % 7) * DAY_MS;
	}
	const first = Date.UTC(year, month - 1, 1);
	return first + (((weekday - weekdayOf(first) + 7) % 7) + (n - 1) * 7) * DAY_MS;
}

/** The date a holiday rule gives in a year, as a UTC midnight, or undefined (no such day that year). */
function dateIn(date: HolidayDate, year: number): number | undefined {
	switch (date.kind) {
		case 'fixed':
			return Date.UTC(year, date.month - 1, date.day);
		case 'nthWeekday':
			return nthWeekday(year, date.month, date.weekday, date.n);
		case 'easter':
			return easterSunday(year) + date.offsetDays * DAY_MS;
		case 'electionDayEvenYears':
			return year % 2 === 0 ? nthWeekday(year, 11, 1, 1) + DAY_MS : undefined;
	}
}

/** The no-call dates (YYYY-MM-DD) of one holiday in a year: the date, and the day it moves to. */
export function holidayDates(holiday: Holiday, year: number): string[] {
	const day = dateIn(holiday.date, year);
	if (day === undefined) return [];
	const dates = [dateKey(day)];
	const move = holiday.observed?.[weekdayOf(day)];
	if (move) dates.push(dateKey(day + move * DAY_MS));
	return dates;
}

/** The holiday among `holidays` that falls on a local date (YYYY-MM-DD), if any. */
export function holidayOn(holidays: Holiday[], date: string): Holiday | undefined {
	const year = Number(date.slice(0, 4));
	// A holiday moved from the first days of next year, or to the last days of the year before.
	return holidays.find((holiday) =>
		[year - 1, year, year + 1].some((y) => holidayDates(holiday, y).includes(date)),
	);
}
