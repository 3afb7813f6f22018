import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkVariableValue, type AgentVariable } from '../../../helpers/agentVariables';
import type { PreparedCall } from '../../../helpers/types';
import { fetchAgentVariables } from '../../agent/variables';
import type { ItemProblem } from './readCallRequest';

function problemOf(call: PreparedCall, reason: string): ItemProblem {
	return {
		itemIndex: call.itemIndex,
		reason,
		context: {
			agentId: call.agentId,
			telephonyProvider: call.telephonyProvider,
			phoneNumberInput: call.phoneNumberInput as IDataObject[string],
			phoneNumber: call.phoneNumber,
			...(call.reference ? { reference: call.reference } : {}),
		},
	};
}

/** The item's metadata as the agent declares it: required variables there, values of their types. */
function checkCall(call: PreparedCall, variables: AgentVariable[]): PreparedCall | ItemProblem {
	const metadata: IDataObject = { ...(call.metadata ?? {}) };
	for (const variable of variables) {
		const value = metadata[variable.name];
		if (value === undefined || value === null || value === '') {
			if (variable.required)
				return problemOf(
					call,
					`the agent needs "${variable.name}" (${variable.type}), which is empty: map it to a field of the item`,
				);
			continue;
		}
		const checked = checkVariableValue(variable, value, call.defaultCountry);
		if (!checked.valid) return problemOf(call, checked.reason);
		metadata[variable.name] = checked.value as IDataObject[string];
	}
	return { ...call, metadata: Object.keys(metadata).length ? metadata : undefined };
}

/**
 * Metadata mode "Map the Agent's Variables": every item is checked against what eigi says the
 * agent expects (one request per agent per run), before anyone is called. PHONE values become
 * E.164, NUMBER values numbers. If the variables cannot be read, the node stops (On Error = stop),
 * or that agent's items fail.
 */
export async function checkAgentVariables(
	context: IExecuteFunctions,
	calls: PreparedCall[],
): Promise<{ calls: PreparedCall[]; problems: ItemProblem[] }> {
	const byAgent = new Map<string, AgentVariable[] | Error>();
	for (const call of calls) {
		if (byAgent.has(call.agentId)) continue;
		try {
			byAgent.set(call.agentId, await fetchAgentVariables(context, call.agentId, call.itemIndex));
		} catch (error) {
			if (!context.continueOnFail()) {
				throw new NodeOperationError(context.getNode(), error as Error, {
					itemIndex: call.itemIndex,
					message: `Nobody was called: the agent's variables could not be read from eigi (${(error as Error).message})`,
					description: (error as NodeApiError).description ?? undefined,
				});
			}
			byAgent.set(call.agentId, error as Error);
		}
	}
	const checked: PreparedCall[] = [];
	const problems: ItemProblem[] = [];
	for (const call of calls) {
		const variables = byAgent.get(call.agentId)!;
		const result =
			variables instanceof Error
				? problemOf(
						call,
						`the agent's variables could not be read from eigi (${variables.message})`,
					)
				: checkCall(call, variables);
		if ('reason' in result) problems.push(result);
		else checked.push(result);
	}
	return { calls: checked, problems };
}
