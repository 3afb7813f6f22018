'use strict';
// npm run test:queue: this package in n8n's queue mode (one main, two workers, one webhook
// processor, Postgres and Redis from Debian's packages), against the fake eigi API.
// Usage: node test/e2e/queue/run.js [--keep] [--only <text>] [--n8n-stall-defaults]
//   --keep                keep the temp folder (n8n logs, Postgres and Redis logs) even when everything passes
//   --only <text>         run only the tests whose name contains <text> (setup still runs)
//   --n8n-stall-defaults  n8n's own lock and stalled-job timings (a killed worker's run is noticed
//                         after 60-90 s instead of 10-15 s)
// Everything it starts is stopped at the end, on failure and on Ctrl-C; every wait is bounded.
const path = require('node:path');

const { step, detail } = require('../../../tools/n8n-launcher/log');
const proc = require('../../../tools/n8n-launcher/proc');
const { ensureRuntime } = require('../../../tools/n8n-launcher/runtime');
const pkg = require('../../../tools/n8n-launcher/package');
const { runFolder } = require('../../../tools/n8n-launcher/runFolder');
const { login } = require('../../../tools/n8n-launcher/owner');
const { startFake, AGENT } = require('../../../tools/fake-eigi/client');
const wf = require('../../../tools/n8n-launcher/workflows');
const suite = require('../lib/suite');
const services = require('../../../tools/n8n-launcher/queue/services');
const { Cluster } = require('../../../tools/n8n-launcher/queue/cluster');
const { Db } = require('./db');
const scenarios = require('./scenarios');
const { writeJson } = require('../../../tools/n8n-launcher/files');

// The whole run, set-up included, ends by then whatever happens (a warm run takes a few minutes).
const RUN_TIMEOUT_MS = 25 * 60000;

function parseArgs(argv) {
	const args = { keep: false, only: '', stallDefaults: false };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--keep') args.keep = true;
		else if (argv[i] === '--only') args.only = argv[++i] ?? '';
		else if (argv[i] === '--n8n-stall-defaults') args.stallDefaults = true;
		else
			throw new Error(
				`Unknown argument ${argv[i]} (known: --keep, --only <text>, --n8n-stall-defaults)`,
			);
	}
	return args;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	proc.installExitHandlers();
	const started = Date.now();
	const watchdog = setTimeout(() => {
		console.error(
			`\nThe queue-mode run took more than ${RUN_TIMEOUT_MS / 60000} minutes: stopping`,
		);
		suite.fail('queue run time', new Error(`over ${RUN_TIMEOUT_MS / 60000} minutes`));
		suite.summary();
		proc.runCleanup().finally(() => process.exit(1));
	}, RUN_TIMEOUT_MS);
	watchdog.unref();

	const bins = await services.ensurePackages();
	const runtime = await ensureRuntime();
	await pkg.buildIfNeeded();

	const { folder: base, succeeded } = runFolder('n8n-nodes-eigi-queue-', {
		label: 'Folder for this run',
		kept: 'logs: main.log, worker-1.log, worker-2.log, webhook.log, postgres.log, redis.log',
		keep: args.keep,
	});

	// Postgres runs as the postgres user: startServices makes `base` reachable for it.
	const { pg, redis } = await services.startServices(bins, base);

	const tgz = await pkg.pack(path.join(base, 'pack'));
	const fake = await startFake();
	proc.onCleanup(() => fake.close());
	step(`Fake eigi API on ${fake.baseUrl}`);

	const cluster = new Cluster({ runtime, base, tgz, pg, redis, stallDefaults: args.stallDefaults });
	await cluster.prepare();
	proc.onCleanup(() => cluster.stop());

	const db = new Db(runtime, pg);
	proc.onCleanup(() => db.close());
	const findings = {};
	const ctx = { cluster, fake, db, agentId: AGENT.id, findings };

	step(
		"Importing the credential and the workflows, publishing the triggered ones (on the main's database)",
	);
	const { main } = cluster;
	await main.importCredentials(
		writeJson(path.join(base, 'credentials.json'), [
			wf.credential({ apiKey: fake.apiKey, baseUrl: fake.baseUrl }),
		]),
	);
	await main.importWorkflows(
		writeJson(path.join(base, 'workflows.json'), scenarios.workflows(ctx)),
	);
	for (const id of scenarios.PUBLISH) await main.publish(id);

	step('Starting n8n in queue mode: main, then two workers and a webhook processor');
	await cluster.start();
	cluster.describe();
	for (const webhookPath of scenarios.WEBHOOK_PATHS)
		await cluster.webhook.waitForWebhook(webhookPath);
	detail('webhooks answer on the webhook processor');
	ctx.rest = await login(main.baseUrl);
	step(`Set-up done in ${Math.round((Date.now() - started) / 1000)}s`);

	await suite.runTests(scenarios.tests(ctx), args.only);

	writeJson(path.join(base, 'findings.json'), findings);
	detail(`Findings: ${path.join(base, 'findings.json')}`);
	return suite.finish(started, succeeded);
}

suite.runMain(main, 'queue-mode');
