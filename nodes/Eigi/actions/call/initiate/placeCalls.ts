import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requestBody, type CallBatch } from '../../../helpers/batching';
import { outcomesFromResponse } from '../../../helpers/callResults';
import type { CallOutcome, PreparedCall } from '../../../helpers/types';
import {
	eigiApiError,
	eigiRequest,
	isSuccess,
	transportApiError,
	type EigiResponse,
	type LastLookAnswer,
	type TransportFailure,
} from '../../../transport';
import { OUTBOUND_CALLS_ENDPOINT } from '../../../transport/endpoints';
import { describeEigiError } from '../../../transport/errors';
import type { SendRead } from './callHistory';
import type { EarlierAttempts } from './earlierAttempts';

/**
 * Each look costs a request of the rate limit's budget, as the send does: under a limit that lets
 * one request through per window, look and send would take turns being refused for ever. So a
 * request looks at most this often; after that it is sent as soon as it has its place again.
 */
export const MAX_LAST_LOOKS = 2;

/** After this many failed requests in a row eigi is taken to be down: the rest are not sent. */
export const FAILURES_BEFORE_GIVING_UP = 3;

// Answers that concern one request (its agent, its data), not eigi as a whole.
const REQUEST_SPECIFIC_STATUSES = new Set([400, 404, 422]);

/**
 * A look at eigi right before a request leaves (ContactPolicyGate.lastLook): the calls still to
 * send (their items settled otherwise), or eigi's 429 to the look's read.
 */
export type LastLookAtCalls = (
	calls: PreparedCall[],
	readNow: SendRead,
) => Promise<{ calls: PreparedCall[] } | { refused: EigiResponse }>;

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
 * sent at most once (the transport only repeats 429s and requests that provably never left), and
 * `attempts` holds every number that may have reached eigi, for any later attempt of this run.
 *
 * Throwing is allowed only while no call can have been placed, and only when the node stops on
 * errors: the item then stops the run, as n8n's On Error setting asks.
 */
export async function placeCalls(
	context: IExecuteFunctions,
	batches: CallBatch[],
	timeoutMs: number,
	attempts: EarlierAttempts,
	lastLook?: LastLookAtCalls,
): Promise<PlacedBatch[]> {
	const mayThrow = () => !context.continueOnFail() && !anyCallMayBePlaced;
	let anyCallMayBePlaced = false;
	let failuresInARow = 0;
	const placed: PlacedBatch[] = [];

	for (const [batchIndex, planned] of batches.entries()) {
		const batchNumber = batchIndex + 1;
		// What leaves: the planned calls less those the last look settled.
		let batch = planned;
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

		attempts.sending(batch, batchNumber);
		const post = (calls: CallBatch) => ({
			method: 'POST' as const,
			endpoint: OUTBOUND_CALLS_ENDPOINT,
			body: requestBody(calls),
			timeout: timeoutMs,
		});
		let looks = 0;
		const { response, failure } = await eigiRequest(context, post(batch), {
			idempotent: false,
			lastLook:
				lastLook &&
				(async (readNow): Promise<LastLookAnswer> => {
					if (looks >= MAX_LAST_LOOKS) return { send: post(batch) };
					const look = await lastLook(batch.calls, readNow);
					if ('refused' in look) return look;
					looks++;
					const left = new Set(look.calls);
					attempts.reachedNobody({
						...batch,
						calls: batch.calls.filter((call) => !left.has(call)),
					});
					batch = { ...batch, calls: look.calls };
					return { send: batch.calls.length ? post(batch) : null };
				}),
		});
		// The last look settled every call: nothing was sent, and every item has its output.
		if (!batch.calls.length) {
			placed.push({ batch, outcomes: [] });
			continue;
		}

		if (failure) {
			// Cancelled: the record written before sending stays (the calls may have been placed).
			if (failure.kind === 'cancelled')
				throw new NodeOperationError(context.getNode(), 'The execution was cancelled');
			if (failure.kind === 'notSent') attempts.reachedNobody(batch);
			if (failure.kind === 'notSent' && mayThrow()) throw transportApiError(context, failure);
			const result = failedBatch(batch, transportOutcome(failure));
			if (failure.kind !== 'notSent') {
				anyCallMayBePlaced = true;
				attempts.answered(batch, batchNumber, result.outcomes);
			}
			failuresInARow++;
			placed.push(result);
			continue;
		}

		if (isSuccess(response)) {
			const outcomes = outcomesFromResponse(batch.calls, response.body);
			attempts.answered(batch, batchNumber, outcomes);
			if (outcomes.some((outcome) => outcome.status !== 'failed')) anyCallMayBePlaced = true;
			failuresInARow = 0;
			placed.push({ batch, outcomes });
			continue;
		}

		const result = failedBatch(batch, rejectedOutcome(response));
		// A 429 is refused before eigi does anything: a later attempt may send it (Retry On Fail).
		if (response.statusCode === 429) attempts.reachedNobody(batch);
		else attempts.answered(batch, batchNumber, result.outcomes);
		if (result.outcomes[0].status === 'failed' && mayThrow()) {
			const error = eigiApiError(context, response);
			if (response.statusCode !== 429)
				attempts.stoppedWith({
					message: error.message,
					description: error.description ?? undefined,
				});
			throw error;
		}
		if (result.outcomes[0].status === 'uncertain') anyCallMayBePlaced = true;
		if (!REQUEST_SPECIFIC_STATUSES.has(response.statusCode)) failuresInARow++;
		placed.push(result);
	}
	return placed;
}
