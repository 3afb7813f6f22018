import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as agent from './actions/agent/Agent.resource';
import * as call from './actions/call/Call.resource';
import * as callResult from './actions/callResult/CallResult.resource';
import { resourceProperty } from './actions/resources';
import { router } from './actions/router';
import { searchAgents, searchOutboundAgents } from './methods/listSearch';
import { getAgentVariables } from './methods/resourceMapping';

export class EigiOutboundCall implements INodeType {
	description: INodeTypeDescription = {
		// Shown as the app "eigi" in the nodes panel, with the eigi Trigger's triggers beside these
		// actions (n8n merges a node `x` with a trigger `xTrigger`); a dropped node is still titled
		// by defaults.name.
		displayName: 'eigi',
		name: 'eigiOutboundCall',
		icon: { light: 'file:eigi.svg', dark: 'file:eigi.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Places real phone calls to people with an eigi.ai AI voice agent (one call per item), and reads call results and agents',
		defaults: { name: 'eigi Outbound Call' },
		// Without it n8n names a dropped node after its action ("Initiate calls").
		skipNameGeneration: true,
		// n8n appends a query string to a codex documentation link, which breaks an #anchor.
		documentationUrl: 'https://github.com/eigi-ai/n8n-nodes-eigi#eigi-outbound-call',
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
				displayOptions: { show: { resource: ['call'], operation: ['initiate'] } },
			},
			resourceProperty,
			...call.description,
			...callResult.description,
			...agent.description,
		],
	};

	methods = {
		listSearch: { searchAgents, searchOutboundAgents },
		resourceMapping: { getAgentVariables },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
