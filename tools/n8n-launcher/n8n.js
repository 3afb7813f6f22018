'use strict';
// Driving a real n8n: its environment, its CLI (import, publish, execute) and its server.
const fs = require('node:fs');
const path = require('node:path');

const { step, detail } = require('./log');
const { outsideProjectEnv } = require('./childEnv');
const { start, stop, run, runChecked } = require('./proc');
const { withVersionIds, addMissingHistory } = require('./workflowHistory');

// Fixed so credentials imported by one command can be read by the next; this is a throwaway instance.
const ENCRYPTION_KEY = 'n8n-nodes-eigi-e2e-not-a-secret';

/**
 * The environment of every n8n process of one instance. `runtime` comes from runtime.js; `port`
 * and `brokerPort` must be free (two n8n processes cannot share the task-runner broker port).
 * `fixedKey: false` lets n8n make its own encryption key (for data worth protecting).
 */
function n8nEnv(
	runtime,
	{ userFolder, port, brokerPort, host = '127.0.0.1', fixedKey = true, extra = {} },
) {
	const env = outsideProjectEnv();
	for (const name of Object.keys(env)) {
		// Settings of some other n8n in the caller's environment must not leak into this one.
		if (
			name.startsWith('N8N_') ||
			name.startsWith('DB_') ||
			name === 'WEBHOOK_URL' ||
			name === 'NODE_OPTIONS'
		)
			delete env[name];
	}
	return {
		...env,
		PATH: runtime.path,
		N8N_USER_FOLDER: userFolder,
		// Without a fixed key n8n makes a random one and keeps it in the user folder's config.
		...(fixedKey ? { N8N_ENCRYPTION_KEY: ENCRYPTION_KEY } : {}),
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: host,
		WEBHOOK_URL: `http://${host}:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_LEVEL: 'info',
		...extra,
	};
}

class N8n {
	constructor(runtime, options) {
		this.runtime = runtime;
		this.userFolder = options.userFolder;
		this.port = options.port;
		this.env = n8nEnv(runtime, options);
		this.baseUrl = `http://127.0.0.1:${this.port}`;
		this.logFile = path.join(this.userFolder, options.logName ?? 'n8n-server.log');
		this.server = null;
	}

	/** One n8n CLI command; each boots n8n (about 10 s), so callers batch work into few calls. */
	async cli(args, { timeoutMs = 3 * 60000, checked = true } = {}) {
		const runner = checked ? runChecked : run;
		return runner(this.runtime.nodeBin, [this.runtime.n8nEntry, ...args], {
			cwd: this.userFolder,
			env: this.env,
			timeoutMs,
		});
	}

	async importCredentials(file) {
		await this.cli(['import:credentials', `--input=${file}`]);
	}

	async importWorkflows(file) {
		await this.cli(['import:workflow', `--input=${withVersionIds(file)}`]);
	}

	/**
	 * Takes effect at the next start (n8n must be stopped). n8n 1.x has no publish:workflow: its
	 * equivalent is activating the workflow. n8n 2.0.x publishes only a version in the history,
	 * which its import did not write: the history is completed then, and the publish repeated.
	 */
	async publish(workflowId) {
		if (String(this.runtime.n8nVersion ?? '').startsWith('1.')) {
			await this.cli(['update:workflow', `--id=${workflowId}`, '--active=true']);
			return;
		}
		const args = ['publish:workflow', `--id=${workflowId}`];
		const first = await this.cli(args, { checked: false });
		if (first.code === 0) return;
		const output = `${first.stdout}\n${first.stderr}`;
		if (!/Version "[^"]*" not found/.test(output))
			throw new Error(
				`n8n publish:workflow --id=${workflowId} failed (exit ${first.code ?? first.signal}):\n${output.trim().split('\n').slice(-30).join('\n')}`,
			);
		const added = await addMissingHistory(this.runtime, this.userFolder, this.env);
		detail(`n8n ${this.runtime.n8nVersion} imported no version history: ${added} rows added`);
		await this.cli(args);
	}

	/**
	 * `n8n execute --id --rawOutput`: returns the run (IRun) it prints, whether it succeeded or not,
	 * with the command's output for diagnostics.
	 */
	async execute(workflowId, { timeoutMs = 3 * 60000 } = {}) {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], {
			timeoutMs,
			checked: false,
		});
		const output = `${result.stdout}\n${result.stderr}`;
		const runData = extractRun(result.stdout) ?? extractRun(output);
		if (!runData) {
			const tail = output.trim().split('\n').slice(-40).join('\n');
			throw new Error(
				`n8n execute --id=${workflowId} printed no run data (exit ${result.code})\n${tail}`,
			);
		}
		return { exitCode: result.code, run: runData, output };
	}

	/**
	 * `n8n start`, waiting (bounded) until /healthz/readiness answers 200: /healthz alone answers
	 * while database migrations still run, before the REST API and webhooks work.
	 * `command` starts another kind of n8n process (`worker`, `webhook`, with `args` such as
	 * `--concurrency=5`); `readinessUrl` is where that one answers (a worker's health server).
	 */
	async start({ timeoutMs = 90000, command = 'start', args = [], readinessUrl } = {}) {
		const readiness = readinessUrl ?? `${this.baseUrl}/healthz/readiness`;
		step(
			`Starting n8n ${command} on ${readiness.replace(/\/healthz.*$/, '')} (log: ${this.logFile})`,
		);
		this.server = start(this.runtime.nodeBin, [this.runtime.n8nEntry, command, ...args], {
			cwd: this.userFolder,
			env: this.env,
			logFile: this.logFile,
			name: `n8n ${command}`,
		});
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.server.exitCode !== null || this.server.signalCode !== null) {
				throw new Error(
					`n8n ${command} exited while starting (exit ${this.server.exitCode ?? this.server.signalCode})\n${this.logTail()}`,
				);
			}
			if ((await status('GET', readiness)) === 200) {
				detail(`n8n ${command} is ready (${new URL(readiness).pathname})`);
				return;
			}
			await sleep(500);
		}
		throw new Error(
			`n8n ${command} was not ready (${readiness}) within ${timeoutMs / 1000}s\n${this.logTail()}`,
		);
	}

	/**
	 * Published workflows' webhooks are registered a few seconds after /healthz: a CORS preflight
	 * answers 204 once the webhook exists (404 before).
	 */
	async waitForWebhook(webhookPath, { timeoutMs = 60000 } = {}) {
		const url = `${this.baseUrl}/webhook/${webhookPath}`;
		const deadline = Date.now() + timeoutMs;
		let last;
		while (Date.now() < deadline) {
			last = await status('OPTIONS', url, {
				Origin: this.baseUrl,
				'Access-Control-Request-Method': 'POST',
			});
			if (last === 204 || last === 200) return;
			await sleep(500);
		}
		throw new Error(
			`The webhook ${url} was not registered within ${timeoutMs / 1000}s (last status ${last})\n${this.logTail()}`,
		);
	}

	async stop() {
		if (!this.server) return;
		step('Stopping n8n');
		await stop(this.server, 15000);
		this.server = null;
	}

	logTail(lines = 40) {
		try {
			return fs.readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
		} catch {
			return '(no n8n log)';
		}
	}
}

/** `execute` prints log lines, then the run as indented JSON: a line `{` up to the next line `}`. */
function extractRun(text) {
	const lines = text.split('\n');
	for (let i = lines.length - 1; i >= 0; i--) {
		if (lines[i].trimEnd() !== '{') continue;
		const end = lines.findIndex((line, j) => j > i && line.trimEnd() === '}');
		if (end === -1) continue;
		try {
			const parsed = JSON.parse(lines.slice(i, end + 1).join('\n'));
			if (parsed && typeof parsed === 'object' && parsed.data?.resultData) return parsed;
		} catch {
			// Not the run; keep looking.
		}
	}
	return null;
}

async function status(method, url, headers = {}) {
	try {
		const response = await fetch(url, { method, headers, signal: AbortSignal.timeout(5000) });
		await response.arrayBuffer();
		return response.status;
	} catch {
		return 0;
	}
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

module.exports = { N8n, n8nEnv, extractRun, ENCRYPTION_KEY };
