'use strict';
// The bench's n8n in queue mode, set up as the queue suite sets it up (test/e2e/queue): Postgres
// and Redis from Debian's packages (installed when missing), one main (`n8n start`), two workers
// (`n8n worker`, --concurrency as cluster.js sets it) and one webhook processor (`n8n webhook`),
// each with the packed package in its own nodes folder. The bench's credentials and the given
// workflows are imported on the main, the given ones published. Everything lives in `queue/` in
// the bench's n8n user folder (kept with --keep: main.log, worker-1.log, worker-2.log,
// webhook.log, postgres.log, redis.log).
const fs = require('node:fs');
const path = require('node:path');

const { step } = require('../../tools/n8n-launcher/log');
const proc = require('../../tools/n8n-launcher/proc');
const { writeJson } = require('../../tools/n8n-launcher/files');
const services = require('../../tools/n8n-launcher/queue/services');
const { Cluster, WORKER_CONCURRENCY } = require('../../tools/n8n-launcher/queue/cluster');
const { credentials } = require('./workflows');

class QueueMode {
	/**
	 * `ctx` is the bench's context (bench/lib/instance.js); `workflows` the workflows to import,
	 * `publish` the ids to publish, `webhookPaths` the production webhooks to wait for.
	 */
	constructor(ctx, { workflows, publish = [], webhookPaths = [] }) {
		this.ctx = ctx;
		this.workflows = workflows;
		this.publish = publish;
		this.webhookPaths = webhookPaths;
		this.cluster = null;
		this.services = null;
	}

	/** Installs what is missing, starts Postgres, Redis and the four n8n processes, imports, publishes. */
	async start() {
		const { ctx } = this;
		const bins = await services.ensurePackages();
		const base = path.join(ctx.userFolder, 'queue');
		fs.mkdirSync(base, { recursive: true });
		// Postgres runs as the postgres user when root: it must get through the user folder to `base`.
		fs.chmodSync(ctx.userFolder, 0o711);
		this.services = await services.startServices(bins, base);
		const { pg, redis } = this.services;
		// n8n's own lock and stalled-job timings (lock 60 s), not the queue suite's shortened ones
		// (10 s, there so that a killed worker's run is noticed quickly): nothing is killed here, and
		// on 2 busy cores a worker that misses a shortened lock has its run started again elsewhere,
		// a duplicate call that a deployment with n8n's defaults would not make.
		this.cluster = new Cluster({
			runtime: ctx.runtime,
			base,
			tgz: ctx.tgz,
			pg,
			redis,
			stallDefaults: true,
		});
		await this.cluster.prepare();
		// --n8n-env applies to every instance, as it applies to the one n8n otherwise.
		for (const instance of this.cluster.instances) Object.assign(instance.env, ctx.n8nEnv);
		proc.onCleanup(() => this.cluster?.stop());

		step("Importing the credentials and workflows on the main's database, publishing");
		const { main } = this.cluster;
		await main.importCredentials(
			writeJson(path.join(base, 'credentials.json'), credentials(ctx.fake)),
		);
		await main.importWorkflows(writeJson(path.join(base, 'workflows.json'), this.workflows));
		for (const id of this.publish) await main.publish(id);

		step('Starting n8n in queue mode: main, then two workers and a webhook processor');
		await this.cluster.start();
		this.cluster.describe();
		for (const webhookPath of this.webhookPaths)
			await this.cluster.webhook.waitForWebhook(webhookPath);
	}

	/** Production webhooks are served by the webhook processor. */
	get webhookBaseUrl() {
		return this.cluster.webhook.baseUrl;
	}

	/** The REST API (executions, login) is the main's. */
	get restBaseUrl() {
		return this.cluster.main.baseUrl;
	}

	/** The n8n processes' group leaders by role (main, worker-1, worker-2, webhook), for sampleGroups. */
	processes() {
		return Object.fromEntries(
			this.cluster.instances.map((instance) => [instance.name, instance.server.pid]),
		);
	}

	/** Postgres's and Redis's group leaders, measured apart from n8n's. */
	serviceProcesses() {
		return { postgres: this.services.pg.child.pid, redis: this.services.redis.child.pid };
	}

	describe() {
		return `queue mode, 2 workers (--concurrency=${WORKER_CONCURRENCY} each)`;
	}

	async stop() {
		if (this.cluster) await this.cluster.stop();
		if (this.services) {
			await this.services.redis.stop();
			await this.services.pg.stop();
		}
	}
}

module.exports = { QueueMode, WORKER_CONCURRENCY };
