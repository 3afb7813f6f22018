import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { eigiApiRequest } from '../transport';
import { conversationEndpoint } from '../transport/endpoints';
import type { FetchedConversation } from './output';
import { isPlainRecord, withoutUnsafeKeys } from './safeJson';

/**
 * The full conversation from eigi's API, or the reason it could not be had. Never throws: the
 * delivery still starts the workflow, with `fetchError` telling the user what went wrong.
 */
export async function fetchConversation(
	context: IWebhookFunctions,
	conversationId: string | undefined,
): Promise<FetchedConversation> {
	if (!conversationId) {
		return {
			error:
				'The delivery carries no conversation_id, so the full conversation could not be fetched',
		};
	}
	if (!context.getNode().credentials?.eigiApi) {
		return {
			error:
				'Fetching the full conversation needs an eigi.ai API credential: select one in the eigi Trigger node',
		};
	}
	try {
		const body = await eigiApiRequest(context, 'GET', conversationEndpoint(conversationId));
		if (!isPlainRecord(body)) {
			return { error: 'eigi answered without a conversation record' };
		}
		return { conversation: withoutUnsafeKeys(body) as IDataObject };
	} catch (error) {
		const { message, description } = error as { message?: string; description?: string | null };
		const reason = `Could not fetch the full conversation from eigi: ${message || 'unknown error'}`;
		return { error: description ? `${reason.replace(/\.$/, '')}. ${description}` : reason };
	}
}
