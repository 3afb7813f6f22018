import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { AGENTS_ENDPOINT } from '../transport/endpoints';
import { eigiApiRequestAll } from '../transport/pagination';

// Enough for any account's agents; a picker with more is not usable anyway (IDs work by expression).
const MOST_AGENTS = 1000;

/** Every agent of the account, inbound and outbound, for the eigi Trigger's Agents filter. */
export async function getAgents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const agents = await eigiApiRequestAll(this, AGENTS_ENDPOINT, 'agents', {}, MOST_AGENTS);
	return agents
		.map((agent) => ({
			name: `${String(agent.agent_name ?? agent.id)}${agent.agent_type ? ` (${String(agent.agent_type).toLowerCase()})` : ''}`,
			value: String(agent.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
