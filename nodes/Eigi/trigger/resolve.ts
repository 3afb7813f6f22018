import type { IDataObject } from 'n8n-workflow';

import { readCampaignKeys } from '../helpers/campaignKeys';
import type { Delivery } from './delivery';
import { checkFilters, type DeliveryFilters, type FilterVerdict } from './filters';
import { conversationFields, type FetchedConversation, type ItemExtras } from './output';

export interface ResolveSettings {
	filters: DeliveryFilters;
	/** Fetch Full Conversation: merge eigi's whole record into the item. */
	fetchFull: boolean;
	/** Whether an eigi.ai API credential is set, so the conversation can be fetched. */
	canFetch: boolean;
}

/** What the payload alone tells, and whether the conversation must be fetched to tell the rest. */
export type FirstLook =
	| { drop: string }
	| { drop?: undefined; fetch: boolean; verdict: FilterVerdict; conversation: IDataObject };

export type Resolved = { drop: string } | { drop?: undefined; extras: ItemExtras };

/**
 * From the payload alone: a delivery for another agent, direction or channel is dropped at once.
 * The conversation is fetched (once) when the user asked for it, or when a filter or the Reference
 * needs a field the payload lacks and a credential allows it.
 */
export function firstLook(delivery: Delivery, settings: ResolveSettings): FirstLook {
	const conversation = conversationFields(delivery.payload);
	const verdict = checkFilters(settings.filters, conversation);
	if (verdict.verdict === 'drop') return { drop: verdict.reason };
	const lacksFields =
		verdict.verdict === 'unknown' || !readCampaignKeys(conversation).metadataShown;
	return {
		fetch: settings.fetchFull || (settings.canFetch && lacksFields),
		verdict,
		conversation,
	};
}

function uncheckedNote(verdict: FilterVerdict, canFetch: boolean): string | undefined {
	if (verdict.verdict !== 'unknown') return undefined;
	const fields = verdict.missing.join(', ');
	return canFetch
		? `The filters could not be checked: neither eigi's payload nor the fetched conversation has ${fields}. The workflow was started anyway, so no result is lost.`
		: `The filters could not be checked: eigi's payload has no ${fields}. Select an eigi.ai API credential in the trigger, so it can fetch the conversation. The workflow was started anyway, so no result is lost.`;
}

/** The final word, with the fetched conversation (if any) filling what the payload lacks. */
export function resolveDelivery(
	look: Extract<FirstLook, { drop?: undefined }>,
	settings: ResolveSettings,
	fetched?: FetchedConversation,
): Resolved {
	const conversation =
		fetched && 'conversation' in fetched
			? { ...look.conversation, ...fetched.conversation }
			: look.conversation;
	const verdict = fetched ? checkFilters(settings.filters, conversation) : look.verdict;
	if (verdict.verdict === 'drop') return { drop: verdict.reason };
	const { reference, attempt } = readCampaignKeys(conversation);
	return {
		extras: {
			reference,
			attempt,
			filterUnchecked: uncheckedNote(verdict, settings.canFetch),
		},
	};
}
