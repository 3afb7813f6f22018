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

interface Filter {
	/** The field it reads, as `unknown` names it when the conversation lacks it. */
	field: string;
	/** Whether the trigger's settings ask for this filter at all. */
	applies: (filters: DeliveryFilters) => boolean;
	/** The field, where eigi's conversation record keeps it. */
	read: (conversation: IDataObject) => string | undefined;
	/** Why a conversation with this value is not for the trigger; undefined when it is. */
	reject: (filters: DeliveryFilters, value: string) => string | undefined;
}

/** The filters, checked in this order. */
const FILTERS: Filter[] = [
	{
		field: 'agent_id',
		applies: (filters) => filters.agentIds.length > 0,
		read: (conversation) => text(conversation.agent_id),
		reject: (filters, agent) =>
			filters.agentIds.includes(agent)
				? undefined
				: `agent ${agent} is not one of the trigger's agents`,
	},
	{
		field: 'conversation_metadata.calling_type',
		applies: (filters) => filters.direction !== 'ANY',
		read: (conversation) =>
			(
				text(metadataOf(conversation).calling_type) ?? text(conversation.calling_type)
			)?.toUpperCase(),
		reject: (filters, direction) =>
			direction === filters.direction
				? undefined
				: `it is an ${direction.toLowerCase()} call, and the trigger is for ${filters.direction.toLowerCase()} calls`,
	},
	{
		field: 'conversation_type',
		applies: (filters) => filters.conversationTypes.length > 0,
		read: (conversation) => text(conversation.conversation_type)?.toUpperCase(),
		reject: (filters, type) =>
			filters.conversationTypes.includes(type)
				? undefined
				: `it is a ${type} conversation, and the trigger is for ${filters.conversationTypes.join(', ')}`,
	},
];

/** Whether the conversation is one this trigger is for; `unknown` names the fields it lacks. */
export function checkFilters(filters: DeliveryFilters, conversation: IDataObject): FilterVerdict {
	const missing: string[] = [];
	for (const filter of FILTERS) {
		if (!filter.applies(filters)) continue;
		const value = filter.read(conversation);
		if (value === undefined) {
			missing.push(filter.field);
			continue;
		}
		const reason = filter.reject(filters, value);
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
