import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { planBatches } from '../../../helpers/batching';
import { findRepeatedNumbers } from '../../../helpers/duplicates';
import { loadPhoneNumberSupport } from '../../../helpers/phoneNumber';
import type { PreparedCall } from '../../../helpers/types';
import { checkAgentVariables } from './agentVariablesCheck';
import { holdOutsideCallingHours, loadCalleeClock } from './callingHoursGate';
import { ContactPolicyGate } from './contactPolicyGate';
import { EarlierAttempts } from './earlierAttempts';
import {
	dryRunItem,
	earlierAttemptItem,
	invalidItem,
	outcomeItem,
	problemMessage,
	skippedItem,
} from './outputItems';
import type { Claim } from './numberClaims';
import { placeCalls, type PlacedBatch } from './placeCalls';
import { settleOptOuts, type OptedOut } from './optOuts';
import { readCallOptions } from './readCallOptions';
import { readCallRequest, type ItemProblem } from './readCallRequest';

export { description } from './initiate.description';

function stopBeforeCalling(
	context: IExecuteFunctions,
	problems: ItemProblem[],
	itemCount: number,
): never {
	const [first] = problems;
	const others = problems.length - 1;
	// "Nobody was called" leads the message itself: an AI Agent receives the message, not the description.
	throw new NodeOperationError(
		context.getNode(),
		`Nobody was called. ${problemMessage(first, itemCount)}`,
		{
			itemIndex: first.itemIndex,
			description:
				`Every item is checked before any call is placed${others ? `, and ${others} more item${others > 1 ? 's have' : ' has'} problems` : ''}. ` +
				'Fix the input, or set the node\'s "On Error" setting to continue, so the valid numbers are called and the others come out as error items.',
		},
	);
}

/**
 * Keeps the claims of calls that may have reached eigi (with their conversation once known) and
 * releases the others: a number whose call provably never left may be called again at once.
 */
function settleClaims(claimed: Map<number, Claim>, attempts: EarlierAttempts): void {
	for (const [itemIndex, claim] of claimed) {
		if (attempts.mayHaveReachedEigi(itemIndex)) {
			claim.conversationId = attempts.conversationOf(itemIndex);
			claim.kept = true;
		} else claim.released = true;
	}
}

/**
 * One call per input item. The steps, each of which may settle an item for good:
 * 1. check every item (agent, number, metadata, the agent's declared variables) before anyone is
 *    called; an item whose person opted out comes out `optedOut`, whatever else it holds, and so
 *    does every other item of the run with the same number (optOuts.ts);
 * 2. items an earlier attempt of this run already sent come out as that attempt ended them;
 * 3. a number that an earlier item of this run calls is skipped (Skip Repeated Numbers);
 * 4. eigi's call history, and the calls other runs of this n8n are placing, decide (Contact
 *    Policy, then Call Limits): skipped, reached, given up, or held until the policy and every
 *    limit allow the next call; the rest learn their attempt number;
 * 5. a number outside Calling Hours in its callee's local time (the window, and a preset's rules
 *    of the callee's state) is held;
 * 6. under a Contact Policy or Call Limits, the numbers still to call are claimed for this run
 *    (numberClaims.ts): 4 to 6 run without a pause, so no other run of this n8n decides in between;
 * 7. the rest is sent in as few requests as eigi allows, or shown as it would be (Dry Run), each
 *    request with a last look at eigi's history when it waited (another n8n may have called);
 *    claims of calls that never left are released.
 * Every input item comes out as exactly one output item, in input order: `output` is filled by
 * item index, and each step hands on only the items it did not settle.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const itemCount = items.length;
	const options = readCallOptions(this);
	const output: INodeExecutionData[] = new Array(itemCount);
	const attempts = EarlierAttempts.of(this);
	if (attempts.stop) {
		throw new NodeOperationError(this.getNode(), attempts.stop.message, {
			description:
				`${attempts.stop.description ?? ''} (An earlier attempt of this node in this execution stopped here; nothing was sent again.)`.trim(),
		});
	}

	await loadPhoneNumberSupport();
	let checked: PreparedCall[] = [];
	const problems: ItemProblem[] = [];
	const optedOut: OptedOut[] = [];
	items.forEach((item, itemIndex) => {
		const result = readCallRequest(this, itemIndex, item);
		if ('call' in result) checked.push(result.call);
		else if ('optedOut' in result) optedOut.push(result.optedOut);
		else problems.push(result.problem);
	});
	checked = settleOptOuts(checked, optedOut, itemCount, output);
	if (options.metadataMode === 'agentVariables') {
		const variables = await checkAgentVariables(this, checked);
		checked = variables.calls;
		problems.push(...variables.problems);
		problems.sort((a, b) => a.itemIndex - b.itemIndex);
	}
	if (problems.length && !this.continueOnFail()) stopBeforeCalling(this, problems, itemCount);
	for (const problem of problems) output[problem.itemIndex] = invalidItem(problem, itemCount);

	const notSentBefore = checked.filter((call) => {
		const earlier = attempts.outcomeOf(call);
		if (earlier) output[call.itemIndex] = earlierAttemptItem(call, earlier, itemCount);
		return !earlier;
	});

	const repeats = options.skipRepeatedNumbers
		? findRepeatedNumbers(notSentBefore)
		: new Map<number, number>();
	const firstCalls = notSentBefore.filter((call) => {
		const firstItemIndex = repeats.get(call.itemIndex);
		if (firstItemIndex !== undefined)
			output[call.itemIndex] = skippedItem(call, firstItemIndex, itemCount);
		return firstItemIndex === undefined;
	});

	const nowMs = Date.now();
	const clock = await loadCalleeClock(options.timeRules, {
		needZones: options.contactPolicy.mode === 'redial' || options.callLimits.length > 0,
		needRegions: options.callLimits.length > 0,
	});
	const policy = await ContactPolicyGate.read(
		this,
		firstCalls,
		options.contactPolicy,
		options.callLimits,
		nowMs,
		output,
	);

	// From here until the claims are made: no await (see step 6). No gate: Call Every Item without
	// Call Limits; a null one: every item is settled (the history could not be read, or another
	// run calls each number).
	const due =
		policy === undefined
			? firstCalls
			: policy === null
				? []
				: policy.decide(firstCalls, clock, nowMs, output);
	const toCall = holdOutsideCallingHours(due, options.timeRules, clock, nowMs, output);

	if (options.dryRun) {
		planBatches(toCall, options.batchSize).forEach((batch, batchIndex) => {
			for (const call of batch.calls) output[call.itemIndex] = dryRunItem(call, batchIndex + 1);
		});
		return output;
	}

	const claimed = policy ? policy.claim(toCall) : new Map<number, Claim>();
	let placed: PlacedBatch[];
	try {
		placed = await placeCalls(
			this,
			planBatches(toCall, options.batchSize),
			options.timeoutMs,
			attempts,
			policy
				? async (calls, readNow) => await policy.lastLook(calls, readNow, clock, output)
				: undefined,
		);
	} finally {
		settleClaims(claimed, attempts);
	}
	placed.forEach(({ batch, outcomes }, batchIndex) => {
		batch.calls.forEach((call, position) => {
			output[call.itemIndex] = outcomeItem(call, outcomes[position], batchIndex + 1);
		});
	});
	return output;
}
