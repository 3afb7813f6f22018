import type { IDataObject, ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { agentVariables } from '../helpers/agentVariables';
import { eigiApiRequest } from '../transport';

/** One metadata field per dynamic variable the chosen agent declares. */
export async function getAgentVariables(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const agentId = String(this.getNodeParameter('agentId', '', { extractValue: true }) ?? '').trim();
	if (!agentId) return { fields: [], emptyFieldsNotice: 'Choose an agent first' };
	const agent = await eigiApiRequest<IDataObject>(
		this,
		'GET',
		`/v1/public/agents/${encodeURIComponent(agentId)}`,
	);
	return {
		fields: agentVariables(agent ?? {}).map((variable) => ({
			id: variable.name,
			displayName: variable.description
				? `${variable.name} (${variable.description})`
				: variable.name,
			required: variable.required,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'string',
			...(variable.defaultValue ? { defaultValue: variable.defaultValue } : {}),
		})),
	};
}
