import type { INodeProperties } from 'n8n-workflow';

import * as initiate from './initiate/initiate.operation';

export { initiate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		default: 'initiate',
		options: [
			{
				name: 'Initiate',
				value: 'initiate',
				action: 'Initiate calls',
				description:
					"Call each item's phone number with an eigi AI agent, sending many numbers per request",
			},
		],
	},
	...initiate.description,
];
