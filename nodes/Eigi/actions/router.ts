import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as agent from './agent/Agent.resource';
import * as call from './call/Call.resource';
import * as callResult from './callResult/CallResult.resource';

type PerItemOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<INodeExecutionData[]>;

// Reads run item by item. Initiate Calls is not here: it takes all items at once (batching).
const readOperations: Record<string, Record<string, PerItemOperation>> = {
	callResult: { get: callResult.get.execute, getAll: callResult.getAll.execute },
	agent: { get: agent.get.execute, getAll: agent.getAll.execute },
};

/** Reads run item by item; a failing item becomes an error item when the node continues on errors. */
async function runPerItem(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: PerItemOperation,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			output.push(...(await operation.call(context, itemIndex)));
		} catch (caught) {
			const error =
				caught instanceof NodeApiError || caught instanceof NodeOperationError
					? caught
					: new NodeOperationError(context.getNode(), caught as Error, { itemIndex });
			if (!context.continueOnFail()) throw error;
			output.push({ json: { error: error.message }, error, pairedItem: { item: itemIndex } });
		}
	}
	return output;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// Defaults matter: a workflow saved before the node had resources stores neither.
	const resource = this.getNodeParameter('resource', 0, 'call') as string;
	const operation = this.getNodeParameter('operation', 0, 'initiate') as string;

	if (resource === 'call' && operation === 'initiate')
		return [await call.initiate.execute.call(this, items)];
	const read = readOperations[resource]?.[operation];
	if (!read)
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	return [await runPerItem(this, items, read)];
}
