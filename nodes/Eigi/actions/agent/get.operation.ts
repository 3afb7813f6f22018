import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { eigiApiRequest } from '../../transport';
import { agentEndpoint } from '../../transport/endpoints';
import { agentLocator } from '../common.descriptions';

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['get'] } },
	[agentLocator] as INodeProperties[],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const agentId = String(
		this.getNodeParameter('agentId', itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	if (!agentId) {
		throw new NodeOperationError(
			this.getNode(),
			'No agent is chosen: pick one in the Agent field',
			{
				itemIndex,
				description: 'Pick an agent from the list, or switch the Agent field to ID and give one.',
			},
		);
	}
	const agent = await eigiApiRequest<IDataObject>(
		this,
		'GET',
		agentEndpoint(agentId),
		undefined,
		itemIndex,
	);
	return [{ json: agent ?? {}, pairedItem: { item: itemIndex } }];
}
