import type { IDataObject } from 'n8n-workflow';

import type { PreparedCall } from './types';

export interface CallBatch {
	agentId: string;
	telephonyProvider: string;
	calls: PreparedCall[];
}

/**
 * Groups calls by agent and telephony provider (one eigi request serves one pair) and cuts each
 * group into requests of at most `batchSize` numbers. Groups keep the order in which they first
 * appear and calls keep their item order, so results read in the same order as the input.
 */
export function planBatches(calls: PreparedCall[], batchSize: number): CallBatch[] {
	const size = Math.max(1, Math.floor(batchSize));
	const groups = new Map<string, PreparedCall[]>();
	for (const call of calls) {
		const key = JSON.stringify([call.agentId, call.telephonyProvider]);
		const group = groups.get(key);
		if (group) group.push(call);
		else groups.set(key, [call]);
	}
	const batches: CallBatch[] = [];
	for (const group of groups.values()) {
		for (let start = 0; start < group.length; start += size) {
			const slice = group.slice(start, start + size);
			batches.push({
				agentId: slice[0].agentId,
				telephonyProvider: slice[0].telephonyProvider,
				calls: slice,
			});
		}
	}
	return batches;
}

/** One call as eigi's outbound request lists it in `params`. */
function requestEntry(call: PreparedCall): IDataObject {
	return call.metadata
		? { mobile_number: call.phoneNumber, metadata: call.metadata }
		: { mobile_number: call.phoneNumber };
}

/** The body of the request that places a batch's calls. */
export function requestBody(batch: CallBatch): IDataObject {
	return {
		agent_id: batch.agentId,
		telephony_provider: batch.telephonyProvider,
		params: batch.calls.map(requestEntry),
	};
}
