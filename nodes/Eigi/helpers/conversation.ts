import type { IDataObject } from 'n8n-workflow';

import { readCampaignKeys } from './campaignKeys';

// eigi documents IN_PROGRESS, COMPLETED, DISCONNECTED and FAILED; anything that is not one of the
// documented running states counts as finished, so an unknown new final state never stalls a wait.
const RUNNING_STATUSES = new Set([
	'IN_PROGRESS',
	'QUEUED',
	'PENDING',
	'INITIATED',
	'RINGING',
	'STARTED',
]);

/** Whether a conversation_status says the call is still going on. */
export function isRunningStatus(status: unknown): boolean {
	return RUNNING_STATUSES.has(String(status ?? '').toUpperCase());
}

export function isConversationRunning(conversation: IDataObject): boolean {
	return isRunningStatus(conversation.conversation_status);
}

/** The transcript as plain lines ("Agent: ..."), ready for a Slack message or a CRM note. */
export function transcriptText(conversation: IDataObject): string {
	const transcript = conversation.conversation_transcript;
	if (!Array.isArray(transcript)) return '';
	return transcript
		.map((turn) => {
			const { role, content } = (turn ?? {}) as IDataObject;
			const speaker =
				role === 'assistant' ? 'Agent' : role === 'user' ? 'Customer' : String(role ?? 'Unknown');
			return `${speaker}: ${typeof content === 'string' ? content : JSON.stringify(content)}`;
		})
		.join('\n');
}

/**
 * The conversation as eigi returns it, with the call's Reference and attempt number first (null
 * when the call had none), and the transcript as text.
 */
export function presentConversation(conversation: IDataObject): IDataObject {
	const { reference, attempt } = readCampaignKeys(conversation);
	const item: IDataObject = { reference, attempt, ...conversation };
	item.reference = reference;
	item.attempt = attempt;
	item.transcript_text = transcriptText(conversation);
	return item;
}
