import type { INodeExecutionData } from 'n8n-workflow';

import {
	checkCallingHours,
	isoInZone,
	zonesForNumber,
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
	 * The first moment at or after `atMs` at which this callee may be called (ISO 8601 with the
	 * callee's offset), or null when no such moment is known (an unknown zone that is not called
	 * anyway, or hours that do not open within two weeks).
	 */
	callableFrom(call: PreparedCall, atMs: number): string | null;
}

/** The time zone table is loaded only when Calling Hours are used. */
export async function loadCalleeClock(
	window: CallingWindow | undefined,
	callUnknownTimeZones: boolean,
): Promise<CalleeClock> {
	const table = window ? (await import('../../vendor/timezones')).TIME_ZONE_TABLE : undefined;
	const zonesOf = (call: PreparedCall) =>
		call.timeZone ? [call.timeZone] : table && zonesForNumber(table, call.phoneNumber);
	return {
		zonesOf,
		callableFrom(call, atMs) {
			if (!window) return new Date(atMs).toISOString();
			const zones = zonesOf(call);
			if (!zones) return callUnknownTimeZones ? new Date(atMs).toISOString() : null;
			const check = checkCallingHours(window, zones, atMs);
			return check.inside ? isoInZone(zones[0], atMs) : (check.opensAt ?? null);
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
