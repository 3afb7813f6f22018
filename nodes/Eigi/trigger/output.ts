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
 * The item a delivery starts the workflow with: `event`, the conversation fields, then the full
 * conversation when it was fetched (eigi's complete record, so its values win) or `fetchError`
 * with the reason it could not be, and `receivedAt`.
 */
export function buildItem(
	delivery: Delivery,
	receivedAt: Date,
	fetched?: FetchedConversation,
): IDataObject {
	// Spread (not Object.assign) so that no key can ever act as a setter on the item.
	const item: IDataObject = {
		event: delivery.event,
		...conversationFields(delivery.payload),
		...(fetched && 'conversation' in fetched ? fetched.conversation : {}),
		...(fetched && 'error' in fetched ? { fetchError: fetched.error } : {}),
	};
	item.event = delivery.event;
	item.receivedAt = receivedAt.toISOString();
	return item;
}
