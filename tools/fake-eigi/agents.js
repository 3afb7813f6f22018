// @ts-check
'use strict';
// Agents: the default set, and the read routes. The shape of an agent's `dynamic_variables` is
// not documented, so the defaults can declare them as objects or as plain names; the documented
// dynamic-variables route gives them typed, from the same definition.
const { paginate, problem, queryEnum, queryInt, single, unprocessable } = require('./validation');

/** @typedef {import('./validation').Answer} Answer */
/** @typedef {'STRING' | 'NUMBER' | 'EMAIL' | 'PHONE'} FieldType */
/** @typedef {{ name: string, description?: string, required?: boolean, field_type?: FieldType }} VariableObject */
/** @typedef {{ variable_name: string, required: boolean, field_type: FieldType, description: string | null }} DynamicVariable */
/** @typedef {Record<string, unknown> & { id: string, agent_name?: string }} Agent */

const AGENT_TYPES = ['INBOUND', 'OUTBOUND'];
const FIELD_TYPES = ['STRING', 'NUMBER', 'EMAIL', 'PHONE'];
// A fake-only agent field: the typed variables behind names-only `dynamic_variables`. Never
// answered by the agent routes.
const DEFINITIONS = 'variable_definitions';

/** @type {Array<{ id: string, agent_name: string, dynamic_variables: VariableObject[], [field: string]: unknown }>} */
const DEFAULT_AGENTS = [
	{
		id: '68ea2517dbb84c09bae1ba0a',
		agent_name: 'Lead Qualifier',
		agent_description: 'Calls new leads, asks a few qualifying questions and books a demo.',
		agent_type: 'OUTBOUND',
		agent_category: 'SALES',
		agent_mobile_number: ['+14155550100'],
		dynamic_variables: [
			{ name: 'customer_name', description: 'How to greet the lead', required: true },
			{ name: 'company', description: 'Company of the lead', required: false },
			{ name: 'product_interest', description: 'What the lead asked about', required: false },
		],
		first_message_prompt: 'Hi {{customer_name}}, this is Ava from Acme. Do you have a minute?',
		created_at: '2026-01-05T09:00:00.000Z',
		updated_at: '2026-02-10T14:30:00.000Z',
	},
	{
		id: '68ea2517dbb84c09bae1ba0b',
		agent_name: 'Payment Reminder',
		agent_description: 'Reminds customers of an unpaid invoice and notes when they will pay.',
		agent_type: 'OUTBOUND',
		agent_category: 'COLLECTIONS',
		agent_mobile_number: ['+14155550101'],
		dynamic_variables: [
			{ name: 'customer_name', description: 'How to greet the customer', required: true },
			{ name: 'invoice_number', description: 'The unpaid invoice', required: true },
			{ name: 'amount_due', description: 'Amount with currency, e.g. $120.00', required: false },
			{ name: 'due_date', description: 'When the invoice was due', required: false },
		],
		first_message_prompt: 'Hello {{customer_name}}, I am calling about invoice {{invoice_number}}.',
		created_at: '2026-01-06T09:00:00.000Z',
		updated_at: '2026-01-06T09:00:00.000Z',
	},
	{
		id: '68ea2517dbb84c09bae1ba0c',
		agent_name: 'Front Desk',
		agent_description: 'Answers incoming calls and takes messages.',
		agent_type: 'INBOUND',
		agent_category: 'SUPPORT',
		agent_mobile_number: ['+14155550102'],
		dynamic_variables: [],
		first_message_prompt: 'Thank you for calling Acme, how can I help?',
		created_at: '2026-01-07T09:00:00.000Z',
		updated_at: '2026-01-07T09:00:00.000Z',
	},
	// Last, so the first three stay where other suites and the sandbox expect them. Its required
	// variables have every field type, for the dynamic-variables route.
	{
		id: '68ea2517dbb84c09bae1ba0d',
		agent_name: 'Appointment Booker',
		agent_description: 'Books table reservations and confirms them by email.',
		agent_type: 'OUTBOUND',
		agent_category: 'BOOKING',
		agent_mobile_number: ['+14155550103'],
		dynamic_variables: [
			{
				name: 'customer_name',
				description: 'How to greet the customer',
				required: true,
				field_type: 'STRING',
			},
			{
				name: 'customer_email',
				description: 'Where the confirmation goes',
				required: true,
				field_type: 'EMAIL',
			},
			{
				name: 'callback_number',
				description: 'Number to call back if the line drops',
				required: true,
				field_type: 'PHONE',
			},
			{
				name: 'party_size',
				description: 'How many people the booking is for',
				required: true,
				field_type: 'NUMBER',
			},
			{
				name: 'preferred_time',
				description: 'When the customer would like to come',
				required: false,
				field_type: 'STRING',
			},
		],
		first_message_prompt:
			'Hi {{customer_name}}, I am calling about your booking for {{party_size}}.',
		created_at: '2026-01-08T09:00:00.000Z',
		updated_at: '2026-01-08T09:00:00.000Z',
	},
];

/**
 * The default agents, with `dynamic_variables` as objects (`{name, description, required}`) or as names.
 * @param {'objects' | 'strings'} shape
 * @returns {Agent[]}
 */
function defaultAgents(shape = 'objects') {
	/** @type {Agent[]} */
	const agents = structuredClone(DEFAULT_AGENTS);
	return shape === 'strings' ? reshapeVariables(agents, 'strings') : agents;
}

/**
 * GET /v1/public/agents
 * @param {Agent[]} agents
 * @param {Record<string, string | string[]>} query
 * @returns {Answer}
 */
function listAgents(agents, query) {
	/** @type {import('./validation').ValidationIssue[]} */
	const issues = [];
	const page = queryInt(issues, query, 'page', { fallback: 1, min: 1 });
	const pageSize = queryInt(issues, query, 'page_size', { fallback: 10, min: 1, max: 100 });
	const agentType = queryEnum(issues, query, 'agent_type', AGENT_TYPES);
	if (issues.length) return unprocessable(issues);
	const search = (single(query, 'search') ?? '').trim().toLowerCase();
	const category = single(query, 'agent_category');
	const matching = agents.filter(
		(agent) =>
			(!search ||
				String(agent.agent_name ?? '')
					.toLowerCase()
					.includes(search)) &&
			(!agentType || agent.agent_type === agentType) &&
			(!category || agent.agent_category === category),
	);
	const { items, ...numbers } = paginate(matching, page, pageSize);
	return { status: 200, body: { agents: items.map(shown), ...numbers } };
}

/**
 * GET /v1/public/agents/{id}
 * @param {Agent[]} agents
 * @param {string} id
 * @returns {Answer}
 */
function getAgent(agents, id) {
	const agent = agents.find((candidate) => candidate.id === id);
	return agent ? { status: 200, body: shown(agent) } : problem(404, 'Agent not found');
}

/**
 * An agent as the API answers it: without the fake-only typed definitions.
 * @param {Agent} agent
 */
function shown(agent) {
	if (!Object.hasOwn(agent, DEFINITIONS)) return agent;
	const { [DEFINITIONS]: _definitions, ...rest } = agent;
	return rest;
}

/**
 * GET /v1/public/agents/{id}/dynamic-variables (documented by eigi): the variables the agent
 * expects in a call's metadata, typed.
 * @param {Agent[]} agents
 * @param {string} id
 * @returns {Answer}
 */
function getDynamicVariables(agents, id) {
	const agent = agents.find((candidate) => candidate.id === id);
	if (!agent) return problem(404, 'Agent not found');
	return {
		status: 200,
		body: {
			agent_id: agent.id,
			agent_name: agent.agent_name ?? null,
			dynamic_variables: typedVariables(agent),
		},
	};
}

/**
 * The agent's variables as the dynamic-variables route gives them, from `variable_definitions`
 * when present, else from `dynamic_variables`: names normalised (eigi says it does; how is a
 * guess: lower case, anything else than letters, digits and _ becomes _), duplicates dropped, a
 * name alone is an optional STRING, a missing description is null.
 * @param {Agent} agent
 * @returns {DynamicVariable[]}
 */
function typedVariables(agent) {
	const declared = Array.isArray(agent[DEFINITIONS]) ? agent[DEFINITIONS] : agent.dynamic_variables;
	if (!Array.isArray(declared)) return [];
	/** @type {Map<string, DynamicVariable>} */
	const byName = new Map();
	for (const entry of declared) {
		/** @type {Record<string, unknown>} */
		const fields = entry && typeof entry === 'object' ? entry : {};
		const raw =
			typeof entry === 'string'
				? entry
				: [fields.variable_name, fields.name, fields.key].find(
						(value) => typeof value === 'string',
					);
		const name = normaliseName(String(raw ?? ''));
		if (!name || byName.has(name)) continue;
		const type = String(fields.field_type ?? '').toUpperCase();
		byName.set(name, {
			variable_name: name,
			required: fields.required === true,
			field_type: /** @type {FieldType} */ (FIELD_TYPES.includes(type) ? type : 'STRING'),
			description: typeof fields.description === 'string' ? fields.description : null,
		});
	}
	return [...byName.values()];
}

/** @param {string} name "Customer Name" or "{{customer_name}}" → "customer_name" */
function normaliseName(name) {
	return name
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9_]+/g, '_')
		.replace(/^_+|_+$/g, '');
}

/**
 * The same agents with their `dynamic_variables` rewritten to the other shape: objects become
 * names, names become `{ name }` objects. Anything else is left as it is. Objects turned into
 * names are kept as `variable_definitions`, so the dynamic-variables route still knows their
 * types (as eigi's does, while its agent record lists names).
 * @param {Agent[]} agents
 * @param {'objects' | 'strings'} shape
 * @returns {Agent[]}
 */
function reshapeVariables(agents, shape) {
	return agents.map((agent) => {
		if (!Array.isArray(agent.dynamic_variables)) return agent;
		const original = agent.dynamic_variables;
		const variables = original.map((variable) => {
			if (
				shape === 'strings' &&
				variable &&
				typeof variable === 'object' &&
				typeof variable.name === 'string'
			)
				return variable.name;
			if (shape === 'objects' && typeof variable === 'string') return { name: variable };
			return variable;
		});
		const keepDefinitions =
			shape === 'strings' &&
			!Object.hasOwn(agent, DEFINITIONS) &&
			original.some((variable) => variable && typeof variable === 'object');
		return keepDefinitions
			? { ...agent, dynamic_variables: variables, [DEFINITIONS]: structuredClone(original) }
			: { ...agent, dynamic_variables: variables };
	});
}

module.exports = {
	defaultAgents,
	reshapeVariables,
	listAgents,
	getAgent,
	getDynamicVariables,
	typedVariables,
	AGENT_TYPES,
	FIELD_TYPES,
};
