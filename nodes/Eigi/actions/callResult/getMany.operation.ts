import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { presentConversation } from '../../helpers/conversation';
import { CONVERSATION_TYPE_OPTIONS, DIRECTION_OPTIONS } from '../../helpers/optionLists';
import { CONVERSATIONS_ENDPOINT } from '../../transport/endpoints';
import { eigiApiRequestAll } from '../../transport/pagination';
import { readLimit, returnAllOrLimit } from '../common.descriptions';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Agent ID',
				name: 'agentId',
				type: 'string',
				default: '',
				description: 'Only conversations of this agent',
			},
			{
				displayName: 'Channel',
				name: 'conversationType',
				type: 'options',
				default: 'TELEPHONY',
				options: CONVERSATION_TYPE_OPTIONS,
			},
			{
				displayName: 'Direction',
				name: 'callingType',
				type: 'options',
				default: 'OUTBOUND',
				options: DIRECTION_OPTIONS,
			},
			{
				displayName: 'From Date',
				name: 'fromDate',
				type: 'dateTime',
				default: '',
				description: 'Only conversations created at or after this time',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Text to look for, such as a phone number',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'COMPLETED',
				options: [
					{ name: 'Completed', value: 'COMPLETED' },
					{ name: 'Disconnected', value: 'DISCONNECTED' },
					{ name: 'Failed', value: 'FAILED' },
					{ name: 'In Progress', value: 'IN_PROGRESS' },
				],
			},
			{
				displayName: 'To Date',
				name: 'toDate',
				type: 'dateTime',
				default: '',
				description: 'Only conversations created at or before this time',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['callResult'], operation: ['getAll'] } },
	properties,
);

const FILTER_QUERY: Record<string, string> = {
	agentId: 'agent_id',
	conversationType: 'conversation_type',
	callingType: 'calling_type',
	status: 'conversation_status',
	search: 'search',
	fromDate: 'from_date',
	toDate: 'to_date',
};

function toIsoDate(value: unknown): string {
	const date = new Date(String(value));
	return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;

	const qs: IDataObject = {};
	for (const [name, value] of Object.entries(filters)) {
		if (value === '' || value === undefined || value === null || !FILTER_QUERY[name]) continue;
		qs[FILTER_QUERY[name]] = name === 'fromDate' || name === 'toDate' ? toIsoDate(value) : value;
	}
	const conversations = await eigiApiRequestAll(
		this,
		CONVERSATIONS_ENDPOINT,
		'data',
		qs,
		limit,
		itemIndex,
	);
	return conversations.map((conversation) => ({
		json: presentConversation(conversation),
		pairedItem: { item: itemIndex },
	}));
}
