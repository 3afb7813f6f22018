import {
	callableTimes,
	checkCallingHours,
	isKnownTimeZone,
	isoInZone,
	parseClockTime,
	zonesForNumber,
	type CallingWindow,
} from '../../nodes/Eigi/helpers/callingHours';
import { TIME_ZONE_TABLE } from '../../nodes/Eigi/vendor/timezones';

// Every clock here is pinned: an instant in UTC, and what the callee's wall clock shows then.
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const DAYTIME: CallingWindow = { startMinutes: 8 * 60, endMinutes: 21 * 60, weekdays: EVERY_DAY };

const at = (iso: string) => Date.parse(iso);
const zones = (e164: string) => zonesForNumber(TIME_ZONE_TABLE, e164)!;
const check = (e164: string, iso: string, window = DAYTIME) =>
	checkCallingHours(window, zones(e164), at(iso));

describe('the callee time zone, from the number', () => {
	it.each([
		['+12125550100', ['America/New_York']], // New York
		['+13105550100', ['America/Los_Angeles']], // Los Angeles
		['+13055550100', ['America/New_York']], // Miami
		['+17755550100', ['America/Boise', 'America/Los_Angeles']], // Nevada: one area code, two zones
		['+919876543210', ['Asia/Calcutta']],
		['+9779801234567', ['Asia/Katmandu']],
		['+61291234567', ['Australia/Sydney']],
	])('%s → %p', (e164, expected) => {
		expect(zones(e164)).toEqual(expected);
	});

	it('gives every zone of a prefix several zones share (Western and South Australia’s 08)', () => {
		expect(zones('+61891234567')).toEqual(['Australia/Adelaide', 'Australia/Perth']);
	});

	it('knows no zone for a number outside the map', () => {
		expect(zonesForNumber(TIME_ZONE_TABLE, '+8')).toBeUndefined();
	});

	it('resolves legacy zone names through Intl', () => {
		expect(isKnownTimeZone('Asia/Calcutta')).toBe(true);
		expect(isKnownTimeZone('Asia/Katmandu')).toBe(true);
		expect(isoInZone('Asia/Calcutta', at('2026-12-02T12:00:00Z'))).toBe(
			'2026-12-02T17:30:00+05:30',
		);
		expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
	});
});

describe('calling hours 08:00–21:00 in the callee’s local time', () => {
	it('22:30 in New York is outside, 19:30 in Los Angeles is inside (the same instant)', () => {
		const instant = '2026-12-03T03:30:00Z';
		expect(check('+12125550100', instant)).toEqual({
			inside: false,
			localTimes: [{ zone: 'America/New_York', localTime: '2026-12-02T22:30:00-05:00' }],
			opensAt: '2026-12-03T08:00:00-05:00',
			opensAtMs: at('2026-12-03T13:00:00Z'),
		});
		expect(check('+13105550100', instant)).toEqual({ inside: true });
	});

	it('counts the start and not the end: 08:00 and 20:59 are inside, 07:59 and 21:00 are not', () => {
		expect(check('+13105550100', '2026-12-02T16:00:00Z').inside).toBe(true); // 08:00 PST
		expect(check('+13105550100', '2026-12-02T15:59:00Z').inside).toBe(false); // 07:59 PST
		expect(check('+12125550100', '2026-12-03T01:59:00Z').inside).toBe(true); // 20:59 EST
		expect(check('+12125550100', '2026-12-03T02:00:00Z').inside).toBe(false); // 21:00 EST
	});

	it('holds a split area code until it is daytime in both of its zones', () => {
		// 07:30 in Los Angeles is 08:30 in Boise: not yet in the Pacific part of Nevada.
		const result = check('+17755550100', '2026-12-02T15:30:00Z');
		expect(result).toMatchObject({
			inside: false,
			localTimes: [{ zone: 'America/Los_Angeles', localTime: '2026-12-02T07:30:00-08:00' }],
		});
		expect(Date.parse((result as { opensAt: string }).opensAt)).toBe(at('2026-12-02T16:00:00Z'));
	});

	it('holds a multi-zone prefix while any of its zones is outside', () => {
		// 12:00 in Perth is 14:30 in Adelaide (inside both); 19:00 in Perth is 21:30 in Adelaide.
		expect(check('+61891234567', '2026-12-02T04:00:00Z').inside).toBe(true);
		expect(check('+61891234567', '2026-12-02T11:00:00Z').inside).toBe(false);
	});

	it('uses India’s +5:30 and Nepal’s +5:45', () => {
		// 02:25 UTC is 07:55 in India and 08:10 in Nepal.
		expect(check('+919876543210', '2026-12-02T02:25:00Z')).toMatchObject({
			inside: false,
			opensAt: '2026-12-02T08:00:00+05:30',
		});
		expect(check('+9779801234567', '2026-12-02T02:25:00Z').inside).toBe(true);
		expect(check('+9779801234567', '2026-12-02T02:14:00Z')).toMatchObject({
			inside: false,
			localTimes: [{ zone: 'Asia/Katmandu', localTime: '2026-12-02T07:59:00+05:45' }],
		});
	});

	it('gives the opening time across a DST change (Sydney goes to +11:00 on 4 October 2026)', () => {
		// Saturday 22:00 AEST (+10:00); the window opens on Sunday at 08:00 AEDT (+11:00).
		expect(check('+61291234567', '2026-10-03T12:00:00Z')).toEqual({
			inside: false,
			localTimes: [{ zone: 'Australia/Sydney', localTime: '2026-10-03T22:00:00+10:00' }],
			opensAt: '2026-10-04T08:00:00+11:00',
			opensAtMs: at('2026-10-03T21:00:00Z'),
		});
	});

	it('skips weekdays that are not allowed', () => {
		const weekdays: CallingWindow = { ...DAYTIME, weekdays: [1, 2, 3, 4, 5] };
		// Saturday 12:00 in New York → Monday 08:00.
		expect(check('+12125550100', '2026-12-05T17:00:00Z', weekdays)).toMatchObject({
			inside: false,
			opensAt: '2026-12-07T08:00:00-05:00',
		});
	});

	it('handles a window that crosses midnight, as part of the day it starts', () => {
		const night: CallingWindow = { startMinutes: 20 * 60, endMinutes: 6 * 60, weekdays: [5] };
		// Friday 23:00 and Saturday 02:00 are in Friday's window; Saturday 21:00 is not.
		expect(check('+12125550100', '2026-12-05T04:00:00Z', night).inside).toBe(true);
		expect(check('+12125550100', '2026-12-05T07:00:00Z', night).inside).toBe(true);
		expect(check('+12125550100', '2026-12-06T02:00:00Z', night)).toMatchObject({
			inside: false,
			opensAt: '2026-12-11T20:00:00-05:00',
		});
	});
});

describe('clock times', () => {
	it.each([
		['08:00', 480],
		['8:30', 510],
		['21:00', 1260],
		['24:00', 1440],
		['25:00', undefined],
		['8', undefined],
		['', undefined],
	])('%p → %p', (text, minutes) => {
		expect(parseClockTime(text)).toBe(minutes);
	});
});

describe('callableTimes', () => {
	it('rounds up to the whole second: never earlier than the moment a run would call', () => {
		const atMs = Date.parse('2026-12-03T20:39:57.505Z');
		expect(callableTimes({ atMs, zone: 'Asia/Kolkata' })).toEqual({
			callableFrom: '2026-12-03T20:39:58Z',
			callableFromLocal: '2026-12-04T02:09:58+05:30',
		});
		expect(Date.parse(callableTimes({ atMs }).callableFrom!)).toBeGreaterThanOrEqual(atMs);
	});

	it('keeps a whole second as it is, and gives no local time without a zone', () => {
		const atMs = Date.parse('2026-12-03T13:00:00Z');
		expect(callableTimes({ atMs })).toEqual({
			callableFrom: '2026-12-03T13:00:00Z',
			callableFromLocal: null,
		});
		expect(callableTimes(null)).toEqual({ callableFrom: null, callableFromLocal: null });
	});
});
