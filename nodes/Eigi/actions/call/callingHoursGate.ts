import type { INodeExecutionData } from 'n8n-workflow';

import {
	checkCallingHours,
	zonesForNumber,
	type CallableAt,
	type CallingHoursCheck,
	type CallingWindow,
} from '../../helpers/callingHours';
import type { PreparedCall } from '../../helpers/types';
import { heldItem } from './outputItems';

/** The callee's clock for Calling Hours, with the time zone table loaded once. */
export interface CalleeClock {
	/** The callee's zones (from the item or the number), or undefined when unknown. */
	zonesOf(call: PreparedCall): string[] | undefined;
	/**
	 * The first moment at or after `atMs` at which this callee may be called (with the callee's
	 * zone when known), or null when no such moment is known (an unknown zone that is not called
	 * anyway, or hours that do not open within two weeks).
	 */
	callableFrom(call: PreparedCall, atMs: number): CallableAt | null;
}

/**
 * The time zone table is loaded only when Calling Hours are used, or when the Contact Policy may
 * hold a number (`needZones`: its item then shows when it may be called in the callee's time).
 */
export async function loadCalleeClock(
	window: CallingWindow | undefined,
	callUnknownTimeZones: boolean,
	needZones = false,
): Promise<CalleeClock> {
	const table =
		window || needZones ? (await import('../../vendor/timezones')).TIME_ZONE_TABLE : undefined;
	const zonesOf = (call: PreparedCall) =>
		call.timeZone ? [call.timeZone] : table && zonesForNumber(table, call.phoneNumber);
	return {
		zonesOf,
		callableFrom(call, atMs) {
			const zones = zonesOf(call);
			if (!window) return { atMs, zone: zones?.[0] };
			if (!zones) return callUnknownTimeZones ? { atMs } : null;
			const check = checkCallingHours(window, zones, atMs);
			if (check.inside) return { atMs, zone: zones[0] };
			return check.opensAtMs === undefined ? null : { atMs: check.opensAtMs, zone: zones[0] };
		},
	};
}

/**
 * Calling Hours: a number outside the window in its callee's local time is not called; its item
 * says why and when the window opens.
 */
export function holdOutsideCallingHours(
	calls: PreparedCall[],
	window: CallingWindow | undefined,
	callUnknownTimeZones: boolean,
	clock: CalleeClock,
	nowMs: number,
	output: INodeExecutionData[],
): PreparedCall[] {
	if (!window || !calls.length) return calls;
	// One answer per zone set: the clock is the same for every item of the run.
	const checks = new Map<string, CallingHoursCheck>();
	return calls.filter((call) => {
		const zones = clock.zonesOf(call);
		if (!zones) {
			if (callUnknownTimeZones) return true;
			output[call.itemIndex] = heldItem(call, window, { zones: [] });
			return false;
		}
		const key = zones.join('&');
		let check = checks.get(key);
		if (!check) checks.set(key, (check = checkCallingHours(window, zones, nowMs)));
		if (check.inside) return true;
		output[call.itemIndex] = heldItem(call, window, { zones, check });
		return false;
	});
}
