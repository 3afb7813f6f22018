'use strict';
// Workload 8, the Contact Policy's and the Call Limits' cost per run: what eigi Outbound Call asks of eigi's call
// history before it calls, for 1, 100 and 10,000 numbers, when the account made 10,000 outbound
// calls in the window (the fake holds them as past calls of the agent, all within the last 20
// hours). Redial Until Reached (Look Back 24 hours) and Skip Numbers Called Recently (24 hours),
// and, for one number, an eigi whose search does not match numbers (the node then pages). Requests
// are counted by the fake: history pages (GET conversations without search), searches (with
// search), call requests (POST outbound). No baseline: it is the cost of a guard the HTTP Request
// node does not have.
const { detail } = require('../../tools/n8n-launcher/log');
const { executeWorkflow, nodeRun } = require('../lib/execute');
const { resetFake } = require('../lib/fakeStats');
const W = require('../lib/workflows');
const S = require('../lib/stats');

const HISTORY_CALLS = 10_000;
const HISTORY_HOURS = 20;
const SIZES = [1, 100, 10_000];
const CONVERSATIONS = '/v1/public/conversations';
const OUTBOUND = '/v1/public/calls/outbound';

/** Redial Until Reached's parameters, alone and beside Regulation F. */
const REDIAL = {
	contactPolicy: 'redial',
	maxAttempts: 3,
	hoursBetweenAttempts: 2,
	reachedWhen: 'completed',
	redialOptions: { lookBackHours: 24 },
};

const POLICIES = {
	redial: {
		label: 'Redial Until Reached',
		parameters: REDIAL,
		options: {},
	},
	skipRecent: {
		label: 'Skip Numbers Called Recently',
		parameters: { contactPolicy: 'skipRecent', skipCalledWithinHours: 24 },
		options: {},
	},
	// Call Limits read the same history, every agent's calls, over their own window (7 days).
	regulationF: {
		label: 'Call Limits: Regulation F (Call Every Item)',
		parameters: { callLimits: 'regulationF' },
		options: {},
	},
	redialRegulationF: {
		label: 'Redial Until Reached and Regulation F',
		parameters: { ...REDIAL, callLimits: 'regulationF' },
		options: {},
	},
};
const LETTERS = { redial: 'R', skipRecent: 'S', regulationF: 'F', redialRegulationF: 'B' };

// [policy, numbers, eigi's search matches numbers]
const CASES = [
	...SIZES.map((size) => ['redial', size, true]),
	['redial', 1, false],
	...SIZES.map((size) => ['skipRecent', size, true]),
	...SIZES.map((size) => ['regulationF', size, true]),
	...SIZES.map((size) => ['redialRegulationF', size, true]),
];

/** "benchW8R00000100": 16 characters, one per policy and size. */
function workflowId(policy, size) {
	return `benchW8${LETTERS[policy]}${String(size).padStart(8, '0')}`;
}

function workflows(ctx) {
	const list = [];
	for (const [policy, size] of Object.entries(POLICIES).flatMap(([name]) =>
		SIZES.map((size) => [name, size]),
	)) {
		const { label, parameters, options } = POLICIES[policy];
		const node = W.eigiCallNode(ctx.agentId, { batchSize: 100 });
		node.parameters = {
			...node.parameters,
			...parameters,
			options: { ...node.parameters.options, ...options },
		};
		list.push(
			W.contactsInto(
				workflowId(policy, size),
				`bench 8: ${label}, ${size} numbers, ${HISTORY_CALLS} calls in the window`,
				size,
				node,
			),
		);
	}
	return list;
}

/** 10,000 earlier outbound calls of the agent to numbers the contacts do not use, spread over 20 hours. */
function seedHistory(fake, agentId) {
	const spacingMs = (HISTORY_HOURS * 3600_000) / HISTORY_CALLS;
	const specs = Array.from({ length: HISTORY_CALLS }, (_, index) => ({
		mobileNumber: `+1718555${String(index).padStart(4, '0')}`,
		ageMs: Math.round((index + 1) * spacingMs),
		agentId,
		status: index % 2 ? 'COMPLETED' : 'DISCONNECTED',
	}));
	for (const spec of specs) fake.server.addPastCall(spec);
}

function countRequests(fake) {
	const requests = fake.server.requests;
	const history = requests.filter(
		(request) => request.method === 'GET' && request.path === CONVERSATIONS,
	);
	const searches = history.filter((request) => request.query?.search !== undefined).length;
	return {
		pages: history.length - searches,
		searches,
		calls: requests.filter((request) => request.method === 'POST' && request.path === OUTBOUND)
			.length,
	};
}

async function runCase(ctx, [policy, size, searchCoversNumbers]) {
	resetFake(ctx.fake, searchCoversNumbers ? {} : { searchCoversNumbers: false });
	seedHistory(ctx.fake, ctx.agentId);
	const { run } = await executeWorkflow(ctx.n8n, workflowId(policy, size));
	const node = nodeRun(run, W.NAMES.eigi);
	const counts = countRequests(ctx.fake);
	const statuses = {};
	for (const json of node.outputs.flat()) {
		const status = json.status ?? json.details?.status ?? 'error';
		statuses[status] = (statuses[status] ?? 0) + 1;
	}
	const result = {
		policy,
		size,
		searchCoversNumbers,
		timeMs: node.executionTime,
		statuses,
		...counts,
	};
	detail(
		`${POLICIES[policy].label}, ${size} numbers${searchCoversNumbers ? '' : ' (search misses numbers)'}: ` +
			`${counts.pages} pages + ${counts.searches} searches, ${counts.calls} call requests, ${S.seconds(result.timeMs)}, ` +
			Object.entries(statuses)
				.map(([status, count]) => `${count} ${status}`)
				.join(', '),
	);
	return result;
}

function plural(count, one, many = `${one}s`) {
	return `${S.count(count)} ${count === 1 ? one : many}`;
}

async function run(ctx, { runs }) {
	const results = [];
	for (const testCase of CASES) {
		const perRun = [];
		// Requests do not vary between runs (checked below); the time does: its median is shown.
		for (let i = 0; i < Math.min(runs, 3); i++) perRun.push(await runCase(ctx, testCase));
		const reads = new Set(perRun.map((r) => `${r.pages}/${r.searches}/${r.calls}`));
		if (reads.size > 1) detail(`requests varied between runs: ${[...reads].join(' · ')}`);
		results.push({ ...perRun[0], timeMs: S.median(perRun.map((r) => r.timeMs)), perRun });
	}
	const oneBySearch = results.find(
		(r) => r.policy === 'redial' && r.size === 1 && r.searchCoversNumbers,
	);
	const oneByPages = results.find(
		(r) => r.policy === 'redial' && r.size === 1 && !r.searchCoversNumbers,
	);
	const rows = results.map((r) => {
		const reads = r.pages + r.searches;
		return {
			figure: `${POLICIES[r.policy].label}, ${S.count(r.size)} number${r.size === 1 ? '' : 's'}${r.searchCoversNumbers ? '' : ', search misses numbers'}`,
			eigi: `${plural(reads, 'history request')} (${plural(r.pages, 'page')}, ${plural(r.searches, 'search', 'searches')}) + ${plural(r.calls, 'call request')}`,
			baseline: '',
			ratio: `node time ${S.seconds(r.timeMs)}`,
			goal: '',
			met: null,
		};
	});
	rows.push({
		figure: 'One number: search by number against paging the window',
		eigi: `${oneBySearch.pages + oneBySearch.searches} against ${oneByPages.pages + oneByPages.searches} requests`,
		baseline: '',
		ratio: `${S.ratio(S.divide(oneByPages.pages + oneByPages.searches, oneBySearch.pages + oneBySearch.searches))} fewer`,
		goal: 'fewer',
		met: oneBySearch.pages + oneBySearch.searches < oneByPages.pages + oneByPages.searches,
	});
	return {
		rows,
		details: results.map(
			(r) =>
				`${POLICIES[r.policy].label}, ${r.size}${r.searchCoversNumbers ? '' : ' (search misses numbers)'}: ${S.list(r.perRun, (x) => `${x.pages}+${x.searches} reads, ${x.calls} calls, ${S.seconds(x.timeMs)}`)}`,
		),
		runs: `${Math.min(runs, 3)} per case`,
	};
}

module.exports = {
	id: 8,
	title: `Cost of the Contact Policy (history of ${S.count(HISTORY_CALLS)} outbound calls)`,
	workflows,
	run,
};
