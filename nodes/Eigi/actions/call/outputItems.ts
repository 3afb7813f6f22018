import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { CallOutcome, PreparedCall } from '../../helpers/types';
import type { ItemProblem } from './readCallRequest';

/** "item 3 of 10", as a person counts the rows of the input. */
export function itemLabel(itemIndex: number, itemCount: number): string {
	return `item ${itemIndex + 1} of ${itemCount}`;
}

function callFields(call: PreparedCall): IDataObject {
	return {
		phoneNumber: call.phoneNumber,
		phoneNumberInput: call.phoneNumberInput as IDataObject[string],
		agentId: call.agentId,
		telephonyProvider: call.telephonyProvider,
		metadata: call.metadata ?? {},
	};
}

/**
 * An error item: `error` on the item lets n8n route it to the error output, and the JSON says
 * what was sent (or would have been) and whether running the item again is safe.
 */
function errorItem(
	context: IExecuteFunctions,
	itemIndex: number,
	message: string,
	json: IDataObject,
	httpCode?: number,
): INodeExecutionData {
	const error =
		httpCode === undefined
			? new NodeOperationError(context.getNode(), message, { itemIndex })
			: new NodeApiError(context.getNode(), { message, httpCode: String(httpCode) }, { message, itemIndex, httpCode: String(httpCode) });
	return { json: { ...json, error: message }, error, pairedItem: { item: itemIndex } };
}

export function invalidItem(context: IExecuteFunctions, problem: ItemProblem, itemCount: number): INodeExecutionData {
	const message = `${capitalize(itemLabel(problem.itemIndex, itemCount))}: ${problem.reason}`;
	return errorItem(context, problem.itemIndex, message, {
		status: 'invalid',
		callPlaced: 'no',
		safeToRetry: true,
		...problem.context,
	});
}

export function skippedItem(call: PreparedCall, firstItemIndex: number, itemCount: number): INodeExecutionData {
	return {
		json: {
			status: 'skipped',
			callPlaced: 'no',
			...callFields(call),
			message: `Not called: ${itemLabel(firstItemIndex, itemCount)} already calls ${call.phoneNumber} in this run (option Skip Repeated Numbers)`,
			repeatOfItem: firstItemIndex,
		},
		pairedItem: { item: call.itemIndex },
	};
}

export function outcomeItem(
	context: IExecuteFunctions,
	call: PreparedCall,
	outcome: CallOutcome,
	batchNumber: number,
): INodeExecutionData {
	if (outcome.status === 'initiated') {
		return {
			json: {
				status: 'initiated',
				callPlaced: 'yes',
				conversationId: outcome.conversationId ?? null,
				...callFields(call),
				message: outcome.message,
				batch: batchNumber,
				eigiResponse: outcome.eigiResponse as IDataObject,
			},
			pairedItem: { item: call.itemIndex },
		};
	}
	return errorItem(
		context,
		call.itemIndex,
		outcome.message,
		{
			status: outcome.status,
			callPlaced: outcome.placed,
			safeToRetry: outcome.placed === 'no',
			...callFields(call),
			batch: batchNumber,
			...(outcome.httpCode ? { httpCode: outcome.httpCode } : {}),
			...(outcome.eigiResponse === undefined ? {} : { eigiResponse: outcome.eigiResponse as IDataObject }),
		},
		outcome.httpCode,
	);
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
