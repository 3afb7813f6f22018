import type { INodeProperties } from 'n8n-workflow';

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'initiate',
	options: [
		{
			name: 'Get Agent',
			value: 'getAgent',
			action: 'Get an agent',
			description: 'Get one AI agent and the dynamic variables it expects',
		},
		{
			name: 'Get Call Result',
			value: 'getConversation',
			action: 'Get the result of a call',
			description: 'Get the status, transcript, recording and duration of one call',
		},
		{
			name: 'Get Many Agents',
			value: 'getManyAgents',
			action: 'Get many agents',
			description: "List the account's AI agents",
		},
		{
			name: 'Get Many Call Results',
			value: 'getManyConversations',
			action: 'Get many call results',
			description: 'List conversations, filtered by status, agent, direction or date',
		},
		{
			name: 'Initiate Calls',
			value: 'initiate',
			action: 'Place an AI agent call to each item',
			description:
				"Call each item's phone number with an eigi AI agent, sending many numbers per request",
		},
	],
};
