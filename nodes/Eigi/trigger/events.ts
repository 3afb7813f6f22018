import type { INodePropertyOptions } from 'n8n-workflow';

/** Selecting this runs the workflow for every event, including names eigi adds later. */
export const ANY_EVENT = '*';

export const EIGI_EVENTS: INodePropertyOptions[] = [
	{
		name: 'Any Event (*)',
		value: ANY_EVENT,
		action: 'On any event',
		description: 'Every event eigi sends, including event types eigi adds later',
	},
	{
		name: 'Call Answered',
		value: 'conversation.answered',
		action: 'On call answered',
		description:
			"The call was picked up (not in eigi's webhook documentation yet: test before relying on it)",
	},
	{
		name: 'Call Completed',
		value: 'conversation.completed',
		action: 'On call completed',
		description: 'The call ended normally; the transcript is final',
	},
	{
		name: 'Call Disconnected',
		value: 'conversation.disconnected',
		action: 'On call disconnected',
		description: 'The call was cut off before it completed',
	},
	{
		name: 'Call Failed',
		value: 'conversation.failed',
		action: 'On call failed',
		description: 'The call could not be made or broke down',
	},
	{
		name: 'Call Started',
		value: 'conversation.started',
		action: 'On call started',
		description:
			"The call began (not in eigi's webhook documentation yet: test before relying on it)",
	},
];

// The three events eigi's webhook page documents, all sent once the call is over: what a workflow
// that files transcripts or retries failed calls needs. Mid-call events are opt-in, so a workflow
// never runs twice per call unless asked to.
export const DEFAULT_EVENTS = [
	'conversation.completed',
	'conversation.failed',
	'conversation.disconnected',
];

function normalize(event: string): string {
	return event.trim().toLowerCase();
}

/** Whether a delivered event is one the user selected; `*` matches any event, known or not. */
export function isEventSelected(event: string, selected: unknown): boolean {
	const choices = (Array.isArray(selected) ? selected : [selected])
		.filter((choice): choice is string => typeof choice === 'string')
		.map(normalize);
	return choices.includes(ANY_EVENT) || choices.includes(normalize(event));
}
