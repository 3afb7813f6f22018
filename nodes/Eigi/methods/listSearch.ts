import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { eigiApiRequest } from '../transport';
import { AGENTS_ENDPOINT } from '../transport/endpoints';
import { readPage } from '../transport/pagination';

const PAGE_SIZE = 50;

/** The account's agents for the Agent picker, searched by name on eigi's side and paged. */
async function listAgents(
	context: ILoadOptionsFunctions,
	filter: string | undefined,
	paginationToken: string | undefined,
	agentType?: 'OUTBOUND',
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken) || 1;
	const qs: IDataObject = { page, page_size: PAGE_SIZE };
	if (filter?.trim()) qs.search = filter.trim();
	if (agentType) qs.agent_type = agentType;
	const body = await eigiApiRequest(context, 'GET', AGENTS_ENDPOINT, qs);
	const { rows, totalPages } = readPage(body, 'agents');
	const more = totalPages === undefined ? rows.length === PAGE_SIZE : page < totalPages;
	return {
		results: rows.map((agent) => ({
			// The direction tells agents apart where both kinds are listed (Agent → Get).
			name:
				agent.agent_type && !agentType
					? `${String(agent.agent_name ?? agent.id)} (${String(agent.agent_type).toLowerCase()})`
					: String(agent.agent_name ?? agent.id),
			value: String(agent.id),
		})),
		paginationToken: more ? String(page + 1) : undefined,
	};
}

export async function searchAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await listAgents(this, filter, paginationToken);
}

/** For Initiate Calls: an inbound agent cannot place a call. */
export async function searchOutboundAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await listAgents(this, filter, paginationToken, 'OUTBOUND');
}
