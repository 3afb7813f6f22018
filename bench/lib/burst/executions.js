'use strict';
// The burst workflow's executions as n8n's REST API counts them, by status.

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

async function countExecutions(session, workflowId, statuses) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status: statuses }));
	const { data } = await session.get(`/rest/executions?filter=${filter}&limit=1`);
	return data.count;
}

/** Executions of the workflow by status, as n8n's REST API lists them. */
async function executionsByStatus(session, workflowId) {
	const counts = {};
	for (const status of [...FINISHED, 'running', 'new', 'waiting'])
		counts[status] = await countExecutions(session, workflowId, [status]);
	return counts;
}

const finishedOf = (counts) => FINISHED.reduce((sum, status) => sum + counts[status], 0);

/** This run's executions by status: n8n's counts of finished ones are over every run so far. */
function executionsSince(before, after) {
	return Object.fromEntries(
		Object.keys(after).map((status) => [
			status,
			FINISHED.includes(status) ? after[status] - before[status] : after[status],
		]),
	);
}

/** "success 98, error 2" for a run's details: the statuses that occurred. */
function executionsText(executions) {
	return Object.entries(executions)
		.filter(([, n]) => n)
		.map(([s, n]) => `${s} ${n}`)
		.join(', ');
}

module.exports = {
	FINISHED,
	countExecutions,
	executionsByStatus,
	finishedOf,
	executionsSince,
	executionsText,
};
