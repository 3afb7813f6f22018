import type { PreparedCall } from './types';

/**
 * Finds calls to a number that an earlier item of the same run already calls. Returns, for each
 * repeat, the index of the item that places the call. Keyed on the E.164 number alone: the same
 * person reached through two agents is still called twice.
 */
export function findRepeatedNumbers(calls: PreparedCall[]): Map<number, number> {
	const firstCaller = new Map<string, number>();
	const repeats = new Map<number, number>();
	for (const call of calls) {
		const first = firstCaller.get(call.phoneNumber);
		if (first === undefined) firstCaller.set(call.phoneNumber, call.itemIndex);
		else repeats.set(call.itemIndex, first);
	}
	return repeats;
}
