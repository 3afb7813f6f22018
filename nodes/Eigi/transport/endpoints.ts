/**
 * eigi's API paths, from the API root (the credential's Base URL), each written once. The
 * credential's test request names the agents path itself: the credential sits below the nodes.
 */

/** GET: the account's agents, paged (`agents`), filtered by `agent_type` and `search`. */
export const AGENTS_ENDPOINT = '/v1/public/agents';

/** GET: conversations, paged (`data`), filtered by agent, type, direction, status and dates. */
export const CONVERSATIONS_ENDPOINT = '/v1/public/conversations';

/** POST: places one call per entry of `params`. */
export const OUTBOUND_CALLS_ENDPOINT = '/v1/public/calls/outbound';

/** GET: one agent. */
export function agentEndpoint(agentId: string): string {
	return `${AGENTS_ENDPOINT}/${encodeURIComponent(agentId)}`;
}

/** GET: the dynamic variables one agent expects (404 on an eigi without the endpoint). */
export function agentVariablesEndpoint(agentId: string): string {
	return `${agentEndpoint(agentId)}/dynamic-variables`;
}

/** GET: one conversation, with its transcript once the call has ended. */
export function conversationEndpoint(conversationId: string): string {
	return `${CONVERSATIONS_ENDPOINT}/${encodeURIComponent(conversationId)}`;
}
