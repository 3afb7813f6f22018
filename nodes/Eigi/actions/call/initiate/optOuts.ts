import type { INodeExecutionData } from 'n8n-workflow';

import { phoneDigits } from '../../../helpers/phoneNumber';
import type { PreparedCall } from '../../../helpers/types';
import { optedOutItem } from './outputItems';

export type OptedOut = Partial<PreparedCall> & { itemIndex: number };

/**
 * Opted Out is the person's, not the row's: an item whose person opted out is never sent, and
 * neither is any other item of the run with the same number (a customer with two overdue invoices
 * who said "stop calling me" once is not called about the other). Returns the calls still to
 * check, in order.
 */
export function settleOptOuts(
	calls: PreparedCall[],
	optedOut: OptedOut[],
	itemCount: number,
	output: INodeExecutionData[],
): PreparedCall[] {
	const byNumber = new Map<string, number>();
	for (const entry of optedOut) {
		output[entry.itemIndex] = optedOutItem(entry, entry.itemIndex);
		const digits = entry.phoneNumber ? phoneDigits(entry.phoneNumber) : '';
		if (digits && !byNumber.has(digits)) byNumber.set(digits, entry.itemIndex);
	}
	if (!byNumber.size) return calls;
	return calls.filter((call) => {
		const saidBy = byNumber.get(phoneDigits(call.phoneNumber));
		if (saidBy !== undefined)
			output[call.itemIndex] = optedOutItem(call, call.itemIndex, { saidBy, itemCount });
		return saidBy === undefined;
	});
}
