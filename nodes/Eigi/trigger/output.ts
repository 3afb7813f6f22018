import type { IDataObject } from 'n8n-workflow';

import type { Delivery } from './delivery';
import { isPlainRecord } from './safeJson';

/** What fetching the full conversation gave: the record, or why there is none. */
export type FetchedConversation = { conversation: IDataObject } | { error: string };

function without(record: IDataObject, key: string): IDataObject {
	const copy = { ...record };
	delete copy[key];
	return copy;
}

/**
 * The payload's conversation fields, at the top level. eigi's payload is flat today
 * (`{"event", "id", "conversation_id", ...}`); if a later version wraps the conversation in
 * `conversation` or `data`, its fields are lifted so that workflows keep reading the same names.
 */
export function conversationFields(payload: IDataObject): IDataObject {
	const fields = without(payload, 'event');
	if (fields.conversation_id !== undefined) return fields;
	for (const wrapper of ['conversation', 'data']) {
		const inner = fields[wrapper];
		if (isPlainRecord(inner) && inner.conversation_id !== undefined) {
			return { ...without(fields, wrapper), ...(inner as IDataObject) };
		}
	}
	return fields;
}

/** The id to fetch the full conversation by, if the payload carries one. */
export function conversationIdOf(payload: IDataObject): string | undefined {
	const id = conversationFields(payload).conversation_id;
	if (typeof id === 'string' && id.trim()) return id.trim();
	if (typeof id === 'number') return String(id);
	return undefined;
}

/**
 * The same for every delivery of one event of one conversation, and different for any other:
 * `conversation.completed:3f0c...`. eigi may deliver an event twice, and so may the proxies in
 * between; n8n's Remove Duplicates node ("Remove Items Processed in Previous Executions"), keyed on
 * it, lets a workflow act once. Without a conversation id, the payload itself is the key.
 */
export function eventKeyOf(delivery: Delivery): string {
	const fields = conversationFields(delivery.payload);
	const id = conversationIdOf(delivery.payload) ?? (typeof fields.id === 'string' ? fields.id : '');
	return id ? `${delivery.event}:${id}` : `${delivery.event}:${JSON.stringify(delivery.payload)}`;
}

/** What the trigger adds beside the conversation: the call's Reference and attempt, and any filter it could not check. */
export interface ItemExtras {
	reference: string | null;
	attempt: number | null;
	filterUnchecked?: string;
}

/**
 * The item a delivery starts the workflow with: `event`, the call's `reference` and `attempt` (as
 * the call node sent them; null when the call had none or eigi did not give them back), the
 * conversation fields, then the full conversation when it was fetched (eigi's complete record, so
 * its values win) or `fetchError` with the reason it could not be, `eventKey` and `receivedAt`.
 */
export function buildItem(
	delivery: Delivery,
	receivedAt: Date,
	extras: ItemExtras,
	fetched?: FetchedConversation,
): IDataObject {
	// Spread (not Object.assign) so that no key can ever act as a setter on the item.
	const item: IDataObject = {
		event: delivery.event,
		reference: extras.reference,
		attempt: extras.attempt,
		...conversationFields(delivery.payload),
		...(fetched && 'conversation' in fetched ? fetched.conversation : {}),
		...(fetched && 'error' in fetched ? { fetchError: fetched.error } : {}),
		...(extras.filterUnchecked ? { filterUnchecked: extras.filterUnchecked } : {}),
	};
	item.event = delivery.event;
	item.reference = extras.reference;
	item.attempt = extras.attempt;
	item.eventKey = eventKeyOf(delivery);
	item.receivedAt = receivedAt.toISOString();
	return item;
}
