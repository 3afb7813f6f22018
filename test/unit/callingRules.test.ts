import { parseClockTime, zonesForNumber } from '../../nodes/Eigi/helpers/callingHours';
import {
	CALLING_RULE_PRESETS,
	REG_F_AFTER_CONVERSATION,
	REG_F_SEVEN_IN_SEVEN,
	US_FEDERAL_COLLECTION,
	US_TELEPHONE_SOLICITATION,
	FLORIDA,
	capCallableFrom,
	checkRules,
	conversationCallableFrom,
	easterSunday,
	holidayDates,
	holidayOn,
	type CallingRule,
} from '../../nodes/Eigi/helpers/callingRules';
import { regionsForNumber } from '../../nodes/Eigi/helpers/calleeRegion';
import { buildRegionTable } from '../../tools/timezone-data/regions';
import { TIME_ZONE_TABLE } from '../../nodes/Eigi/vendor/timezones';

// The table as the build makes it; the node does not read it yet (calling rules by place are not wired in).
const REGION_TABLE = buildRegionTable();

// Every clock is pinned: an instant in UTC, and in a comment what the callee's wall clock shows.
const at = (iso: string) => Date.parse(iso);
const DAY = 24 * 3_600_000;
const HOUR = 3_600_000;

/** The preset's hour, day and holiday rules for a number, with its regions and zones from the number. */
function check(rules: CallingRule[], e164: string, iso: string) {
	const regions = regionsForNumber(REGION_TABLE, e164) ?? ['US'];
	const zones = zonesForNumber(TIME_ZONE_TABLE, e164) ?? [];
	return checkRules(rules, regions, zones, at(iso));
}
const SALES = US_TELEPHONE_SOLICITATION.rules;
const COLLECTION = US_FEDERAL_COLLECTION.rules;

describe('every rule is data with its source', () => {
	const rules = CALLING_RULE_PRESETS.flatMap((preset) => preset.rules);

	it.each(rules.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
		expect(rule.checked).toBe('2026-12-06');
		expect(rule.source.citation).not.toBe('');
		expect(rule.source.url).toMatch(/^https?:\/\//);
		expect(rule.source.quote.length).toBeGreaterThan(40);
		expect(rule.regions.length).toBeGreaterThan(0);
		const weekdays = (rule.hours ?? []).flatMap((hours) => hours.days);
		expect(new Set(weekdays).size).toBe(weekdays.length); // no weekday twice
		for (const hours of rule.hours ?? []) {
			expect(parseClockTime(hours.from)).toBeDefined();
			expect(parseClockTime(hours.until)).toBeDefined();
		}
	});

	it('has unique ids', () => {
		const ids = rules.map((rule) => rule.id);
		expect(new Set(ids).size).toBe(ids.length);
	});
});

describe('US telephone solicitation: the hour in the callee’s time', () => {
	it('Florida: 19:59 is inside, 20:00 is not, and the call waits until 8:00', () => {
		// +1 305: Miami, America/New_York, EST in December.
		expect(check(SALES, '+13055550100', '2026-12-03T00:59:00Z')).toEqual({ allowed: true }); // Wed 19:59
		expect(check(SALES, '+13055550100', '2026-12-03T01:00:00Z')).toEqual({
			allowed: false, // Wed 20:00
			heldBy: ['us-fl-501.616'],
			callableFrom: at('2026-12-03T13:00:00Z'), // Thu 08:00 EST
		});
	});

	it('New York has no stricter state rule here: 20:00 is inside, 21:00 is not (federal)', () => {
		expect(check(SALES, '+12125550100', '2026-12-03T01:00:00Z')).toEqual({ allowed: true }); // 20:00 EST
		expect(check(SALES, '+12125550100', '2026-12-03T02:00:00Z')).toMatchObject({
			allowed: false, // 21:00 EST
			heldBy: ['us-47cfr64.1200c1', 'us-16cfr310.4c'],
			callableFrom: at('2026-12-03T13:00:00Z'),
		});
	});

	it('Oklahoma: the dial-announcing rule starts at 9:00, the solicitation act ends at 20:00', () => {
		// +1 405: Oklahoma City, America/Chicago, CST in December.
		expect(check(SALES, '+14055550100', '2026-12-02T14:30:00Z')).toEqual({
			allowed: false, // 08:30 CST
			heldBy: ['us-ok-755.1'],
			callableFrom: at('2026-12-02T15:00:00Z'), // 09:00 CST
		});
		expect(check(SALES, '+14055550100', '2026-12-03T02:00:00Z')).toMatchObject({
			allowed: false, // 20:00 CST
			heldBy: ['us-ok-775C.4'],
			callableFrom: at('2026-12-03T15:00:00Z'), // 09:00 CST the next day
		});
	});

	it('Utah forbids Sundays: held all Sunday, callable Monday at 8:00', () => {
		// +1 801: Salt Lake City, America/Denver. 2026-12-06 is a Sunday.
		expect(check(SALES, '+18015550100', '2026-12-06T19:00:00Z')).toEqual({
			allowed: false, // Sun 12:00 MST
			heldBy: ['us-ut-13-25a-103'],
			callableFrom: at('2026-12-07T15:00:00Z'), // Mon 08:00 MST
		});
		expect(check(SALES, '+18015550100', '2026-12-07T15:00:00Z')).toEqual({ allowed: true });
	});

	it('Louisiana forbids state holidays: Christmas Day 2026 (a Friday) waits until Saturday 8:00', () => {
		// +1 504: New Orleans, America/Chicago.
		expect(check(SALES, '+15045550100', '2026-12-25T18:00:00Z')).toEqual({
			allowed: false, // Fri 12:00 CST
			heldBy: ['us-la-45-811'],
			callableFrom: at('2026-12-26T14:00:00Z'), // Sat 08:00 CST
		});
	});

	it('Utah holds Christmas 2027, a Saturday, and the Friday before it (where the statute moves it)', () => {
		expect(check(SALES, '+18015550100', '2027-12-24T19:00:00Z')).toMatchObject({
			allowed: false, // Fri 24 Dec 12:00 MST
			heldBy: ['us-ut-13-25a-103'],
			// Saturday 25 is Christmas, Sunday is Sunday: Monday 27 at 08:00 MST.
			callableFrom: at('2027-12-27T15:00:00Z'),
		});
	});

	it('Rhode Island: Saturday 16:59 is inside, 17:00 is not; Sunday and Monday holidays wait', () => {
		// +1 401: Providence, America/New_York. 2026-12-05 is a Saturday.
		expect(check(SALES, '+14015550100', '2026-12-05T21:59:00Z')).toEqual({ allowed: true }); // 16:59 EST
		expect(check(SALES, '+14015550100', '2026-12-05T22:00:00Z')).toMatchObject({
			allowed: false, // 17:00 EST
			heldBy: ['us-ri-5-61-3.6'],
			callableFrom: at('2026-12-07T14:00:00Z'), // Mon 09:00 EST
		});
	});

	it('Mississippi counts on Central Standard Time: in summer it opens at 9:00 daylight time', () => {
		// +1 601: Jackson, America/Chicago, CDT in July. 2026-07-08 is a Wednesday.
		expect(check(SALES, '+16015550100', '2026-07-08T13:30:00Z')).toEqual({
			allowed: false, // 08:30 CDT = 07:30 CST
			heldBy: ['us-ms-77-3-723'],
			callableFrom: at('2026-07-08T14:00:00Z'), // 09:00 CDT = 08:00 CST
		});
	});
});

describe('several regions or zones: the strictest applies', () => {
	it('a number of an area code in two states gets the rules of both', () => {
		// A callee who may be in Florida or in Rhode Island: the latest start (RI 9:00), the
		// earliest end (RI 18:00 on weekdays), and every day either forbids.
		const zones = ['America/New_York'];
		const both = ['US-FL', 'US-RI'];
		expect(checkRules(SALES, both, zones, at('2026-12-02T13:30:00Z'))).toEqual({
			allowed: false, // Wed 08:30 EST
			heldBy: ['us-ri-5-61-3.6'],
			callableFrom: at('2026-12-02T14:00:00Z'),
		});
		expect(checkRules(SALES, both, zones, at('2026-12-02T23:00:00Z'))).toMatchObject({
			allowed: false, // Wed 18:00 EST: Florida allows, Rhode Island does not
			heldBy: ['us-ri-5-61-3.6'],
		});
		expect(checkRules(SALES, ['US-FL'], zones, at('2026-12-02T23:00:00Z'))).toEqual({
			allowed: true,
		});
	});

	it('201 spans New Jersey and New York: the rules of each apply (federal only here)', () => {
		expect(regionsForNumber(REGION_TABLE, '+12015550100')).toEqual(['US-NJ', 'US-NY']);
		expect(check(SALES, '+12015550100', '2026-12-03T01:30:00Z')).toEqual({ allowed: true }); // 20:30 EST
	});

	it('a number in two time zones waits until the rules open in both (Nevada’s 775)', () => {
		// America/Boise and America/Los_Angeles: 07:30 PST is 08:30 MST.
		expect(check(COLLECTION, '+17755550100', '2026-12-02T15:30:00Z')).toEqual({
			allowed: false,
			heldBy: ['us-12cfr1006.6b1i'],
			callableFrom: at('2026-12-02T16:00:00Z'), // 08:00 PST
		});
	});

	it('holds every timed rule when no zone is known', () => {
		expect(checkRules([FLORIDA], ['US-FL'], [], at('2026-12-02T15:00:00Z'))).toEqual({
			allowed: false,
			heldBy: ['us-fl-501.616'],
		});
	});

	it('applies nothing of a state to a number outside it, and nothing to a Caribbean number', () => {
		expect(
			checkRules([FLORIDA], ['US-GA'], ['America/New_York'], at('2026-12-03T01:30:00Z')),
		).toEqual({
			allowed: true,
		});
		expect(checkRules(SALES, [], ['America/Jamaica'], at('2026-12-03T05:00:00Z'))).toEqual({
			allowed: true,
		});
	});
});

describe('US federal, collection', () => {
	it('20:59 in New York is inside, 21:00 is not', () => {
		expect(check(COLLECTION, '+12125550100', '2026-12-03T01:59:00Z')).toEqual({ allowed: true });
		expect(check(COLLECTION, '+12125550100', '2026-12-03T02:00:00Z')).toEqual({
			allowed: false,
			heldBy: ['us-12cfr1006.6b1i'],
			callableFrom: at('2026-12-03T13:00:00Z'),
		});
	});

	it('the 7th call within 7 days may be placed, the 8th waits until the first leaves the window', () => {
		const now = at('2026-12-08T15:00:00Z');
		const sixCalls = [6, 5, 4, 3, 2, 1].map((daysAgo) => now - daysAgo * DAY);
		expect(capCallableFrom(REG_F_SEVEN_IN_SEVEN.cap!, sixCalls, now)).toBe(now);
		const sevenCalls = [now - 6.5 * DAY, ...sixCalls];
		expect(capCallableFrom(REG_F_SEVEN_IN_SEVEN.cap!, sevenCalls, now)).toBe(now + 0.5 * DAY);
		// Calls older than 7 days do not count.
		expect(capCallableFrom(REG_F_SEVEN_IN_SEVEN.cap!, [now - 7 * DAY, ...sixCalls], now)).toBe(now);
	});

	it('a conversation 6 days ago holds the call one more day; 8 days ago, not at all', () => {
		const now = at('2026-12-08T15:00:00Z');
		const days = REG_F_AFTER_CONVERSATION.noCallDaysAfterConversation!;
		expect(conversationCallableFrom(days, [now - 6 * DAY], now)).toBe(now + DAY);
		expect(conversationCallableFrom(days, [now - 8 * DAY], now)).toBe(now);
		expect(conversationCallableFrom(days, [], now)).toBe(now);
	});
});

describe('Florida’s cap: at most 3 calls in 24 hours on the same subject', () => {
	it('the 3rd call may be placed, the 4th waits 24 hours after the first', () => {
		const now = at('2026-12-02T20:00:00Z');
		const two = [now - 5 * HOUR, now - 2 * HOUR];
		expect(capCallableFrom(FLORIDA.cap!, two, now)).toBe(now);
		expect(capCallableFrom(FLORIDA.cap!, [now - 10 * HOUR, ...two], now)).toBe(now + 14 * HOUR);
	});
});

describe('public holidays, computed for a year', () => {
	it('Easter and the days counted from it', () => {
		expect(new Date(easterSunday(2026)).toISOString().slice(0, 10)).toBe('2026-04-05');
		expect(new Date(easterSunday(2027)).toISOString().slice(0, 10)).toBe('2027-03-28');
		expect(
			holidayDates({ name: 'Mardi Gras', date: { kind: 'easter', offsetDays: -47 } }, 2026),
		).toEqual(['2026-02-17']);
		expect(
			holidayDates({ name: 'Good Friday', date: { kind: 'easter', offsetDays: -2 } }, 2026),
		).toEqual(['2026-04-03']);
	});

	it('n-th and last weekdays, election day in even years', () => {
		const thanksgiving = {
			name: 'Thanksgiving',
			date: { kind: 'nthWeekday', month: 11, weekday: 4, n: 4 },
		} as const;
		const memorial = {
			name: 'Memorial Day',
			date: { kind: 'nthWeekday', month: 5, weekday: 1, n: -1 },
		} as const;
		const election = { name: 'Election Day', date: { kind: 'electionDayEvenYears' } } as const;
		expect(holidayDates(thanksgiving, 2026)).toEqual(['2026-11-26']);
		expect(holidayDates(memorial, 2026)).toEqual(['2026-05-25']);
		expect(holidayDates(election, 2026)).toEqual(['2026-11-03']);
		expect(holidayDates(election, 2027)).toEqual([]);
	});

	it('a holiday on a weekend: the day and the day the statute moves it to', () => {
		const july4 = {
			name: 'Independence Day',
			date: { kind: 'fixed', month: 7, day: 4 },
			observed: { 6: -1, 7: 1 },
		} as const;
		expect(holidayDates(july4, 2026)).toEqual(['2026-07-04', '2026-07-03']); // a Saturday
		// New Year's Day 2028 is a Saturday: moved to Friday 31 December 2027.
		const newYear = {
			name: 'New Year',
			date: { kind: 'fixed', month: 1, day: 1 },
			observed: { 6: -1 },
		} as const;
		expect(holidayOn([newYear], '2027-12-31')?.name).toBe('New Year');
	});
});
