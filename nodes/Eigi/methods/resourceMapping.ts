import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { fetchAgentVariables } from '../actions/agent/variables';

/** One metadata field per dynamic variable the chosen agent declares, with eigi's type and description. */
export async function getAgentVariables(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const agentId = String(this.getNodeParameter('agentId', '', { extractValue: true }) ?? '').trim();
	if (!agentId) return { fields: [], emptyFieldsNotice: 'Choose an agent first' };
	const variables = await fetchAgentVariables(this, agentId);
	return {
		fields: variables.map((variable) => ({
			id: variable.name,
			displayName: `${variable.name} (${variable.type.toLowerCase()})${variable.description ? `: ${variable.description}` : ''}`,
			required: variable.required,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: variable.type === 'NUMBER' ? 'number' : 'string',
			...(variable.defaultValue ? { defaultValue: variable.defaultValue } : {}),
		})),
	};
}
