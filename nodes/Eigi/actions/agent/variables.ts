import type { IDataObject } from 'n8n-workflow';

import { agentVariables, type AgentVariable } from '../../helpers/agentVariables';
import {
	eigiApiError,
	eigiApiRequest,
	eigiRequest,
	isSuccess,
	transportApiError,
	type EigiContext,
} from '../../transport';
import { agentEndpoint, agentVariablesEndpoint } from '../../transport/endpoints';

/**
 * What an agent expects in `metadata`: eigi's dynamic-variables endpoint (names, required, types,
 * descriptions). An eigi without that endpoint answers 404: then the agent's own list of names.
 */
export async function fetchAgentVariables(
	context: EigiContext,
	agentId: string,
	itemIndex?: number,
): Promise<AgentVariable[]> {
	const { response, failure } = await eigiRequest(context, {
		method: 'GET',
		endpoint: agentVariablesEndpoint(agentId),
	});
	if (failure) throw transportApiError(context, failure, itemIndex);
	if (isSuccess(response)) return agentVariables((response.body ?? {}) as IDataObject);
	if (response.statusCode !== 404) throw eigiApiError(context, response, itemIndex);

	const agent = await eigiApiRequest<IDataObject>(
		context,
		'GET',
		agentEndpoint(agentId),
		undefined,
		itemIndex,
	);
	return agentVariables(agent ?? {});
}
