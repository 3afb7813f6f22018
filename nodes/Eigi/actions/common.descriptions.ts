import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * The agent, picked from a searchable list of the account's agents or given by ID. Calls list
 * outbound agents only: an inbound agent cannot place a call.
 */
function agentLocatorFor(searchListMethod: string, description: string): INodeProperties {
	return {
		displayName: 'Agent',
		name: 'agentId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an agent...',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 68ea2517dbb84c09bae1ba0a',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*[A-Za-z0-9_-]+\\s*$',
							errorMessage: 'An agent ID has only letters, digits, - and _',
						},
					},
				],
			},
		],
	};
}

export const agentLocator = agentLocatorFor('searchAgents', 'The eigi AI agent');

export const callingAgentLocator = agentLocatorFor(
	'searchOutboundAgents',
	'The eigi AI agent that talks to the person. The list shows your outbound agents.',
);

export function returnAllOrLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** The Limit the user set beside Return All, or undefined for every result. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? undefined : (context.getNodeParameter('limit', itemIndex, 50) as number);
}
