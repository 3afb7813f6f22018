import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { planBatches } from '../../helpers/batching';
import { loadPhoneNumberSupport } from '../../helpers/phoneNumber';
import { findRepeatedNumbers } from '../../helpers/duplicates';
import type { PreparedCall } from '../../helpers/types';
import { invalidItem, outcomeItem, problemMessage, skippedItem } from './outputItems';
import { placeCalls } from './placeCalls';
import { readCallOptions, readCallRequest, type ItemProblem } from './readCallRequest';

export { description } from './initiate.description';

function stopBeforeCalling(
	context: IExecuteFunctions,
	problems: ItemProblem[],
	itemCount: number,
): never {
	const [first] = problems;
	const others = problems.length - 1;
	throw new NodeOperationError(context.getNode(), problemMessage(first, itemCount), {
		itemIndex: first.itemIndex,
		description:
			`Nobody was called: every item is checked before any call is placed${others ? `, and ${others} more item${others > 1 ? 's have' : ' has'} problems` : ''}. ` +
			'Fix the input, or set the node\'s "On Error" setting to continue, so the valid numbers are called and the others come out as error items.',
	});
}

/**
 * One call per input item: check every item first, then send the valid ones in as few requests as
 * eigi allows, and return exactly one output item per input item, in input order.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const itemCount = items.length;
	const options = readCallOptions(this);
	const output: INodeExecutionData[] = new Array(itemCount);

	await loadPhoneNumberSupport();
	const calls: PreparedCall[] = [];
	const problems: ItemProblem[] = [];
	items.forEach((item, itemIndex) => {
		const result = readCallRequest(this, itemIndex, item);
		if ('call' in result) calls.push(result.call);
		else problems.push(result.problem);
	});
	if (problems.length && !this.continueOnFail()) stopBeforeCalling(this, problems, itemCount);
	for (const problem of problems) output[problem.itemIndex] = invalidItem(problem, itemCount);

	const repeats = options.skipRepeatedNumbers
		? findRepeatedNumbers(calls)
		: new Map<number, number>();
	const toCall = calls.filter((call) => {
		const firstItemIndex = repeats.get(call.itemIndex);
		if (firstItemIndex === undefined) return true;
		output[call.itemIndex] = skippedItem(call, firstItemIndex, itemCount);
		return false;
	});

	const placed = await placeCalls(this, planBatches(toCall, options.batchSize), options.timeoutMs);
	placed.forEach(({ batch, outcomes }, batchIndex) => {
		batch.calls.forEach((call, position) => {
			output[call.itemIndex] = outcomeItem(call, outcomes[position], batchIndex + 1);
		});
	});
	return output;
}
