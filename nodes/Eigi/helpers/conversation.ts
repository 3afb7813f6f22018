import type { IDataObject } from 'n8n-workflow';

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

export function isConversationRunning(conversation: IDataObject): boolean {
	const status = String(conversation.conversation_status ?? '').toUpperCase();
	return RUNNING_STATUSES.has(status);
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

/** The conversation as eigi returns it, plus the transcript as text. */
export function withTranscriptText(conversation: IDataObject): IDataObject {
	return { ...conversation, transcript_text: transcriptText(conversation) };
}
