import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * eigi's enumerations as the editor offers them, for every parameter that filters by them
 * (Call Result → Get Many, Agent → Get Many, the eigi Trigger): each list written once.
 */

/** A conversation's kind (eigi's `conversation_type`): the Channel filter, the trigger's Conversation Types. */
export const CONVERSATION_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Chat', value: 'CHAT' },
	{ name: 'Phone Call', value: 'TELEPHONY' },
	{ name: 'Web Call', value: 'DAILY' },
	{ name: 'WhatsApp', value: 'WHATSAPP' },
];

/** Who placed the call (eigi's `calling_type` and `agent_type`): the Direction filters. */
export const DIRECTION_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Inbound', value: 'INBOUND' },
	{ name: 'Outbound', value: 'OUTBOUND' },
];
