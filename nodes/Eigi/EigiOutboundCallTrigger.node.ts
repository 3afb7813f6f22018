import type {
	IHookFunctions,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CONVERSATION_TYPE_OPTIONS } from './helpers/optionLists';
import { getAgents } from './methods/loadOptions';
import { isEventSelected, DEFAULT_EVENTS, EIGI_EVENTS } from './trigger/events';
import { fetchConversation } from './trigger/fetchConversation';
import { readFilters } from './trigger/filters';
import { readDelivery } from './trigger/delivery';
import { buildItem, conversationIdOf } from './trigger/output';
import { firstLook, resolveDelivery, type ResolveSettings } from './trigger/resolve';
import {
	incomingDelivery,
	respondJson,
	type WebhookRequest,
	type WebhookResponse,
} from './trigger/request';
import { tokenMatches } from './trigger/token';

/**
 * eigi sends to one URL with the request type chosen in its dashboard (GET, POST, PUT or PATCH).
 * n8n registers one method per webhook entry, so there is one entry per method, all on the same
 * path: every request type works on the same production URL, whichever the user picked in eigi.
 * Only the POST entry's URL is shown in the editor (they are all the same URL).
 */
function eigiWebhook(httpMethod: 'GET' | 'POST' | 'PUT' | 'PATCH'): IWebhookDescription {
	return {
		name: 'default',
		httpMethod,
		responseMode: 'onReceived',
		// Empty: n8n answers {"message":"Workflow was started"} as JSON. Left out, n8n sends the
		// literal default "firstEntryJson" as text/html.
		responseData: '',
		path: 'webhook',
		ndvHideUrl: httpMethod !== 'POST',
	};
}

export class EigiOutboundCallTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'eigi Trigger',
		// `<action node>Trigger`: n8n's nodes panel then shows one app "eigi" with both nodes' actions.
		name: 'eigiOutboundCallTrigger',
		icon: { light: 'file:eigi.svg', dark: 'file:eigi.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ [].concat($parameter["events"] || []).join(", ").replace(/conversation\\./g, "").replace("*", "any event") }}',
		// n8n's nodes panel shows this on the one "eigi" app (actions and triggers), so it speaks of both.
		description:
			'Place AI voice-agent calls with eigi.ai, and start workflows when a call starts, ends or fails',
		defaults: { name: 'eigi Trigger' },
		documentationUrl: 'https://github.com/eigi-ai/n8n-nodes-eigi#eigi-trigger',
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'eigiApi',
				// Optional: needed for the Agents list, Fetch Full Conversation, and to read a filter's
				// field or the Reference from the conversation when eigi's payload lacks it.
				required: false,
			},
		],
		webhooks: [eigiWebhook('POST'), eigiWebhook('GET'), eigiWebhook('PUT'), eigiWebhook('PATCH')],
		eventTriggerDescription: 'Waiting for eigi to send a conversation event',
		activationMessage:
			'eigi conversation events sent to the production URL now start this workflow.',
		triggerPanel: {
			header: '',
			executionsHelp: {
				inactive: `<b>While building your workflow</b>, click 'Listen for test event', give eigi the <b>Test URL</b> and make a call.<br /><br /><b>Once you're happy with your workflow</b>, publish it and give eigi the <b>Production URL</b> instead.`,
				active: `<b>Your workflow is published</b>: every selected event eigi sends to the <b>Production URL</b> starts it. To try a change, click 'Listen for test event' and use the <b>Test URL</b>.`,
			},
			activationHint: 'Publish the workflow, then give eigi the <b>Production URL</b>.',
		},
		properties: [
			{
				displayName:
					"eigi has no API for webhooks, so this node cannot register itself. In the eigi dashboard open the account menu → Webhooks, add a destination with this node's Production URL (followed by ?token= and your token when you set a Secret Token), choose request type POST and enable it. eigi sends every event to every enabled destination; only the events selected below start the workflow.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: EIGI_EVENTS,
				default: [...DEFAULT_EVENTS],
				description:
					'The events that start the workflow. Other events are answered with 200 and start nothing. The default is the three events eigi sends when a call is over.',
			},
			{
				displayName: 'Agent Names or IDs',
				name: 'agentIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getAgents' },
				default: [],
				description:
					'Only calls of these agents start the workflow; none chosen means every agent. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				default: 'OUTBOUND',
				description: 'Which calls start the workflow',
				options: [
					{ name: 'Any', value: 'ANY', description: 'Inbound and outbound' },
					{
						name: 'Inbound',
						value: 'INBOUND',
						description: 'Calls people made to your agents',
					},
					{
						name: 'Outbound',
						value: 'OUTBOUND',
						description: 'Calls your agents placed, such as with eigi Outbound Call',
					},
				],
			},
			{
				displayName: 'Conversation Types',
				name: 'conversationTypes',
				type: 'multiOptions',
				options: CONVERSATION_TYPE_OPTIONS,
				default: ['TELEPHONY'],
				description:
					'Which kinds of conversation start the workflow; none chosen means every kind. eigi also reports web calls and chats.',
			},
			{
				displayName: 'Secret Token',
				name: 'secretToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Recommended: eigi signs nothing, so anyone who knows the URL could start this workflow. When set, a request must carry it as ?token=... in the URL, or it gets 401 and starts nothing.',
			},
			{
				displayName: 'Fetch Full Conversation',
				name: 'fetchConversation',
				type: 'boolean',
				default: false,
				description:
					"Whether to fetch the complete conversation from eigi's API (with the eigi.ai API credential) and merge it into the item. If the fetch fails, the item still comes out, with the reason in fetchError.",
			},
		],
	};

	methods = {
		loadOptions: {
			async getAgents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return await getAgents.call(this);
			},
		},
	};

	// eigi has no webhook API: the user pastes the URL into eigi's dashboard. There is nothing to
	// look up, create or delete on eigi's side, so each step succeeds without a request.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const receivedAt = new Date();
		const res = this.getResponseObject() as WebhookResponse;

		const secretToken = this.getNodeParameter('secretToken', '') as string;
		if (
			secretToken &&
			!tokenMatches((this.getQueryData() as { token?: unknown }).token, secretToken)
		) {
			respondJson(res, 401, {
				error:
					'Missing or wrong token: add ?token=<the Secret Token set in the eigi Trigger> to the webhook URL in eigi',
			});
			return { noWebhookResponse: true };
		}

		const read = readDelivery(incomingDelivery(this.getRequestObject() as WebhookRequest));
		if (!read.ok) {
			respondJson(res, 400, { error: read.error });
			return { noWebhookResponse: true };
		}

		const { delivery } = read;
		if (!isEventSelected(delivery.event, this.getNodeParameter('events', DEFAULT_EVENTS))) {
			respondJson(res, 200, {
				message: `Event ${delivery.event} is not selected in the eigi Trigger: nothing was started`,
			});
			return { noWebhookResponse: true };
		}

		const settings: ResolveSettings = {
			filters: readFilters({
				agentIds: this.getNodeParameter('agentIds', []),
				direction: this.getNodeParameter('direction', 'OUTBOUND'),
				conversationTypes: this.getNodeParameter('conversationTypes', ['TELEPHONY']),
			}),
			fetchFull: this.getNodeParameter('fetchConversation', false) as boolean,
			canFetch: Boolean(this.getNode().credentials?.eigiApi),
		};
		const look = firstLook(delivery, settings);
		if (look.drop !== undefined) {
			respondJson(res, 200, {
				message: `Not for this trigger: ${look.drop}. Nothing was started.`,
			});
			return { noWebhookResponse: true };
		}
		if (!look.fetch) {
			const resolved = resolveDelivery(look, settings);
			if (resolved.drop !== undefined) return { noWebhookResponse: true };
			// n8n answers eigi itself ("Workflow was started") once the run is under way: that pace
			// keeps a burst of deliveries from piling up runs faster than n8n can finish them.
			return {
				workflowData: [
					this.helpers.returnJsonArray([buildItem(delivery, receivedAt, resolved.extras)]),
				],
			};
		}

		// Answer eigi before fetching the conversation, so it never waits on eigi's own API.
		respondJson(res, 200, { message: 'Delivery received', event: delivery.event });
		const fetched = await fetchConversation(this, conversationIdOf(delivery.payload));
		const resolved = resolveDelivery(look, settings, fetched);
		if (resolved.drop !== undefined) return { noWebhookResponse: true };
		// The whole record goes into the item only when asked for; a fetch for a filter or the
		// Reference still reports why it failed.
		const shown = settings.fetchFull || 'error' in fetched ? fetched : undefined;
		return {
			noWebhookResponse: true,
			workflowData: [
				this.helpers.returnJsonArray([buildItem(delivery, receivedAt, resolved.extras, shown)]),
			],
		};
	}
}
