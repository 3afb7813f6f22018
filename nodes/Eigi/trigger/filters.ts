import type { IDataObject } from 'n8n-workflow';

import { isPlainRecord } from './safeJson';

/**
 * eigi sends every event of the account to every webhook destination: every agent's calls,
 * inbound and outbound, phone calls and web sessions. These filters let a trigger start only for
 * its own calls. Each reads a field of the conversation; a field the payload lacks is read from
 * the fetched conversation, and a filter that still cannot be checked lets the delivery through,
 * saying so (a result is never dropped on a guess).
 */

export type Direction = 'OUTBOUND' | 'INBOUND' | 'ANY';

export interface DeliveryFilters {
	/** Empty: every agent. */
	agentIds: string[];
	direction: Direction;
	/** Empty: every kind of conversation. */
	conversationTypes: string[];
}

export type FilterVerdict =
	| { verdict: 'pass' }
	| { verdict: 'drop'; reason: string }
	| { verdict: 'unknown'; missing: string[] };

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function metadataOf(conversation: IDataObject): IDataObject {
	return isPlainRecord(conversation.conversation_metadata)
		? (conversation.conversation_metadata as IDataObject)
		: {};
}

/** The fields the filters read, where eigi's conversation record keeps them. */
const FIELDS = {
	agent: (conversation: IDataObject) => text(conversation.agent_id),
	direction: (conversation: IDataObject) =>
		(text(metadataOf(conversation).calling_type) ?? text(conversation.calling_type))?.toUpperCase(),
	conversationType: (conversation: IDataObject) =>
		text(conversation.conversation_type)?.toUpperCase(),
};

/** Whether the conversation is one this trigger is for; `unknown` names the fields it lacks. */
export function checkFilters(filters: DeliveryFilters, conversation: IDataObject): FilterVerdict {
	const missing: string[] = [];
	const checks: Array<[string, string | undefined, (value: string) => string | undefined]> = [];
	if (filters.agentIds.length)
		checks.push([
			'agent_id',
			FIELDS.agent(conversation),
			(agent) =>
				filters.agentIds.includes(agent)
					? undefined
					: `agent ${agent} is not one of the trigger's agents`,
		]);
	if (filters.direction !== 'ANY')
		checks.push([
			'conversation_metadata.calling_type',
			FIELDS.direction(conversation),
			(direction) =>
				direction === filters.direction
					? undefined
					: `it is an ${direction.toLowerCase()} call, and the trigger is for ${filters.direction.toLowerCase()} calls`,
		]);
	if (filters.conversationTypes.length)
		checks.push([
			'conversation_type',
			FIELDS.conversationType(conversation),
			(type) =>
				filters.conversationTypes.includes(type)
					? undefined
					: `it is a ${type} conversation, and the trigger is for ${filters.conversationTypes.join(', ')}`,
		]);
	for (const [field, value, reject] of checks) {
		if (value === undefined) {
			missing.push(field);
			continue;
		}
		const reason = reject(value);
		if (reason) return { verdict: 'drop', reason };
	}
	return missing.length ? { verdict: 'unknown', missing } : { verdict: 'pass' };
}

/** The filters as the node's parameters give them. */
export function readFilters(parameters: {
	agentIds: unknown;
	direction: unknown;
	conversationTypes: unknown;
}): DeliveryFilters {
	const list = (value: unknown) =>
		(Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [])
			.map((entry) => String(entry).trim())
			.filter(Boolean);
	const direction = String(parameters.direction ?? 'ANY').toUpperCase();
	return {
		agentIds: list(parameters.agentIds),
		direction: direction === 'OUTBOUND' || direction === 'INBOUND' ? direction : 'ANY',
		conversationTypes: list(parameters.conversationTypes).map((type) => type.toUpperCase()),
	};
}
