import type { INodeExecutionData } from 'n8n-workflow';

import {
	checkCallingHours,
	zonesForNumber,
	type CallingHoursCheck,
	type CallingWindow,
} from '../../helpers/callingHours';
import type { PreparedCall } from '../../helpers/types';
import { heldItem } from './outputItems';

/**
 * Calling Hours: a number outside the window in its callee's local time is not called; its item
 * says why and when the window opens. The time zone table is loaded only when the option is used.
 */
export async function holdOutsideCallingHours(
	calls: PreparedCall[],
	window: CallingWindow | undefined,
	callUnknownTimeZones: boolean,
	nowMs: number,
	output: INodeExecutionData[],
): Promise<PreparedCall[]> {
	if (!window || !calls.length) return calls;
	const { TIME_ZONE_TABLE } = await import('../../vendor/timezones');
	// One answer per zone set: the clock is the same for every item of the run.
	const checks = new Map<string, CallingHoursCheck>();
	return calls.filter((call) => {
		const zones = call.timeZone
			? [call.timeZone]
			: zonesForNumber(TIME_ZONE_TABLE, call.phoneNumber);
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
