// @ts-check
'use strict';
// Agents: the default set, and the two read routes. The shape of `dynamic_variables` is not
// documented, so the defaults can declare them as objects or as plain names.
const { paginate, problem, queryEnum, queryInt, single, unprocessable } = require('./validation');

/** @typedef {import('./validation').Answer} Answer */
/** @typedef {{ name: string, description?: string, required?: boolean }} VariableObject */
/** @typedef {Record<string, unknown> & { id: string, agent_name?: string }} Agent */

const AGENT_TYPES = ['INBOUND', 'OUTBOUND'];

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
];

/**
 * The default agents, with `dynamic_variables` as objects (`{name, description, required}`) or as names.
 * @param {'objects' | 'strings'} shape
 * @returns {Agent[]}
 */
function defaultAgents(shape = 'objects') {
	return DEFAULT_AGENTS.map((agent) => ({
		...structuredClone(agent),
		dynamic_variables: shape === 'strings' ? agent.dynamic_variables.map((variable) => variable.name) : structuredClone(agent.dynamic_variables),
	}));
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
			(!search || String(agent.agent_name ?? '').toLowerCase().includes(search)) &&
			(!agentType || agent.agent_type === agentType) &&
			(!category || agent.agent_category === category),
	);
	const { items, ...numbers } = paginate(matching, page, pageSize);
	return { status: 200, body: { agents: items, ...numbers } };
}

/**
 * GET /v1/public/agents/{id}
 * @param {Agent[]} agents
 * @param {string} id
 * @returns {Answer}
 */
function getAgent(agents, id) {
	const agent = agents.find((candidate) => candidate.id === id);
	return agent ? { status: 200, body: agent } : problem(404, 'Agent not found');
}

/**
 * The same agents with their `dynamic_variables` rewritten to the other shape: objects become
 * names, names become `{ name }` objects. Anything else is left as it is.
 * @param {Agent[]} agents
 * @param {'objects' | 'strings'} shape
 * @returns {Agent[]}
 */
function reshapeVariables(agents, shape) {
	return agents.map((agent) => {
		if (!Array.isArray(agent.dynamic_variables)) return agent;
		const variables = agent.dynamic_variables.map((variable) => {
			if (shape === 'strings' && variable && typeof variable === 'object' && typeof variable.name === 'string') return variable.name;
			if (shape === 'objects' && typeof variable === 'string') return { name: variable };
			return variable;
		});
		return { ...agent, dynamic_variables: variables };
	});
}

module.exports = { defaultAgents, reshapeVariables, listAgents, getAgent, AGENT_TYPES };
