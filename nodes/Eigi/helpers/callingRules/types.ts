/** Calling rules as data: what a statute or regulation says about when and how often to call. */

export type CallKind = 'debtCollection' | 'telephoneSolicitation';

/** ISO weekdays: 1 = Monday ... 7 = Sunday. */
import type { Weekday } from '../localClock';

export type { Weekday };

/** Allowed hours on some weekdays, in the callee's local time: from is included, until is not. */
export interface HoursOfDay {
	days: Weekday[];
	/** "08:00" */
	from: string;
	/** "20:00"; "24:00" for the end of the day */
	until: string;
}

/** How a holiday's date is found in a given year. */
export type HolidayDate =
	| { kind: 'fixed'; month: number; day: number }
	/** The n-th given weekday of a month; n = -1 for the last one. */
	| { kind: 'nthWeekday'; month: number; weekday: Weekday; n: 1 | 2 | 3 | 4 | -1 }
	/** Days after Western (Gregorian) Easter Sunday: -2 Good Friday, -47 Mardi Gras. */
	| { kind: 'easter'; offsetDays: number }
	/** The Tuesday after the first Monday of November, in even years. */
	| { kind: 'electionDayEvenYears' };

export interface Holiday {
	name: string;
	date: HolidayDate;
	/**
	 * Where the statute moves the holiday when it falls on some weekdays: weekday of the date →
	 * days to move (Saturday → Friday is { 6: -1 }). Both the date and the day it moves to are
	 * no-call days here: the stricter reading.
	 */
	observed?: Partial<Record<Weekday, number>>;
}

/** "At most `calls` calls within `withinHours` hours" (on the same subject, where the rule says so). */
export interface FrequencyCap {
	calls: number;
	withinHours: number;
	/** The rule counts calls about one subject or debt, not every call to the number. */
	perSubject: boolean;
}

export interface RuleSource {
	/** e.g. "Fla. Stat. § 501.616(6)" */
	citation: string;
	/** An official or reputable text of the rule. */
	url: string;
	/** The rule's own words (or, where readVia is set, the words of the page that was read). */
	quote: string;
	/** Set when the text was read on a secondary page rather than at `url`. */
	readVia?: string;
}

export interface CallingRule {
	id: string;
	title: string;
	/** Region codes: a country ("US": every state and territory) or a subdivision ("US-FL"). */
	regions: string[];
	kinds: CallKind[];
	/**
	 * A fixed clock the rule's hours and days are read on, where the rule names one (Mississippi's
	 * "Central Standard Time" is Etc/GMT+6); absent: the callee's local time.
	 */
	clockZone?: string;
	/** Allowed hours; a weekday no entry names has no calls. Absent: no limit on the hour. */
	hours?: HoursOfDay[];
	/** Weekdays with no calls, named by the rule (Sunday = 7). */
	noCallWeekdays?: Weekday[];
	/** Public holidays the rule names as no-call days. */
	holidays?: Holiday[];
	cap?: FrequencyCap;
	/** No call within this many days after a telephone conversation (the conversation's day is day 1). */
	noCallDaysAfterConversation?: number;
	/** Which calls the text covers, where that is narrower than the kinds say. */
	scope?: string;
	/** What this data leaves out of the rule (proclaimed holidays, local holidays, ...). */
	notCovered?: string;
	source: RuleSource;
	/** The day the source was read: YYYY-MM-DD. */
	checked: string;
}
