import type { IDataObject } from 'n8n-workflow';

/**
 * What this package adds to a call's metadata so that results find their way back: the item's
 * Reference and, under the Redial Until Reached policy, the attempt number. eigi passes metadata to
 * the agent's dynamic variables and shows it on the conversation as
 * `conversation_metadata.dynamic_variables`; the eigi Trigger and Call Result read them back from
 * there. Whether eigi keeps keys the agent does not declare, and whether its webhook payload
 * carries them, is not documented: the readers look in every place they could be, and the README
 * says what to do if eigi drops them (declare the two variables on the agent).
 */
export const REFERENCE_KEY = 'n8n_reference';
export const ATTEMPT_KEY = 'n8n_attempt';

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The places a conversation (a fetched record or a webhook payload) may carry the call's metadata. */
function metadataPlaces(conversation: IDataObject): IDataObject[] {
	const metadata = isRecord(conversation.conversation_metadata)
		? conversation.conversation_metadata
		: {};
	return [
		metadata.dynamic_variables,
		metadata.metadata,
		conversation.dynamic_variables,
		conversation.metadata,
	].filter(isRecord);
}

export interface CampaignKeys {
	/** Whether the conversation shows its call's metadata at all (else a fetch may find it). */
	metadataShown: boolean;
	reference: string | null;
	attempt: number | null;
}

/** The Reference and attempt number a call was placed with, as far as the conversation shows them. */
export function readCampaignKeys(conversation: IDataObject): CampaignKeys {
	const places = metadataPlaces(conversation);
	const found = (key: string) =>
		places
			.map((place) => place[key])
			.find((value) => value !== undefined && value !== null && value !== '');
	const reference = found(REFERENCE_KEY);
	const attempt = Number(found(ATTEMPT_KEY));
	return {
		metadataShown: places.length > 0,
		reference:
			typeof reference === 'string' || typeof reference === 'number' ? String(reference) : null,
		attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : null,
	};
}
