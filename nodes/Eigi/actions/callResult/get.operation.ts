import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, sleep, updateDisplayOptions } from 'n8n-workflow';

import { isConversationRunning, presentConversation } from '../../helpers/conversation';
import { eigiApiRequest } from '../../transport';
import { conversationEndpoint } from '../../transport/endpoints';

const properties: INodeProperties[] = [
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.conversationId }}',
		description:
			'The conversation_id of the call, as returned when the call was placed or sent by the eigi Trigger',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Wait Until the Call Has Ended',
				name: 'waitForEnd',
				type: 'boolean',
				default: false,
				description:
					'Whether to check again until the call is no longer in progress, so the transcript is complete',
			},
			{
				displayName: 'Check Every (Seconds)',
				name: 'pollInterval',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 300 },
				default: 10,
				description: 'How often to ask eigi whether the call has ended',
				displayOptions: { show: { waitForEnd: [true] } },
			},
			{
				displayName: 'Wait at Most (Seconds)',
				name: 'maxWait',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 3600 },
				default: 600,
				description:
					'After this many seconds the conversation is returned as it is then, marked as still in progress',
				displayOptions: { show: { waitForEnd: [true] } },
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['callResult'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const conversationId = String(this.getNodeParameter('conversationId', itemIndex, '')).trim();
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const endpoint = conversationEndpoint(conversationId);
	const read = async () =>
		(await eigiApiRequest<IDataObject>(this, 'GET', endpoint, undefined, itemIndex)) ?? {};

	if (!conversationId) {
		throw new NodeOperationError(
			this.getNode(),
			'Conversation ID is empty: map it from the item that placed the call, e.g. {{ $json.conversationId }}',
			{
				itemIndex,
				description:
					'Set Conversation ID to the conversationId of an Initiate output item or of an eigi Trigger event.',
			},
		);
	}
	let conversation = await read();
	if (!options.waitForEnd)
		return [{ json: presentConversation(conversation), pairedItem: { item: itemIndex } }];

	const intervalMs = Math.max(1, Number(options.pollInterval ?? 10)) * 1000;
	const maxWaitMs = Math.max(1, Number(options.maxWait ?? 600)) * 1000;
	const started = Date.now();
	while (isConversationRunning(conversation) && Date.now() - started + intervalMs <= maxWaitMs) {
		await sleep(intervalMs);
		conversation = await read();
	}
	const running = isConversationRunning(conversation);
	const wait: IDataObject = {
		waitTimedOut: running,
		waitedSeconds: Math.round((Date.now() - started) / 1000),
	};
	if (running) {
		wait.waitMessage = `The call was still in progress after waiting ${Math.round(maxWaitMs / 1000)} seconds; the transcript may be incomplete`;
	}
	return [
		{ json: { ...presentConversation(conversation), ...wait }, pairedItem: { item: itemIndex } },
	];
}
