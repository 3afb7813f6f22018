import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CallBatch } from '../../../helpers/batching';
import type { CallOutcome, PreparedCall } from '../../../helpers/types';

/**
 * Nothing is sent twice within one execution, whatever makes n8n run this node again: Retry On
 * Fail after a throw, Retry On Fail after an error item in first place (n8n re-runs a node whose
 * first output item has `json.error`, even when it returned normally), or an execution retried
 * from n8n's list (which starts from the saved execution data).
 *
 * Before a request leaves, its numbers are written into the node's execution context, which n8n
 * keeps with the execution and hands to every later attempt of the same run; once eigi answers,
 * the record holds the outcome. A later attempt reports those items as the earlier one ended them
 * and sends only the rest. Only requests that surely reached nobody are forgotten: a connection
 * that was never made, and a 429 (eigi refused it before doing anything).
 */

const CONTEXT_KEY = 'eigiOutboundCallAttempts';

interface SentCall {
	phoneNumber: string;
	agentId: string;
	batch: number;
	outcome: CallOutcome;
	/** The Contact Policy's count when it was sent (PreparedCall.previousAttempts). */
	previousAttempts?: number;
}

/** An error the node stopped with after something reached eigi: a later attempt stops the same way. */
export interface RecordedStop {
	message: string;
	description?: string;
}

interface RunRecord {
	sent: Record<string, SentCall>;
	stop?: RecordedStop;
}

export interface EarlierOutcome {
	sentAs: SentCall;
	/** The item of the earlier attempt that sent this number, when it is another item. */
	sentByItem?: number;
}

/** Kept in n8n's execution data: plain JSON, no class instances. */
function copyOutcome(outcome: CallOutcome): CallOutcome {
	return JSON.parse(JSON.stringify(outcome)) as CallOutcome;
}

export class EarlierAttempts {
	/** Numbers sent by earlier attempts, to the item that sent each. */
	private readonly senders = new Map<string, number>();

	private constructor(private readonly run: RunRecord) {
		for (const [itemIndex, sent] of Object.entries(run.sent))
			this.senders.set(sent.phoneNumber, Number(itemIndex));
	}

	/** The record of this node's run (a node inside a loop runs several times in one execution). */
	static of(context: IExecuteFunctions): EarlierAttempts {
		const nodeContext = context.getContext('node') as IDataObject;
		const runIndex = String(context.getWorkflowDataProxy(0).$runIndex ?? 0);
		const runs = (nodeContext[CONTEXT_KEY] ??= {}) as Record<string, RunRecord>;
		return new EarlierAttempts((runs[runIndex] ??= { sent: {} }));
	}

	get stop(): RecordedStop | undefined {
		return this.run.stop;
	}

	/** What an earlier attempt of this run did with this call's number, if it sent it. */
	outcomeOf(call: PreparedCall): EarlierOutcome | undefined {
		const sender = this.senders.get(call.phoneNumber);
		if (sender === undefined) return undefined;
		const sentAs = this.run.sent[sender];
		return sender === call.itemIndex ? { sentAs } : { sentAs, sentByItem: sender };
	}

	/** Whether this attempt sent the item's call in a request that may have reached eigi. */
	mayHaveReachedEigi(itemIndex: number): boolean {
		const sent = this.run.sent[itemIndex];
		if (!sent) return false;
		return sent.outcome.status === 'initiated' || sent.outcome.placed === 'maybe';
	}

	/** The conversation eigi gave the item's call, once it answered with one. */
	conversationOf(itemIndex: number): string | null {
		const outcome = this.run.sent[itemIndex]?.outcome;
		return outcome?.status === 'initiated' ? (outcome.conversationId ?? null) : null;
	}

	/** Written before the request leaves: if this attempt ends before the answer, the calls may be placed. */
	sending(batch: CallBatch, batchNumber: number): void {
		const outcome: CallOutcome = {
			status: 'uncertain',
			placed: 'maybe',
			message:
				"An earlier attempt of this node sent this call to eigi and ended before eigi's answer was read. The call may have been placed: check eigi's call history before running this item again.",
		};
		this.write(batch, batchNumber, () => outcome);
	}

	answered(batch: CallBatch, batchNumber: number, outcomes: CallOutcome[]): void {
		this.write(batch, batchNumber, (position) => outcomes[position]);
	}

	/** The request reached nobody (no connection, or a 429): a later attempt may send it. */
	reachedNobody(batch: CallBatch): void {
		for (const call of batch.calls) delete this.run.sent[call.itemIndex];
	}

	stoppedWith(stop: RecordedStop): void {
		this.run.stop = stop;
	}

	private write(
		batch: CallBatch,
		batchNumber: number,
		outcomeAt: (position: number) => CallOutcome,
	): void {
		batch.calls.forEach((call, position) => {
			this.run.sent[call.itemIndex] = {
				phoneNumber: call.phoneNumber,
				agentId: call.agentId,
				batch: batchNumber,
				outcome: copyOutcome(outcomeAt(position)),
				...(call.previousAttempts === undefined ? {} : { previousAttempts: call.previousAttempts }),
			};
		});
	}
}
