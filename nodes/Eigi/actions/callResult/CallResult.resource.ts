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
		displayOptions: { show: { resource: ['callResult'] } },
		default: 'get',
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a call result',
				description: 'Get the status, transcript, recording and duration of one call',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many call results',
				description: 'List calls, filtered by status, agent, direction or date',
			},
		],
	},
	...get.description,
	...getAll.description,
];
