/**
 * State telephone solicitation rules stricter than the federal ones, as data. A state is here only
 * where a text of the rule was found; each quote is that text. States looked at without a text
 * found are listed in presets.ts (NOT_COVERED).
 */
import { EVERY_DAY } from './federal';
import type { CallingRule, Holiday, Weekday } from './types';

const CHECKED = '2026-12-06';
const SATURDAY_TO_FRIDAY_SUNDAY_TO_MONDAY = { 6: -1, 7: 1 } as const;
const WEEKEND_TO_MONDAY = { 6: 2, 7: 1 } as const;
const MONDAY_TO_SATURDAY: Weekday[] = [1, 2, 3, 4, 5, 6];

export const FLORIDA: CallingRule = {
	id: 'us-fl-501.616',
	title:
		'Florida: commercial telephone solicitation 8:00-20:00, at most 3 calls in 24 hours on the same subject',
	regions: ['US-FL'],
	kinds: ['telephoneSolicitation'],
	hours: [{ days: EVERY_DAY, from: '08:00', until: '20:00' }],
	cap: { calls: 3, withinHours: 24, perSubject: true },
	source: {
		citation: 'Fla. Stat. § 501.616(6)(a)-(b) (as amended by ch. 2021-126, SB 1120)',
		url: 'https://flsenate.gov/Session/Bill/2021/1120/BillText/Filed/HTML',
		quote:
			'A commercial telephone seller or salesperson may not make any of the following types of phone calls, including calls made through automated dialing or recorded messages: (a) A commercial telephone solicitation phone call before 8 a.m. or after 8 p.m. local time at the called person’s location. (b) More than three commercial telephone solicitation phone calls from any number to a person over a 24-hour period on the same subject matter or issue, regardless of the phone number used to make the call.',
	},
	checked: CHECKED,
};

export const OKLAHOMA: CallingRule = {
	id: 'us-ok-775C.4',
	title: 'Oklahoma Telephone Solicitation Act: 8:00-20:00, at most 3 calls in 24 hours',
	regions: ['US-OK'],
	kinds: ['telephoneSolicitation'],
	hours: [{ days: EVERY_DAY, from: '08:00', until: '20:00' }],
	// The summary read says "to any particular phone number", not "on the same subject": every
	// call to the number counts here, the stricter reading.
	cap: { calls: 3, withinHours: 24, perSubject: false },
	source: {
		citation: '15 O.S. § 775C.4 (Telephone Solicitation Act of 2022)',
		url: 'https://www.nolo.com/legal-encyclopedia/oklahoma-restrictions-on-telemarketers.html',
		quote:
			'Limiting callers to making three calls per-24-hour-period to any particular phone number; Limiting calls to the hours of 8:00am through 8:00pm (a reduction from Oklahoma’s current 8:00am – 9:00pm limits)',
		readVia:
			'https://dnc.dreamhosters.com/?p=1309 (a summary of the Act as signed; the text of § 775C.4 itself was not found)',
	},
	checked: CHECKED,
};

export const OKLAHOMA_DIAL_ANNOUNCING: CallingRule = {
	id: 'us-ok-755.1',
	title: 'Oklahoma: automatic dial announcing devices 9:00-21:00',
	regions: ['US-OK'],
	kinds: ['telephoneSolicitation', 'debtCollection'],
	hours: [{ days: EVERY_DAY, from: '09:00', until: '21:00' }],
	scope:
		'Automatic dial announcing devices (prerecorded or synthesized voice), for calls terminating in Oklahoma. An AI voice agent may be such a device.',
	source: {
		citation: '15 O.S. § 755.1(C)(2)(a)',
		url: 'https://self-law.org/code/ok/title-15-contracts/15-755-1',
		quote:
			'An automatic dial announcing device shall be used only when: ... 2. For calls terminating in this state, the device is not used to make a call: a. before 9 a.m. or after 9 p.m.',
	},
	checked: CHECKED,
};

export const MARYLAND: CallingRule = {
	id: 'us-md-14-4503',
	title:
		'Maryland Stop the Spam Calls Act: 8:00-20:00, at most 3 calls in 24 hours on the same subject',
	regions: ['US-MD'],
	kinds: ['telephoneSolicitation'],
	hours: [{ days: EVERY_DAY, from: '08:00', until: '20:00' }],
	cap: { calls: 3, withinHours: 24, perSubject: true },
	source: {
		citation: 'Md. Code, Com. Law § 14-4503 (Stop the Spam Calls Act of 2023, in force 2024-01-01)',
		url: 'https://www.wmar2news.com/local/law-to-prevent-spam-calls-takes-effect-first-of-the-year',
		quote:
			'Restricting calling hours to between 8:00am and 8:00pm in the called party’s time zone ... A limit of three calls or text messages per 24 hours about the same subject to the same called party',
		readVia: 'a news report of the Act (the text of § 14-4503 itself was not found)',
	},
	checked: CHECKED,
};

export const WASHINGTON: CallingRule = {
	id: 'us-wa-19.158.040',
	title: 'Washington: commercial telephone solicitation 8:00-20:00',
	regions: ['US-WA'],
	kinds: ['telephoneSolicitation'],
	hours: [{ days: EVERY_DAY, from: '08:00', until: '20:00' }],
	source: {
		citation: 'RCW 19.158.040(2)',
		url: 'https://app.leg.wa.gov/RCW/default.aspx?cite=19.158.040',
		quote:
			'A commercial telephone solicitor shall not place calls to any person which will be received before 8:00 a.m. or after 8:00 p.m. at the call recipient’s local time.',
	},
	checked: CHECKED,
};

export const MASSACHUSETTS: CallingRule = {
	id: 'us-ma-201cmr12.02',
	title: 'Massachusetts: unsolicited telephonic sales calls 8:00-20:00',
	regions: ['US-MA'],
	kinds: ['telephoneSolicitation'],
	hours: [{ days: EVERY_DAY, from: '08:00', until: '20:00' }],
	source: {
		citation: '201 CMR 12.02(2) (under M.G.L. c. 159C)',
		url: 'https://regulations.justia.com/states/massachusetts/201-cmr/title-201-cmr-12-00/section-12-02',
		quote:
			'No telephone solicitor shall make or cause to be made an unsolicited telephonic sales call to a consumer between the hours of 8:00 P.M. to 8:00 A.M., local time at the consumer’s location.',
	},
	checked: CHECKED,
};

export const MISSISSIPPI: CallingRule = {
	id: 'us-ms-77-3-723',
	title: 'Mississippi: telephone solicitation 8:00-20:00 Central Standard Time, none on Sunday',
	regions: ['US-MS'],
	kinds: ['telephoneSolicitation'],
	// The statute names Central Standard Time, not local time: read on a fixed UTC-6 clock, which
	// is 9:00-21:00 while Mississippi keeps daylight time.
	clockZone: 'Etc/GMT+6',
	hours: [{ days: MONDAY_TO_SATURDAY, from: '08:00', until: '20:00' }],
	noCallWeekdays: [7],
	notCovered:
		'Mississippi’s Public Service Commission rule against calls on legal holidays was repealed (39 Miss. Admin. Code Pt. I, R. 1:28); no holiday is held here.',
	source: {
		citation: 'Miss. Code Ann. § 77-3-723(1)',
		url: 'https://getpocketlaw.com/law/state_mississippi/section-77-3-723-rules-for-authorized-calls_57b73fa7ff73',
		quote:
			'Such calls may only be made between the hours of 8:00 a.m. and 8:00 p.m. Central Standard Time. No telephone solicitations may be made on a Sunday.',
	},
	checked: CHECKED,
};

/** Utah Code § 63G-1-301(1)-(2), in the version in force from 2026-05-06 (superseded 2027-01-01). */
const UTAH_HOLIDAYS: Holiday[] = [
	{
		name: 'New Year’s Day',
		date: { kind: 'fixed', month: 1, day: 1 },
		observed: SATURDAY_TO_FRIDAY_SUNDAY_TO_MONDAY,
	},
	{
		name: 'Dr. Martin Luther King, Jr. Day',
		date: { kind: 'nthWeekday', month: 1, weekday: 1, n: 3 },
	},
	{ name: 'Presidents’ Day', date: { kind: 'nthWeekday', month: 2, weekday: 1, n: 3 } },
	{ name: 'Good Friday', date: { kind: 'easter', offsetDays: -2 } },
	{ name: 'Memorial Day', date: { kind: 'nthWeekday', month: 5, weekday: 1, n: -1 } },
	// "(c) If June 19 falls on a Tuesday, Wednesday, Thursday, or Friday, the preceding Monday is
	// the legal holiday. (d) If June 19 falls on Saturday or Sunday, the following Monday ..."
	{
		name: 'Juneteenth National Freedom Day',
		date: { kind: 'fixed', month: 6, day: 19 },
		observed: { 2: -1, 3: -2, 4: -3, 5: -4, 6: 2, 7: 1 },
	},
	{
		name: 'Independence Day',
		date: { kind: 'fixed', month: 7, day: 4 },
		observed: SATURDAY_TO_FRIDAY_SUNDAY_TO_MONDAY,
	},
	{
		name: 'Pioneer Day',
		date: { kind: 'fixed', month: 7, day: 24 },
		observed: SATURDAY_TO_FRIDAY_SUNDAY_TO_MONDAY,
	},
	{ name: 'Labor Day', date: { kind: 'nthWeekday', month: 9, weekday: 1, n: 1 } },
	{ name: 'Columbus Day', date: { kind: 'nthWeekday', month: 10, weekday: 1, n: 2 } },
	{
		name: 'Veterans Day',
		date: { kind: 'fixed', month: 11, day: 11 },
		observed: SATURDAY_TO_FRIDAY_SUNDAY_TO_MONDAY,
	},
	{ name: 'Thanksgiving Day', date: { kind: 'nthWeekday', month: 11, weekday: 4, n: 4 } },
	{
		name: 'Christmas',
		date: { kind: 'fixed', month: 12, day: 25 },
		observed: SATURDAY_TO_FRIDAY_SUNDAY_TO_MONDAY,
	},
];

export const UTAH: CallingRule = {
	id: 'us-ut-13-25a-103',
	title: 'Utah: telephone solicitation 8:00-21:00, none on Sunday or a legal holiday',
	regions: ['US-UT'],
	kinds: ['telephoneSolicitation'],
	hours: [{ days: MONDAY_TO_SATURDAY, from: '08:00', until: '21:00' }],
	noCallWeekdays: [7],
	holidays: UTAH_HOLIDAYS,
	scope:
		'Telephone solicitations to a residential or cellular telephone without prior express consent.',
	notCovered:
		'Days the President or the governor proclaims (63G-1-301(1)(a)(vi)); the condition of Subsection (6) on Good Friday (held every year here); the version of 63G-1-301 in force from 2027-01-01 (not read). Easter Sunday is a Sunday.',
	source: {
		citation: 'Utah Code § 13-25a-103(3); legal holidays: Utah Code § 63G-1-301',
		url: 'https://codes.findlaw.com/ut/title-13-commerce-and-trade/ut-code-sect-13-25a-103/',
		quote:
			'(3) A person may not make a telephone solicitation to a residential telephone or cellular telephone without prior express consent during any of the following times: (a) between the hours of 9 p.m. and 8 a.m. local time; (b) on a Sunday; or (c) on a legal holiday. — Holidays: https://self-law.org/code/ut/title-63g/chapter-1/1 (63G-1-301, effective 5/6/2026)',
	},
	checked: CHECKED,
};

/** R.I. Gen. Laws § 25-1-1, the state holidays; 5-61-2(2) excepts "a state or federal holiday". */
const RHODE_ISLAND_HOLIDAYS: Holiday[] = [
	{
		name: 'New Year’s Day',
		date: { kind: 'fixed', month: 1, day: 1 },
		observed: WEEKEND_TO_MONDAY,
	},
	{
		name: 'Dr. Martin Luther King, Jr.’s Birthday',
		date: { kind: 'nthWeekday', month: 1, weekday: 1, n: 3 },
	},
	{ name: 'Washington’s Birthday', date: { kind: 'nthWeekday', month: 2, weekday: 1, n: 3 } },
	// "or when either of the above days falls on the first day of the week, then the day following it"
	{
		name: 'Rhode Island Independence Day',
		date: { kind: 'fixed', month: 5, day: 4 },
		observed: { 7: 1 },
	},
	{ name: 'Memorial Day', date: { kind: 'nthWeekday', month: 5, weekday: 1, n: -1 } },
	{
		name: 'Independence Day',
		date: { kind: 'fixed', month: 7, day: 4 },
		observed: WEEKEND_TO_MONDAY,
	},
	{ name: 'Victory Day', date: { kind: 'nthWeekday', month: 8, weekday: 1, n: 2 } },
	{ name: 'Labor Day', date: { kind: 'nthWeekday', month: 9, weekday: 1, n: 1 } },
	{ name: 'Columbus Day', date: { kind: 'nthWeekday', month: 10, weekday: 1, n: 2 } },
	// "the Tuesday next after the first Monday in November in each year in which a general election
	// of state officers is held": Rhode Island holds its general election in even years.
	{ name: 'Election Day', date: { kind: 'electionDayEvenYears' } },
	{
		name: 'Veterans’ Day',
		date: { kind: 'fixed', month: 11, day: 11 },
		observed: WEEKEND_TO_MONDAY,
	},
	// "days of thanksgiving" the President appoints: Thanksgiving Day, the fourth Thursday of November.
	{ name: 'Thanksgiving Day', date: { kind: 'nthWeekday', month: 11, weekday: 4, n: 4 } },
	{
		name: 'Christmas Day',
		date: { kind: 'fixed', month: 12, day: 25 },
		observed: WEEKEND_TO_MONDAY,
	},
];

export const RHODE_ISLAND: CallingRule = {
	id: 'us-ri-5-61-3.6',
	title:
		'Rhode Island: sales calls Mon-Fri 9:00-18:00, Sat 10:00-17:00, none on Sunday or holidays',
	regions: ['US-RI'],
	kinds: ['telephoneSolicitation'],
	hours: [
		{ days: [1, 2, 3, 4, 5], from: '09:00', until: '18:00' },
		{ days: [6], from: '10:00', until: '17:00' },
	],
	noCallWeekdays: [7],
	// The statute excepts holidays from the weekday hours; a holiday on a Saturday is held too here.
	holidays: RHODE_ISLAND_HOLIDAYS,
	scope: 'Unsolicited telephonic sales calls to residential, mobile or paging numbers.',
	notCovered:
		'Federal holidays not in § 25-1-1 (Juneteenth); other days the governor, the General Assembly, the President or Congress appoint.',
	source: {
		citation: 'R.I. Gen. Laws § 5-61-3.6 and § 5-61-2(2); holidays: § 25-1-1',
		url: 'http://webserver.rilin.state.ri.us/Statutes/TITLE5/5-61/5-61-3.6.HTM',
		quote:
			'No salesperson or telephonic seller shall make or cause to be made any unsolicited telephonic sales calls to any residential, mobile or telephonic paging device telephone number except during hours of operation — “Hours of operation” means Monday through Friday, except a state or federal holiday, nine o’clock (9:00 a.m.) to six o’clock (6:00 p.m.); Saturday ten o’clock (10:00 a.m.) to five o’clock (5:00 p.m.). (5-61-2: https://cliclaw.com/library/us-state-laws/rhode-island/rhode-island-telephone-sales-solicitation-act-ri-gen-laws-%C2%A7-5-61; 25-1-1: https://unicourt.github.io/cic-code-ri/transforms/ri/ocri/r71/gov.ri.code.title.25.html)',
	},
	checked: CHECKED,
};

/** Ala. Code § 1-3-8, as the Alabama Department of Archives and History lists it. */
const ALABAMA_HOLIDAYS: Holiday[] = [
	{ name: 'New Year’s Day', date: { kind: 'fixed', month: 1, day: 1 } },
	{
		name: 'Birthdays of Robert E. Lee and Martin Luther King Jr.',
		date: { kind: 'nthWeekday', month: 1, weekday: 1, n: 3 },
	},
	// A holiday in Baldwin and Mobile Counties only: held for every Alabama number here (the
	// number does not tell the county).
	{ name: 'Mardi Gras Day', date: { kind: 'easter', offsetDays: -47 } },
	{
		name: 'Birthdays of George Washington and Thomas Jefferson',
		date: { kind: 'nthWeekday', month: 2, weekday: 1, n: 3 },
	},
	{ name: 'Confederate Memorial Day', date: { kind: 'nthWeekday', month: 4, weekday: 1, n: 4 } },
	{ name: 'National Memorial Day', date: { kind: 'nthWeekday', month: 5, weekday: 1, n: -1 } },
	{ name: 'Birthday of Jefferson Davis', date: { kind: 'nthWeekday', month: 6, weekday: 1, n: 1 } },
	{ name: 'Independence Day', date: { kind: 'fixed', month: 7, day: 4 } },
	{ name: 'Labor Day', date: { kind: 'nthWeekday', month: 9, weekday: 1, n: 1 } },
	{
		name: 'Columbus Day / Fraternal Day / American Indian Heritage Day',
		date: { kind: 'nthWeekday', month: 10, weekday: 1, n: 2 },
	},
	{ name: 'Veterans Day', date: { kind: 'fixed', month: 11, day: 11 } },
	{ name: 'Thanksgiving Day', date: { kind: 'nthWeekday', month: 11, weekday: 4, n: 4 } },
	{ name: 'Christmas Day', date: { kind: 'fixed', month: 12, day: 25 } },
];

export const ALABAMA: CallingRule = {
	id: 'us-al-770-x-5-.17',
	title: 'Alabama: automated solicitation calls 8:00-20:00, none on Sunday or holidays',
	regions: ['US-AL'],
	kinds: ['telephoneSolicitation'],
	hours: [{ days: MONDAY_TO_SATURDAY, from: '08:00', until: '20:00' }],
	noCallWeekdays: [7],
	holidays: ALABAMA_HOLIDAYS,
	scope:
		'Automated solicitation telephone calls to consumers in Alabama (a Public Service Commission rule for telephone service; an AI voice agent’s call is automated).',
	notCovered:
		'The days a holiday moves to when it falls on a weekend (Ala. Code § 1-3-8(a), not read); changes to § 1-3-8 after the Archives’ list of 2014.',
	source: {
		citation: 'Ala. Admin. Code r. 770-X-5-.17(1)(b); holidays: Ala. Code § 1-3-8',
		url: 'https://d1tvxue8o4w0fl.cloudfront.net/regulation/alabama-administrative-code/title-770-alabama-public-service-commission/chapter-770-x-5-telephone-rules/section-770-x-5-17-live-and-automated-solicitations-and-announcements',
		quote:
			'The following requirements apply to all automated solicitation telephone calls to consumers in the State of Alabama: ... (b) No solicitation calls are allowed on Sundays or holidays. On the days that calls are allowed, none will be placed prior to 8 a.m. or after 8 p.m. — Holidays: http://www.archives.alabama.gov/intro/holidays.html',
	},
	checked: CHECKED,
};

/** La. R.S. 1:55(A)(1), the days of public rest and legal holidays statewide. */
const LOUISIANA_HOLIDAYS: Holiday[] = [
	{ name: 'New Year’s Day', date: { kind: 'fixed', month: 1, day: 1 } },
	{ name: 'Battle of New Orleans', date: { kind: 'fixed', month: 1, day: 8 } },
	{
		name: 'Dr. Martin Luther King, Jr.’s Birthday',
		date: { kind: 'nthWeekday', month: 1, weekday: 1, n: 3 },
	},
	{
		name: 'Washington’s Birthday and Presidents’ Day',
		date: { kind: 'nthWeekday', month: 2, weekday: 1, n: 3 },
	},
	{ name: 'Mardi Gras', date: { kind: 'easter', offsetDays: -47 } },
	{ name: 'Good Friday', date: { kind: 'easter', offsetDays: -2 } },
	{ name: 'National Memorial Day', date: { kind: 'nthWeekday', month: 5, weekday: 1, n: -1 } },
	{ name: 'Independence Day', date: { kind: 'fixed', month: 7, day: 4 } },
	{ name: 'Huey P. Long Day', date: { kind: 'fixed', month: 8, day: 30 } },
	{ name: 'Labor Day', date: { kind: 'nthWeekday', month: 9, weekday: 1, n: 1 } },
	{ name: 'Christopher Columbus Day', date: { kind: 'nthWeekday', month: 10, weekday: 1, n: 2 } },
	{ name: 'All Saints’ Day', date: { kind: 'fixed', month: 11, day: 1 } },
	{ name: 'Veterans’ Day', date: { kind: 'fixed', month: 11, day: 11 } },
	{ name: 'Thanksgiving Day', date: { kind: 'nthWeekday', month: 11, weekday: 4, n: 4 } },
	{ name: 'Christmas Day', date: { kind: 'fixed', month: 12, day: 25 } },
];

export const LOUISIANA: CallingRule = {
	id: 'us-la-45-811',
	title: 'Louisiana: sales calls Mon-Sat 8:00-20:00, none on Sunday or state holidays',
	regions: ['US-LA'],
	kinds: ['telephoneSolicitation'],
	hours: [{ days: MONDAY_TO_SATURDAY, from: '08:00', until: '20:00' }],
	noCallWeekdays: [7],
	holidays: LOUISIANA_HOLIDAYS,
	scope:
		'ADAD equipment or a live operator used to advertise or offer goods, services or property for personal, family or household use, or for polls.',
	notCovered:
		'Holidays the governor proclaims (for example 2023-07-03); local holidays of R.S. 1:55 (Inauguration Day in Baton Rouge, Saturdays in some parishes).',
	source: {
		citation: 'La. R.S. 45:811(2)-(3); holidays: La. R.S. 1:55(A)(1)',
		url: 'https://lawserver.com/?p=30183792',
		quote:
			'It shall be unlawful for any person to use ... ADAD equipment or to use a live operator to make calls for the purpose of advertising or offering for sale ... when: ... (2) Such use is other than between the hours of 8:00 a.m. and 8:00 p.m., Monday through Saturday. (3) Such use is on days declared to be a state holiday, or Sundays. — Holidays: https://legis.la.gov/legis/Law.aspx?d=74097',
	},
	checked: CHECKED,
};

/** Every state rule above, in the order the README lists them. */
export const STATE_SOLICITATION_RULES: CallingRule[] = [
	ALABAMA,
	FLORIDA,
	LOUISIANA,
	MARYLAND,
	MASSACHUSETTS,
	MISSISSIPPI,
	OKLAHOMA,
	OKLAHOMA_DIAL_ANNOUNCING,
	RHODE_ISLAND,
	UTAH,
	WASHINGTON,
];
