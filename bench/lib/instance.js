'use strict';
// The one n8n the bench uses: the e2e suite's cached runtime (n8n 2.40.7 on Node 24), a temp user
// folder with this package packed and installed as n8n installs community packages, the fake eigi
// API in this process, and every workload's credentials and workflows imported in one go.
const path = require('node:path');

const { step, detail } = require('../../tools/n8n-launcher/log');
const proc = require('../../tools/n8n-launcher/proc');
const { ensureRuntime } = require('../../tools/n8n-launcher/runtime');
const pkg = require('../../tools/n8n-launcher/package');
const { N8n } = require('../../tools/n8n-launcher/n8n');
const { freePorts } = require('../../tools/n8n-launcher/ports');
const { runFolder } = require('../../tools/n8n-launcher/runFolder');
const { ownerEnv } = require('../../tools/n8n-launcher/owner');
const { startFake, AGENT } = require('../../tools/fake-eigi/client');
const { credentials } = require('./workflows');
const { writeJson } = require('../../tools/n8n-launcher/files');

/**
 * Sets everything up; `workloads` are the workload modules to run (their `workflows(ctx)` are
 * imported, their `publish` ids published); `n8nEnv` adds to n8n's environment (experiments).
 * Returns the context every workload gets.
 */
async function prepare(workloads, { keep = false, n8nEnv = {} } = {}) {
	const runtime = await ensureRuntime();
	await pkg.buildIfNeeded();

	const { folder: userFolder, succeeded } = runFolder('n8n-nodes-eigi-bench-', {
		label: 'n8n user folder',
		kept: 'n8n-server.log, logs of failed runs',
		keep,
	});
	const tgz = await pkg.packInto(userFolder);

	const fake = await startFake();
	proc.onCleanup(() => fake.close());
	step(`Fake eigi API on ${fake.baseUrl}`);

	const [port, brokerPort] = await freePorts(2);
	const n8n = new N8n(runtime, {
		userFolder,
		port,
		brokerPort,
		extra: {
			...ownerEnv(runtime),
			// The trigger workload counts executions: none may be pruned while it runs.
			EXECUTIONS_DATA_PRUNE: 'false',
			// n8n's own guard for production runs. Without it both triggers' runs pile up under 2,000
			// quick deliveries and n8n grew past 10 GB here; with it runs queue, as n8n advises.
			N8N_CONCURRENCY_PRODUCTION_LIMIT: '8',
			...n8nEnv,
		},
	});
	proc.onCleanup(() => n8n.stop());

	const ctx = { runtime, n8n, fake, agentId: AGENT.id, userFolder, tgz, n8nEnv };
	step('Importing the credentials and workflows');
	await n8n.importCredentials(
		writeJson(path.join(userFolder, 'credentials.json'), credentials(fake)),
	);
	const workflows = workloads.flatMap((workload) => workload.workflows?.(ctx) ?? []);
	if (workflows.length)
		await n8n.importWorkflows(writeJson(path.join(userFolder, 'workflows.json'), workflows));
	for (const workload of workloads) for (const id of workload.publish ?? []) await n8n.publish(id);
	detail(`${workflows.length} workflows imported`);

	ctx.succeeded = succeeded;
	return ctx;
}

module.exports = { prepare };
