/** US federal calling rules, as data. Each quote is the rule's own words; `checked` is the day it was read. */
import type { CallingRule, Weekday } from './types';

export const EVERY_DAY: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const CHECKED = '2026-12-06';

export const FCC_SOLICITATION_HOURS: CallingRule = {
	id: 'us-47cfr64.1200c1',
	title: 'FCC (TCPA rules): telephone solicitations 8:00-21:00 in the called party’s time',
	regions: ['US'],
	kinds: ['telephoneSolicitation'],
	hours: [{ days: EVERY_DAY, from: '08:00', until: '21:00' }],
	scope:
		'Telephone solicitations to residential subscribers (wireless numbers included by 47 CFR 64.1200(e)); not calls with prior express invitation or permission, to an established business relationship, or by tax-exempt nonprofits (64.1200(f)(15)).',
	source: {
		citation: '47 CFR § 64.1200(c)(1)',
		url: 'https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-L/section-64.1200',
		quote:
			'No person or entity shall initiate any telephone solicitation to: (1) Any residential telephone subscriber before the hour of 8 a.m. or after 9 p.m. (local time at the called party’s location)',
		readVia:
			'https://www.nwdebtresolution.com/post/telephone-consumer-protection-act-call-time-restrictions',
	},
	checked: CHECKED,
};

export const FTC_TELEMARKETING_HOURS: CallingRule = {
	id: 'us-16cfr310.4c',
	title: 'FTC Telemarketing Sales Rule: telemarketing calls 8:00-21:00 in the called person’s time',
	regions: ['US'],
	kinds: ['telephoneSolicitation'],
	hours: [{ days: EVERY_DAY, from: '08:00', until: '21:00' }],
	source: {
		citation: '16 CFR § 310.4(c)',
		url: 'https://www.ecfr.gov/current/title-16/chapter-I/subchapter-C/part-310/section-310.4',
		quote:
			'telemarketers generally cannot call a home before 8:00 AM or after 9:00 PM in the recipient’s local time zone (citing 16 CFR § 310.4 and 47 CFR § 64.1200)',
		readVia: 'https://legalclarity.org/what-time-are-businesses-allowed-to-call',
	},
	checked: CHECKED,
};

export const REG_F_HOURS: CallingRule = {
	id: 'us-12cfr1006.6b1i',
	title: 'FDCPA / Regulation F: collection calls 8:00-21:00 in the consumer’s time',
	regions: ['US'],
	kinds: ['debtCollection'],
	// "after 8 o'clock" and "before 9 o'clock": 21:00 itself is treated as outside (the window
	// excludes its end), the stricter reading.
	hours: [{ days: EVERY_DAY, from: '08:00', until: '21:00' }],
	scope:
		'Debt collectors as the FDCPA defines them, absent the consumer’s prior consent or knowledge that another time is inconvenient.',
	source: {
		citation: '15 U.S.C. § 1692c(a)(1); 12 CFR § 1006.6(b)(1)(i)',
		url: 'https://www.ecfr.gov/current/title-12/chapter-X/part-1006/subpart-B/section-1006.6',
		quote:
			'In the absence of knowledge of circumstances to the contrary, a debt collector shall assume that the convenient time for communicating with a consumer is after 8 o’clock [a.m.] and before 9 o’clock [p.m.], local time at the consumer’s location',
		readVia:
			'http://murthalawgroup.com/time-day-can-debt-collector-call/ (15 U.S.C. § 1692c(a)(1), which 12 CFR 1006.6(b)(1)(i) restates)',
	},
	checked: CHECKED,
};

export const REG_F_SEVEN_IN_SEVEN: CallingRule = {
	id: 'us-12cfr1006.14b2iA',
	title: 'Regulation F: at most 7 calls within 7 days about a particular debt',
	regions: ['US'],
	kinds: ['debtCollection'],
	// "seven consecutive days" is counted here as a rolling 168 hours: it holds every window of
	// seven calendar days, in any zone.
	cap: { calls: 7, withinHours: 7 * 24, perSubject: true },
	scope:
		'A presumption of harassment, per person and per debt; calls with the person’s direct prior consent and some others do not count (12 CFR 1006.14(b)(3)).',
	source: {
		citation: '12 CFR § 1006.14(b)(2)(i)(A)',
		url: 'https://www.ecfr.gov/current/title-12/chapter-X/part-1006/subpart-B/section-1006.14',
		quote:
			'a debt collector is presumed to violate the harassment prohibition if it places telephone calls to a particular person in connection with the collection of a particular debt more than seven times within a seven-day period',
		readVia:
			'https://www.seiright.com/blog/regulation-f-ai-voice-debt-collection-7-in-7-limited-content',
	},
	checked: CHECKED,
};

export const REG_F_AFTER_CONVERSATION: CallingRule = {
	id: 'us-12cfr1006.14b2iB',
	title: 'Regulation F: no call within 7 days after a telephone conversation about the debt',
	regions: ['US'],
	kinds: ['debtCollection'],
	// Counted as 7 × 24 hours from the conversation: never earlier than the calendar reading
	// (the conversation's date as day 1).
	noCallDaysAfterConversation: 7,
	scope:
		'Per person and per debt; a conversation about several debts counts for each (Comment 14(b)(4)-1.ii).',
	source: {
		citation: '12 CFR § 1006.14(b)(2)(i)(B)',
		url: 'https://www.ecfr.gov/current/title-12/chapter-X/part-1006/subpart-B/section-1006.14',
		quote:
			'Section 1006.14(b)(2)(ii) bars debt collectors from placing a telephone call to a particular person in connection with the collection of a debt within seven days following an actual telephone conversation with that person where the date of the conversation is the first day of the seven day period.',
		readVia:
			'https://www.nafcu.org/compliance-blog/debt-collection-call-limits (on the proposal; the final rule, 12 CFR 1006.14(b)(2)(i)(B), keeps it as a rebuttable presumption: https://support.smslp.com/kb/a2764/)',
	},
	checked: CHECKED,
};
