import type { INodeProperties } from 'n8n-workflow';

/**
 * The first parameter of the node. Its default, with its operation's default, is Initiate Calls:
 * a workflow saved before the node had resources (no `resource` stored) still places calls.
 */
export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	default: 'call',
	options: [
		{ name: 'Agent', value: 'agent' },
		{ name: 'Call', value: 'call' },
		{ name: 'Call Result', value: 'callResult' },
	],
};
