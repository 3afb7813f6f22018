'use strict';
// The payment-reminder campaign of examples/, live in the sandbox: an "Invoices" data table with
// sample customers, the campaign on a clock where minutes stand for hours (every minute, 2 minutes
// between attempts), and the results workflows with their agent filters, so `npm start` shows a
// campaign converge against the fake eigi API.
const fs = require('node:fs');
const path = require('node:path');

const { DataTables } = require('../../tools/n8n-launcher/dataTables');
const { login } = require('../../tools/n8n-launcher/owner');
const { INVOICE_COLUMNS } = require('../../tools/n8n-launcher/invoices');

const TABLE_NAME = 'Invoices';
const TABLE_FILE = 'sandbox-invoices-table.json';
// By a number's last digit, the attempt on which the fake answers (0 = never). The survey and CRM
// examples' sample numbers end in 2, 8 and 9: they answer at once.
const ANSWER_ON_ATTEMPT = [1, 1, 1, 2, 2, 3, 0, 0, 1, 1];
// A number without its last digit, and its zone (the node's own reading of such a number).
const PLACES = [
	['+1212555010', 'America/New_York', 'New York'],
	['+1415555011', 'America/Los_Angeles', 'San Francisco'],
	['+91980040000', 'Asia/Calcutta', 'Kolkata'],
	['+81901234567', 'Asia/Tokyo', 'Tokyo'],
	['+491511234567', 'Europe/Berlin', 'Berlin'],
	['+551191234567', 'America/Sao_Paulo', 'São Paulo'],
	['+2782123456', 'Africa/Johannesburg', 'Johannesburg'],
	['+97150123456', 'Asia/Dubai', 'Dubai'],
];
const WEBHOOKS = {
	reminderResults: 'eigi-example-reminder-results/webhook',
	leadResults: 'eigi-example-lead-results/webhook',
};

function localHour(zone, date) {
	return Number(
		new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(
			date,
		),
	);
}

/**
 * Ten overdue invoices: eight customers where it is daytime now (called at once, answering on the
 * first, second or third try, or never) and two where it is night (held by Calling Hours), plus one
 * paid invoice, which is never called.
 */
function sampleInvoices(now = new Date()) {
	const day = PLACES.filter(([, zone]) => localHour(zone, now) >= 9 && localHour(zone, now) < 20);
	const night = PLACES.filter(([, zone]) => localHour(zone, now) < 7 || localHour(zone, now) >= 22);
	const overdue = new Date(now.getTime() - 20 * 86400_000).toISOString().slice(0, 10);
	const customers = [];
	[0, 1, 3, 4, 5, 6, 8, 7].forEach((digit, index) => {
		const [prefix, , city] = day[index % day.length];
		customers.push({
			phone: `${prefix}${digit}`,
			customer_name: `Customer in ${city} ${index + 1}`,
		});
	});
	night.slice(0, 2).forEach(([prefix, , city], index) => {
		customers.push({ phone: `${prefix}${index}`, customer_name: `Night owl in ${city}` });
	});
	const rows = customers.map((customer, index) => ({
		invoice_number: `INV-${2001 + index}`,
		...customer,
		amount_due: 120 + index * 15,
		due_date: overdue,
		status: 'open',
		opted_out: false,
	}));
	rows.push({
		invoice_number: 'INV-PAID',
		customer_name: 'Paid customer',
		phone: `${day[0][0]}9`,
		amount_due: 99,
		due_date: overdue,
		status: 'paid',
		opted_out: false,
	});
	return rows;
}

function hasTable(userFolder) {
	return fs.existsSync(path.join(userFolder, TABLE_FILE));
}

/** The sandbox's Invoices table: the one made at an earlier start, or a new one (n8n running). */
async function ensureInvoicesTable(n8n, userFolder) {
	const file = path.join(userFolder, TABLE_FILE);
	if (hasTable(userFolder)) return JSON.parse(fs.readFileSync(file, 'utf8')).id;
	const tables = await DataTables.forOwner(await login(n8n.baseUrl));
	const id = await tables.create(TABLE_NAME, INVOICE_COLUMNS, sampleInvoices());
	fs.writeFileSync(file, JSON.stringify({ id }));
	return id;
}

function nodeNamed(workflow, name) {
	const found = workflow.nodes.find((node) => node.name === name);
	if (!found) throw new Error(`The example "${workflow.name}" has no node "${name}"`);
	return found;
}

const SANDBOX_SCHEDULE = 'Every minute (sandbox)';

/** Renames a node and every connection from or to it. */
function renameNode(workflow, from, to) {
	nodeNamed(workflow, from).name = to;
	const connections = {};
	for (const [source, outputs] of Object.entries(workflow.connections ?? {})) {
		for (const list of Object.values(outputs))
			for (const targets of list)
				for (const target of targets ?? []) if (target.node === from) target.node = to;
		connections[source === from ? to : source] = outputs;
	}
	workflow.connections = connections;
}

/**
 * The examples as the sandbox runs them: the campaign every minute with 2 minutes between attempts,
 * the tables picked, each results workflow (the survey's too) filtered to its agent, the lead results sent to the
 * fake's sink instead of a CRM. Other examples are returned unchanged.
 */
function sandboxExamples(workflows, { tableId, agentFor, sinkUrl }) {
	return workflows.map((original) => {
		const workflow = structuredClone(original);
		const pickTable = (node) => {
			node.parameters.dataTableId = {
				__rl: true,
				mode: 'list',
				value: tableId,
				cachedResultName: TABLE_NAME,
			};
		};
		if (workflow.id === 'eigiExampleRemind') {
			// What the sandbox really runs, said where a user sees it: the workflow's and the
			// schedule's names, and the note.
			workflow.name += ' (sandbox: every minute)';
			renameNode(workflow, 'Every 30 minutes', SANDBOX_SCHEDULE);
			nodeNamed(workflow, SANDBOX_SCHEDULE).parameters.rule = {
				interval: [{ field: 'minutes', minutesInterval: 1 }],
			};
			const note = nodeNamed(workflow, 'Note').parameters;
			note.content = note.content
				.replace(
					'Every 30 minutes:',
					'In this sandbox, every minute (the example: every 30 minutes):',
				)
				.replace(
					'at least 2 hours apart',
					'at least 2 minutes apart (2 hours in the example: in the sandbox, minutes stand for hours)',
				);
			pickTable(nodeNamed(workflow, 'Read invoices'));
			pickTable(nodeNamed(workflow, 'Record on the invoice'));
			// 2 minutes, in the field's hours: the editor shows the expression as it is written.
			nodeNamed(workflow, 'Reminder call').parameters.hoursBetweenAttempts = '={{ 2 / 60 }}';
		}
		if (workflow.id === 'eigiExampleRemindResults') {
			nodeNamed(workflow, 'Reminder call ended').parameters.agentIds = [
				agentFor('Payment Reminder'),
			];
			for (const name of ['Write the outcome', 'Record the opt-out', 'Ask for a review'])
				pickTable(nodeNamed(workflow, name));
		}
		if (workflow.id === 'eigiExampleSurveyResults') {
			// eigi's webhooks are per account: without its agent, the survey would read the
			// campaign's calls as answers.
			const calls = workflows.find((other) => other.id === 'eigiExampleSurveyCalls');
			const agentId = calls?.nodes.find((node) => node.parameters?.agentId)?.parameters.agentId
				.value;
			if (agentId) nodeNamed(workflow, 'Survey call completed').parameters.agentIds = [agentId];
		}
		if (workflow.id === 'eigiExampleLeadResults') {
			nodeNamed(workflow, 'Qualifying call ended').parameters.agentIds = [
				agentFor('Lead Qualifier'),
			];
			nodeNamed(workflow, 'Update the lead').parameters.url =
				`=${sinkUrl('crm-leads')}?lead={{ encodeURIComponent($json.lead_id) }}`;
		}
		return workflow;
	});
}

const LIVE = [
	{ id: 'eigiExampleRemind' },
	{ id: 'eigiExampleRemindResults', webhook: WEBHOOKS.reminderResults },
	{ id: 'eigiExampleLeadResults', webhook: WEBHOOKS.leadResults },
];

module.exports = {
	ANSWER_ON_ATTEMPT,
	LIVE,
	WEBHOOKS,
	TABLE_NAME,
	ensureInvoicesTable,
	hasTable,
	sampleInvoices,
	sandboxExamples,
};
