import type { INodeExecutionData } from 'n8n-workflow';

import { regionsForNumber } from '../../../helpers/calleeRegion';
import {
	checkCallingHours,
	isInsideWindow,
	isoInZone,
	zonesForNumber,
	type CallableAt,
	type CallingWindow,
} from '../../../helpers/callingHours';
import { checkRules, closedRules, type CallingRule } from '../../../helpers/callingRules';
import { DAY_MS } from '../../../helpers/durations';
import type { PreparedCall } from '../../../helpers/types';
import { heldItem, type TimeHold } from './outputItems';

/** US territories with country codes of their own in ISO 3166 (PR, not US): US law applies there. */
const US_TERRITORIES = new Set(['AS', 'GU', 'MP', 'PR', 'UM', 'VI']);

/** Two weeks: the furthest Calling Hours and the place rules look for an opening together. */
const LOOK_AHEAD_MS = 14 * DAY_MS;

/**
 * The callee's clock and place: when a number may be called under Calling Hours (the window, and
 * a preset's rules of the callee's state or province), with the tables loaded once per run.
 */
export interface CalleeClock {
	/** The callee's zones (from the item or the number), or undefined when unknown. */
	zonesOf(call: PreparedCall): string[] | undefined;
	/** The callee's region codes ("US-FL", or the country "US" when the state is not known). */
	regionsOf(call: PreparedCall): string[];
	/** Why the number may not be called at `atMs` (undefined: it may), and from when it may. */
	check(call: PreparedCall, atMs: number): TimeHold | undefined;
	/**
	 * The first moment at or after `atMs` at which this callee may be called (with the callee's
	 * zone when known), or null when no such moment is known (an unknown zone that is not called
	 * anyway, or hours that do not open within two weeks).
	 */
	callableFrom(call: PreparedCall, atMs: number): CallableAt | null;
}

export interface TimeRules {
	/** undefined: any time. */
	window?: CallingWindow;
	/** A Calling Hours preset's rules, applied where the callee is. */
	placeRules: CallingRule[];
	/** Whether a number whose time zone is unknown is called anyway. */
	callUnknownTimeZones: boolean;
}

/**
 * The tables are loaded only when needed: the time zone table for Calling Hours, or when the
 * Contact Policy or a call limit may hold a number (`needZones`: its item then shows when it may
 * be called in the callee's time); the region table for a preset's rules or call limits.
 */
export async function loadCalleeClock(
	rules: TimeRules,
	{ needZones = false, needRegions = false } = {},
): Promise<CalleeClock> {
	const { window, placeRules, callUnknownTimeZones } = rules;
	const zoneTable =
		window || needZones || placeRules.length
			? (await import('../../../vendor/timezones')).TIME_ZONE_TABLE
			: undefined;
	const regionTable =
		needRegions || placeRules.length
			? (await import('../../../vendor/regions')).REGION_TABLE
			: undefined;
	const zonesOf = (call: PreparedCall) =>
		call.timeZone ? [call.timeZone] : zoneTable && zonesForNumber(zoneTable, call.phoneNumber);
	const regionsOf = (call: PreparedCall) =>
		(regionTable && regionsForNumber(regionTable, call.phoneNumber)) ??
		(call.country ? [US_TERRITORIES.has(call.country) ? `US-${call.country}` : call.country] : []);

	/** The first moment at or after `fromMs` that both the window and the place rules allow. */
	const opening = (regions: string[], zones: string[], fromMs: number) => {
		let candidate = fromMs;
		while (candidate <= fromMs + LOOK_AHEAD_MS) {
			const hours = window ? checkCallingHours(window, zones, candidate) : undefined;
			const windowOpens = !hours || hours.inside ? candidate : hours.opensAtMs;
			if (windowOpens === undefined) return undefined;
			const place = checkRules(placeRules, regions, zones, windowOpens);
			if (place.allowed) return windowOpens;
			if (place.callableFrom === undefined) return undefined;
			candidate = place.callableFrom;
		}
		return undefined;
	};

	const checkAt = (zones: string[], regions: string[], atMs: number): TimeHold | undefined => {
		// Per zone: whether the window is shut there, and which rules of the place forbid a call.
		const perZone = zones.map((zone) => ({
			zone,
			outsideWindow: window ? !isInsideWindow(window, zone, atMs) : false,
			closedBy: closedRules(placeRules, regions, [zone], atMs),
		}));
		const windowHolds = perZone.some((entry) => entry.outsideWindow);
		const heldByRules = placeRules.filter((rule) =>
			perZone.some((entry) => entry.closedBy.includes(rule)),
		);
		if (!windowHolds && !heldByRules.length) return undefined;
		const opensAtMs = opening(regions, zones, atMs);
		// The local times of the zones where it is not allowed, as Calling Hours always showed them.
		const closedIn = perZone
			.filter((entry) => entry.outsideWindow || entry.closedBy.length)
			.map((entry) => entry.zone);
		return {
			zones,
			localTimes: closedIn.map((zone) => ({ zone, localTime: isoInZone(zone, atMs) })),
			windowHolds,
			rules: heldByRules,
			callable: opensAtMs === undefined ? null : { atMs: opensAtMs, zone: zones[0] },
		};
	};
	// One answer per place and instant: most items of a run share a few.
	const checks = new Map<string, TimeHold | undefined>();

	const clock: CalleeClock = {
		zonesOf,
		regionsOf,
		check(call, atMs) {
			if (!window && !placeRules.length) return undefined;
			const zones = zonesOf(call);
			if (!zones) {
				if (callUnknownTimeZones) return undefined;
				return { zones: [], localTimes: [], windowHolds: true, rules: [], callable: null };
			}
			const regions = placeRules.length ? regionsOf(call) : [];
			const key = `${atMs}|${zones.join('&')}|${regions.join('&')}`;
			if (!checks.has(key)) checks.set(key, checkAt(zones, regions, atMs));
			return checks.get(key);
		},
		callableFrom(call, atMs) {
			const zones = zonesOf(call);
			if (!window && !placeRules.length) return { atMs, zone: zones?.[0] };
			if (!zones) return callUnknownTimeZones ? { atMs } : null;
			const opensAtMs = opening(placeRules.length ? regionsOf(call) : [], zones, atMs);
			return opensAtMs === undefined ? null : { atMs: opensAtMs, zone: zones[0] };
		},
	};
	return clock;
}

/**
 * Calling Hours: a number outside the window, or outside what its callee's place's rules allow,
 * in its callee's local time, is not called; its item says which rule holds it and when it may
 * be called.
 */
export function holdOutsideCallingHours(
	calls: PreparedCall[],
	rules: TimeRules,
	clock: CalleeClock,
	nowMs: number,
	output: INodeExecutionData[],
): PreparedCall[] {
	return calls.filter((call) => {
		const hold = clock.check(call, nowMs);
		if (hold) output[call.itemIndex] = heldItem(call, rules.window, hold);
		return !hold;
	});
}
