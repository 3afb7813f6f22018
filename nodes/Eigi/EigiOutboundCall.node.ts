import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as getAgent from './actions/agent/get.operation';
import * as getManyAgents from './actions/agent/getMany.operation';
import * as initiate from './actions/call/initiate.operation';
import * as getConversation from './actions/conversation/get.operation';
import * as getManyConversations from './actions/conversation/getMany.operation';
import { operationProperty } from './actions/operations';
import { router } from './actions/router';
import { searchAgents } from './methods/listSearch';
import { getCountries } from './methods/loadOptions';
import { getAgentVariables } from './methods/resourceMapping';

export class EigiOutboundCall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'eigi Outbound Call',
		name: 'eigiOutboundCall',
		icon: { light: 'file:eigi.svg', dark: 'file:eigi.dark.svg' },
		group: ['output'],
		version: 1,
		// The operation's name as the user picked it, under the node on the canvas.
		subtitle:
			'={{ {"initiate": "Initiate Calls", "getConversation": "Get Call Result", "getManyConversations": "Get Many Call Results", "getAgent": "Get Agent", "getManyAgents": "Get Many Agents"}[$parameter["operation"]] }}',
		description:
			'Places real phone calls to people with an eigi.ai AI voice agent (one call per item), and reads call results and agents',
		defaults: { name: 'eigi Outbound Call' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'eigiApi', required: true }],
		properties: [
			{
				displayName:
					'Each item is a real phone call to a person. Numbers are checked before anyone is called, and a request that may have reached eigi is never sent again.',
				name: 'callNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { operation: ['initiate'] } },
			},
			operationProperty,
			...initiate.description,
			...getConversation.description,
			...getManyConversations.description,
			...getAgent.description,
			...getManyAgents.description,
		],
	};

	methods = {
		listSearch: { searchAgents },
		loadOptions: { getCountries },
		resourceMapping: { getAgentVariables },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
