'use strict';
// The bench's one n8n as the burst workloads run it: n8n's default production concurrency
// (SingleMode), the counterpart of queue mode (bench/lib/queueMode.js), with the same shape.

/**
 * The bench's one n8n, with n8n's default production concurrency (unlimited, -1) unless
 * --n8n-env sets one, and the webhook `path` registered.
 */
class SingleMode {
	constructor(ctx, path) {
		this.n8n = ctx.n8n;
		this.path = path;
		this.concurrency = ctx.n8nEnv?.N8N_CONCURRENCY_PRODUCTION_LIMIT ?? '-1';
		this.savedLimit = undefined;
	}

	async start() {
		this.savedLimit = this.n8n.env.N8N_CONCURRENCY_PRODUCTION_LIMIT;
		this.n8n.env.N8N_CONCURRENCY_PRODUCTION_LIMIT = this.concurrency;
		await this.n8n.start();
		await this.n8n.waitForWebhook(this.path);
	}

	get webhookBaseUrl() {
		return this.n8n.baseUrl;
	}

	get restBaseUrl() {
		return this.n8n.baseUrl;
	}

	processes() {
		return { n8n: this.n8n.server.pid };
	}

	serviceProcesses() {
		return {};
	}

	describe() {
		return `single n8n, concurrency ${this.concurrency === '-1' ? 'unlimited (default)' : this.concurrency}`;
	}

	async stop() {
		await this.n8n.stop();
		this.n8n.env.N8N_CONCURRENCY_PRODUCTION_LIMIT = this.savedLimit;
	}
}

module.exports = { SingleMode };
