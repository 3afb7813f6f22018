import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { DIRECTION_OPTIONS } from '../../helpers/optionLists';
import { AGENTS_ENDPOINT } from '../../transport/endpoints';
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
				displayName: 'Direction',
				name: 'agentType',
				type: 'options',
				default: 'OUTBOUND',
				options: DIRECTION_OPTIONS,
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Part of the agent name',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['getAll'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.agentType) qs.agent_type = filters.agentType;
	if (filters.search) qs.search = filters.search;
	const agents = await eigiApiRequestAll(this, AGENTS_ENDPOINT, 'agents', qs, limit, itemIndex);
	return agents.map((agent) => ({ json: agent, pairedItem: { item: itemIndex } }));
}
