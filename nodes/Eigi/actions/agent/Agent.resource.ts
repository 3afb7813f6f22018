import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getMany.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		default: 'get',
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get an agent',
				description: 'Get one AI agent and the dynamic variables it expects',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many agents',
				description: "List the account's AI agents",
			},
		],
	},
	...get.description,
	...getAll.description,
];
