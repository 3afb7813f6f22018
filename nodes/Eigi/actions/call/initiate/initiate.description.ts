import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callingAgentLocator } from '../../common.descriptions';
import { COUNTRIES } from './countries';

export const DEFAULT_BATCH_SIZE = 50;

export const TOOL_DESCRIPTION =
	'Places a REAL phone call: an eigi.ai AI voice agent calls the person at the given phone number and talks to them. Use it only when the user clearly asked for this person to be called. The result says what happened: "initiated" (the call is placed), "held" (not now: callableFrom says when), "skipped" (this number was already called), "reached" or "gaveUp" (the contact policy says no more calls), "dryRun" (nothing was sent), "invalid" or "failed" (nobody was called; the message says why), "uncertain" (the call may have been placed: do not call again).';

const DEFAULT_COUNTRY_CHOICES = [
	{ name: 'None (Numbers Must Start With +)', value: '' },
	...COUNTRIES,
];
export const MAX_BATCH_SIZE = 100;

const properties: INodeProperties[] = [
	callingAgentLocator,
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.phone }}',
		// The expression example sits in the hint: n8n's lint upper-cases the word json in descriptions.
		hint: 'Usually an expression such as {{ $json.phone }}',
		description:
			'The number to call. Any common form works ("(415) 555-2671", "+44 20 7946 0958", "0044 20 7946 0958"): it is turned into E.164, with the Default Country option for numbers without a country code.',
	},
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.invoice_number }}',
		hint: "Your key for this contact's row, such as {{ $json.invoice_number }} or a CRM record ID",
		description:
			'Sent with the call and given back as reference by the eigi Trigger and Call Result, so a results workflow updates the right row without looking up the phone number. Optional.',
	},
	{
		displayName: 'Opted Out',
		name: 'optedOut',
		type: 'boolean',
		default: false,
		hint: "Map your contact's opt-out column, such as {{ $json.opted_out }}",
		description:
			'Whether this person asked not to be called. An opted-out item is never sent (not in a Dry Run, not by an AI Agent) and comes out with status "optedOut". True, yes and 1 count as opted out; false, no, 0 and empty do not.',
	},
	{
		displayName: 'Telephony Provider',
		name: 'telephonyProvider',
		type: 'options',
		default: 'PLIVO',
		options: [
			{ name: 'Plivo', value: 'PLIVO' },
			{ name: 'Twilio', value: 'TWILIO' },
		],
		description: "The provider configured on the agent's phone number",
	},
	{
		displayName: 'Metadata',
		name: 'metadataMode',
		type: 'options',
		default: 'none',
		description:
			"Data the agent can use in the conversation (it fills the agent's dynamic variables, such as the customer's name)",
		options: [
			{
				name: 'All Input Fields',
				value: 'allFields',
				description: 'Send every field of the input item',
			},
			{
				name: 'Define Fields Below',
				value: 'fields',
				description: 'Name each field and give its value',
			},
			{ name: 'JSON', value: 'json', description: 'Write the metadata as a JSON object' },
			{
				name: "Map the Agent's Variables",
				value: 'agentVariables',
				description: 'One field for each dynamic variable the chosen agent declares',
			},
			{ name: 'None', value: 'none', description: 'Send no metadata' },
		],
	},
	{
		displayName: 'Agent Variables',
		name: 'metadataVariables',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['agentId.value'],
			resourceMapper: {
				resourceMapperMethod: 'getAgentVariables',
				mode: 'add',
				fieldWords: { singular: 'variable', plural: 'variables' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
				noFieldsError:
					'This agent declares no dynamic variables. Choose another metadata mode to send data anyway.',
			},
		},
		displayOptions: { show: { metadataMode: ['agentVariables'] } },
	},
	{
		displayName: 'Fields',
		name: 'metadataFields',
		type: 'fixedCollection',
		placeholder: 'Add Field',
		default: {},
		typeOptions: { multipleValues: true },
		displayOptions: { show: { metadataMode: ['fields'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. customer_name',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. {{ $json.name }}',
					},
				],
			},
		],
	},
	{
		displayName: 'Metadata (JSON)',
		name: 'metadataJson',
		type: 'json',
		default: '{\n  "customer_name": ""\n}',
		hint: 'Expressions such as {{ $json.name }} can be used inside the object',
		description: 'A JSON object with the data for the agent',
		displayOptions: { show: { metadataMode: ['json'] } },
	},
	{
		// Declared here, n8n uses it when the node is an AI Agent tool instead of making its own
		// ("Initiate calls in eigi Outbound Call"), which never tells a model that a phone will ring.
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 6 },
		default: TOOL_DESCRIPTION,
		description:
			'What the AI model is told about this tool; keep the warning that it places a real call',
		displayOptions: { show: { '@tool': [true] } },
	},
	{
		displayName: 'Calling Hours',
		name: 'callingHours',
		type: 'options',
		default: 'calleeDaytime',
		description:
			"When people may be called, in each callee's own local time (from the number, or the Callee Time Zone option). A number outside the hours is not called: its item says when they open.",
		options: [
			{
				name: 'Any Time',
				value: 'anyTime',
				description: 'For urgent alerts people asked for, which must reach them at night',
			},
			{
				name: "Callee's Daytime (08:00–21:00 Local)",
				value: 'calleeDaytime',
				description: 'Every day, as the US TCPA allows telemarketing calls',
			},
			{ name: 'Custom', value: 'custom', description: 'Choose the hours and days' },
			{
				name: 'US Debt Collection',
				value: 'usDebtCollection',
				description: "Regulation F's 08:00–21:00, and stricter state hours",
			},
			{
				name: 'US Telephone Solicitation',
				value: 'usTelephoneSolicitation',
				description: "08:00–21:00, and the callee's state's hours, Sundays, holidays",
			},
		],
	},
	{
		displayName: 'From',
		name: 'callingHoursStart',
		type: 'string',
		default: '08:00',
		placeholder: 'e.g. 09:00',
		description: "The callee's local time (24-hour clock) from which calls are placed",
		displayOptions: { show: { callingHours: ['custom'] } },
	},
	{
		displayName: 'Until',
		name: 'callingHoursEnd',
		type: 'string',
		default: '21:00',
		placeholder: 'e.g. 18:00',
		description:
			"The callee's local time at which calls stop (not included). Earlier than From means the hours run past midnight.",
		displayOptions: { show: { callingHours: ['custom'] } },
	},
	{
		displayName: 'Days',
		name: 'callingDays',
		type: 'multiOptions',
		default: [1, 2, 3, 4, 5, 6, 7],
		description: "The callee's local days on which calls are placed",
		options: [
			{ name: 'Monday', value: 1 },
			{ name: 'Tuesday', value: 2 },
			{ name: 'Wednesday', value: 3 },
			{ name: 'Thursday', value: 4 },
			{ name: 'Friday', value: 5 },
			{ name: 'Saturday', value: 6 },
			{ name: 'Sunday', value: 7 },
		],
		displayOptions: { show: { callingHours: ['custom'] } },
	},
	{
		displayName: 'Call Limits',
		name: 'callLimits',
		type: 'options',
		default: 'none',
		description:
			"How often one person may be called, by any agent or campaign of this eigi account, counted from eigi's call history. A number over a limit is not called: its item says which limit and when it may be called.",
		options: [
			{ name: 'None', value: 'none', description: 'No limit beyond the Contact Policy' },
			{
				name: 'Regulation F (US Debt Collection)',
				value: 'regulationF',
				description:
					'At most 7 calls within 7 days, and none within 7 days after a conversation with the person',
			},
			{
				name: 'US Sales Calls: 3 in 24 Hours (FL, OK, MD)',
				value: 'stateSalesCalls',
				description: 'At most 3 calls within 24 hours to a number in Florida, Oklahoma or Maryland',
			},
			{ name: 'Custom', value: 'custom', description: 'Set the numbers below' },
		],
	},
	{
		displayName: 'Max Calls',
		name: 'maxCalls',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1000, numberPrecision: 0 },
		default: 3,
		description:
			'The most calls one number may get within the window below, counting every agent (0: no such limit)',
		displayOptions: { show: { callLimits: ['custom'] } },
	},
	{
		displayName: 'Max Calls Window (Hours)',
		name: 'maxCallsWindowHours',
		type: 'number',
		typeOptions: { minValue: 0.01, maxValue: 2160 },
		default: 24,
		description:
			'The hours Max Calls are counted over, back from the moment of the call (24 = the last day, 168 = the last 7 days)',
		displayOptions: { show: { callLimits: ['custom'] } },
	},
	{
		displayName: 'Pause After Conversation (Hours)',
		name: 'pauseAfterConversationHours',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 2160 },
		default: 0,
		description:
			'No call to a number for this many hours after a call in which the person spoke (168 = 7 days; 0: no pause)',
		displayOptions: { show: { callLimits: ['custom'] } },
	},
	{
		displayName: 'Contact Policy',
		name: 'contactPolicy',
		type: 'options',
		default: 'none',
		description:
			"What eigi's own call history (from any workflow, n8n or the eigi dashboard) decides before a number is called. It is read once per run, before anyone is called; if it cannot be read, nobody is called.",
		options: [
			{
				name: 'Call Every Item',
				value: 'none',
				description: 'No history check (Skip Repeated Numbers still applies within a run)',
			},
			{
				name: 'Redial Until Reached',
				value: 'redial',
				description: 'Campaigns: call again on later runs until reached',
			},
			{
				name: 'Skip Numbers Called Recently',
				value: 'skipRecent',
				description: 'Do not call a number eigi called in the last hours set below',
			},
		],
	},
	{
		displayName: 'Called in the Last (Hours)',
		name: 'skipCalledWithinHours',
		type: 'number',
		typeOptions: { minValue: 0.01, maxValue: 2160 },
		default: 24,
		description:
			'A number eigi called (outbound, by any agent) within this many hours is not called again; its item comes out as skipped. Checking costs one request to eigi per 100 outbound calls your account made in that time, or one per number for a few numbers.',
		displayOptions: { show: { contactPolicy: ['skipRecent'] } },
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 },
		default: 3,
		description:
			'How many calls a number gets (counted over the Look Back hours) before the policy stops calling it; its item then comes out as gave up',
		displayOptions: { show: { contactPolicy: ['redial'] } },
	},
	{
		displayName: 'Hours Between Attempts',
		name: 'hoursBetweenAttempts',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 2160 },
		default: 2,
		description:
			'At least this many hours between two calls to the same number (0.5 = 30 minutes). A number called more recently is not called in this run: its item comes out as held, with the time from which a later run may call it (or when Calling Hours open, if later).',
		displayOptions: { show: { contactPolicy: ['redial'] } },
	},
	{
		displayName: 'Count as Reached',
		name: 'reachedWhen',
		type: 'options',
		default: 'completed',
		description:
			'Which earlier call counts as having reached the person; a reached number is not called again. eigi reports no "answered" status, so choose what counts.',
		options: [
			{
				name: 'Call Completed',
				value: 'completed',
				description: 'Status COMPLETED: the call ran to its end',
			},
			{
				name: 'Customer Spoke',
				value: 'customerSpoke',
				description:
					"The transcript has a line of the customer's, whatever the status (COMPLETED when eigi lists no transcript)",
			},
		],
		displayOptions: { show: { contactPolicy: ['redial'] } },
	},
	{
		displayName: 'Redial Options',
		name: 'redialOptions',
		type: 'collection',
		placeholder: 'Add Redial Option',
		default: {},
		options: [
			{
				displayName: 'Count Calls Of',
				name: 'countCallsOf',
				type: 'options',
				default: 'agent',
				description: 'Whose earlier calls to a number count as attempts',
				options: [
					{ name: 'Any Agent', value: 'any', description: 'Every outbound call to the number' },
					{
						name: 'This Agent',
						value: 'agent',
						description: "Only calls of the item's agent (a campaign per agent)",
					},
				],
			},
			{
				displayName: 'Look Back (Hours)',
				name: 'lookBackHours',
				type: 'number',
				typeOptions: { minValue: 0.01, maxValue: 2160 },
				default: 168,
				description:
					"How many hours back eigi's call history is read (168 = 7 days): calls before that count for nothing, neither as attempts nor as reached. Make it longer than the campaign.",
			},
			{
				displayName: 'Minimum Talk Time (Seconds)',
				name: 'minTalkSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 3600, numberPrecision: 0 },
				default: 0,
				description:
					'A call shorter than this many seconds (by the duration eigi reports) never counts as reached, such as a voicemail greeting; 0 turns it off',
			},
			{
				displayName: 'Send Attempt Number to Agent',
				name: 'sendAttemptNumber',
				type: 'boolean',
				default: true,
				description:
					'Whether to tell the agent which attempt this call is (1 for the first call), so it can say "we tried to reach you earlier"; the eigi Trigger gives the number back with the call\'s result',
			},
		],
		displayOptions: { show: { contactPolicy: ['redial'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE, numberPrecision: 0 },
				default: DEFAULT_BATCH_SIZE,
				description:
					'How many numbers go into one request to eigi (1 to 100). Items are grouped by agent and provider.',
			},
			{
				displayName: 'Callee Time Zone',
				name: 'calleeTimeZone',
				type: 'string',
				default: '',
				placeholder: 'e.g. America/Chicago',
				hint: "For example {{ $json.timezone }}, from your CRM's contact",
				description:
					"The callee's time zone for Calling Hours, when your CRM knows it better than the number does (IANA name)",
			},
			{
				displayName: 'Default Country',
				name: 'defaultCountry',
				type: 'options',
				options: DEFAULT_COUNTRY_CHOICES,
				default: '',
				description:
					'The country of numbers written without a country code, such as "(415) 555-2671" for the United States. Choose from the list, or give an ISO code such as US with an expression.',
			},
			{
				displayName: 'Dry Run (Call Nobody)',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description:
					'Whether to run every check and show what each item would send, and in which request, without calling anyone',
			},
			{
				displayName: 'If the Time Zone Is Unknown',
				name: 'unknownTimeZone',
				type: 'options',
				default: 'hold',
				description:
					'What Calling Hours do with a number whose time zone neither the number nor Callee Time Zone tells',
				options: [
					{ name: 'Call Anyway', value: 'call' },
					{ name: 'Do Not Call', value: 'hold' },
				],
			},
			{
				displayName: 'Skip Repeated Numbers',
				name: 'skipRepeatedNumbers',
				type: 'boolean',
				default: true,
				description:
					'Whether to place no second call to a number an earlier item of this run already calls. The repeated item comes out with status "skipped".',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 5, maxValue: 600, numberPrecision: 0 },
				default: 60,
				description:
					'Seconds to wait for eigi to answer one request. A request that times out may still have placed its calls, so it is not sent again.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['initiate'] } },
	properties,
);
