import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallBatch } from '../../helpers/batching';
import { outcomesFromResponse } from '../../helpers/callResults';
import type { CallOutcome } from '../../helpers/types';
import {
	eigiApiError,
	eigiRequest,
	isSuccess,
	transportApiError,
	type EigiResponse,
	type TransportFailure,
} from '../../transport';
import { describeEigiError } from '../../transport/errors';

export const OUTBOUND_ENDPOINT = '/v1/public/calls/outbound';

/** After this many failed requests in a row eigi is taken to be down: the rest are not sent. */
export const FAILURES_BEFORE_GIVING_UP = 3;

// Answers that concern one request (its agent, its data), not eigi as a whole.
const REQUEST_SPECIFIC_STATUSES = new Set([400, 404, 422]);

export interface PlacedBatch {
	batch: CallBatch;
	outcomes: CallOutcome[];
}

function failedBatch(batch: CallBatch, outcome: CallOutcome): PlacedBatch {
	return { batch, outcomes: batch.calls.map(() => ({ ...outcome })) };
}

function rejectedOutcome(response: EigiResponse): CallOutcome {
	const detail = describeEigiError(response.body);
	const said = detail ? `: ${detail}` : '';
	// eigi answered: a 4xx (a 429 included, once its waits ran out) means it refused the request.
	if (response.statusCode < 500) {
		return {
			status: 'failed',
			placed: 'no',
			httpCode: response.statusCode,
			message: `eigi refused the request (${response.statusCode})${said}. No call was placed; it is safe to run this item again.`,
			eigiResponse: response.body,
		};
	}
	return {
		status: 'uncertain',
		placed: 'maybe',
		httpCode: response.statusCode,
		message: `eigi failed while handling the request (${response.statusCode})${said}. The call may have been placed: check eigi's call history before running this item again.`,
		eigiResponse: response.body,
	};
}

function transportOutcome(failure: TransportFailure): CallOutcome {
	if (failure.kind === 'notSent') {
		return {
			status: 'failed',
			placed: 'no',
			message: `The request never reached eigi: ${failure.message}. No call was placed; it is safe to run this item again.`,
		};
	}
	return {
		status: 'uncertain',
		placed: 'maybe',
		message: `No answer from eigi: ${failure.message}. The call may have been placed: check eigi's call history before running this item again.`,
	};
}

/**
 * Sends the batches one after another and reports what happened to every call. Each request is
 * sent at most once (the transport only repeats 429s and requests that provably never left).
 *
 * Throwing is allowed only while no call can have been placed, and only when the node stops on
 * errors: n8n's Retry On Fail reruns a node that throws, and that must never call anyone again.
 */
export async function placeCalls(
	context: IExecuteFunctions,
	batches: CallBatch[],
	timeoutMs: number,
): Promise<PlacedBatch[]> {
	const mayThrow = () => !context.continueOnFail() && !anyCallMayBePlaced;
	let anyCallMayBePlaced = false;
	let failuresInARow = 0;
	const placed: PlacedBatch[] = [];

	for (const batch of batches) {
		if (failuresInARow >= FAILURES_BEFORE_GIVING_UP) {
			placed.push(
				failedBatch(batch, {
					status: 'notAttempted',
					placed: 'no',
					message: `Not sent: the last ${FAILURES_BEFORE_GIVING_UP} requests to eigi failed, so eigi looks unavailable. No call was placed; it is safe to run this item again later.`,
				}),
			);
			continue;
		}

		const { response, failure } = await eigiRequest(
			context,
			{
				method: 'POST',
				endpoint: OUTBOUND_ENDPOINT,
				body: {
					agent_id: batch.agentId,
					telephony_provider: batch.telephonyProvider,
					params: batch.calls.map((call) =>
						call.metadata
							? { mobile_number: call.phoneNumber, metadata: call.metadata }
							: { mobile_number: call.phoneNumber },
					),
				},
				timeout: timeoutMs,
			},
			{ idempotent: false },
		);

		if (failure) {
			if (failure.kind === 'cancelled')
				throw new NodeOperationError(context.getNode(), 'The execution was cancelled');
			if (failure.kind === 'notSent' && mayThrow()) throw transportApiError(context, failure);
			const outcome = transportOutcome(failure);
			if (outcome.status === 'uncertain') anyCallMayBePlaced = true;
			failuresInARow++;
			placed.push(failedBatch(batch, outcome));
			continue;
		}

		if (isSuccess(response)) {
			const outcomes = outcomesFromResponse(batch.calls, response.body);
			if (outcomes.some((outcome) => outcome.status === 'initiated')) anyCallMayBePlaced = true;
			failuresInARow = 0;
			placed.push({ batch, outcomes });
			continue;
		}

		const outcome = rejectedOutcome(response);
		if (outcome.status === 'failed' && mayThrow()) throw eigiApiError(context, response);
		if (outcome.status === 'uncertain') anyCallMayBePlaced = true;
		if (!REQUEST_SPECIFIC_STATUSES.has(response.statusCode)) failuresInARow++;
		placed.push(failedBatch(batch, outcome));
	}
	return placed;
}
