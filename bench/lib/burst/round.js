'use strict';
// One burst, as workloads 7 and 9 run it: the fake reset to the limit, the leads posted to the
// workflow's webhook at their moments, the wait for their outcomes, and the run's executions.
const { detail } = require('../../../tools/n8n-launcher/log');
const { resetFake } = require('../fakeStats');
const { sampleGroups } = require('../memory');
const S = require('../stats');
const { executionsByStatus, executionsSince, finishedOf } = require('./executions');
const { limitOptions } = require('./limit');
const { postFailureKinds } = require('./outcomes');
const { postLeads } = require('./posts');
const { waitForOutcomes } = require('./waitForOutcomes');

/**
 * Runs one burst on `setup` (SingleMode or QueueMode): `posts` ({ lead, atMs }) to the webhook
 * `path` of workflow `workflowId`, whose items go to the sink `sink`, with the fake limited to
 * `limit`. With `sampleMemory`, the peak memory of n8n's processes (and of the services queue mode
 * runs beside them) is sampled from the first post to the end of the wait; with `sayPosted`, a
 * line says how the posting went. What n8n answered to refused posts is always printed.
 */
async function burstRound(
	ctx,
	session,
	setup,
	{ workflowId, path, sink, limit, posts, sampleMemory = false, sayPosted = false },
) {
	const { fake } = ctx;
	resetFake(fake, { rateLimit: limitOptions(limit) });
	const before = await executionsByStatus(session, workflowId);
	const samplers = sampleMemory && {
		n8n: sampleGroups(setup.processes()),
		services: sampleGroups(setup.serviceProcesses()),
	};
	const posted = await postLeads(`${setup.webhookBaseUrl}/webhook/${path}`, posts);
	if (sayPosted)
		detail(
			`posted ${posted.count} leads in ${S.seconds(posted.lastPostMs - posted.firstPostMs)}, ${posted.failures.length} not answered 200, slowest answer ${S.seconds(posted.slowestAnswerMs)}`,
		);
	const postFailures = postFailureKinds(posted.failures);
	for (const [kind, times] of postFailures) detail(`  ×${times}: ${kind}`);
	const { gaveUp, quiet } = await waitForOutcomes(fake, session, {
		workflowId,
		sink,
		finishedBefore: finishedOf(before),
		posted,
	});
	const waitedMs = Date.now() - posted.firstPostMs;
	const memory = samplers && { n8n: samplers.n8n.stop(), services: samplers.services.stop() };
	const executions = executionsSince(before, await executionsByStatus(session, workflowId));
	return { posted, postFailures, gaveUp, quiet, waitedMs, memory, executions };
}

module.exports = { burstRound };
