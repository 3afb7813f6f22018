import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as getAgent from './agent/get.operation';
import * as getManyAgents from './agent/getMany.operation';
import * as initiate from './call/initiate.operation';
import * as getConversation from './conversation/get.operation';
import * as getManyConversations from './conversation/getMany.operation';

type PerItemOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<INodeExecutionData[]>;

const readOperations: Record<string, PerItemOperation> = {
	getConversation: getConversation.execute,
	getManyConversations: getManyConversations.execute,
	getAgent: getAgent.execute,
	getManyAgents: getManyAgents.execute,
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
	const operation = this.getNodeParameter('operation', 0) as string;

	if (operation === 'initiate') return [await initiate.execute.call(this, items)];
	const read = readOperations[operation];
	if (!read)
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	return [await runPerItem(this, items, read)];
}
