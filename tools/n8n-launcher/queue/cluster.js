'use strict';
// n8n in queue mode, as a team running campaigns at scale deploys it: one main (`n8n start`), two
// workers (`n8n worker`) and one webhook processor (`n8n webhook`), sharing Postgres, Redis and
// one encryption key. Each instance has its own user folder with the packed package installed in
// its nodes folder, as each container of such a deployment would have.
const fs = require('node:fs');
const path = require('node:path');

const { step, detail } = require('../log');
const { N8n } = require('../n8n');
const { freePorts } = require('../ports');
const { ownerEnv } = require('../owner');
const pkg = require('../package');
const { signalGroup } = require('../proc');

/**
 * Bull's stall detection, shortened so a killed worker's run is noticed within the suite's time
 * (n8n's defaults: lock 60 s, renewed every 10 s, stalled check every 30 s).
 */
const STALL_SETTINGS = {
	QUEUE_WORKER_LOCK_DURATION: '10000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '2500',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};

const WORKER_CONCURRENCY = 10;

/** The environment every instance shares (database, queue, stall settings). */
function sharedEnv({ pg, redis, webhookUrl, stallDefaults }) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		// Manual runs (the editor's Execute button, POST /rest/workflows/:id/run) go to workers
		// too; without it n8n 2.40 runs them on the main (n8n 3 will always offload them).
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// Where users' webhooks must point: the webhook processor (the editor shows this URL).
		WEBHOOK_URL: webhookUrl,
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		...(stallDefaults ? {} : STALL_SETTINGS),
	};
}

class Cluster {
	constructor({ runtime, base, tgz, pg, redis, stallDefaults = false }) {
		this.stallDefaults = stallDefaults;
		this.runtime = runtime;
		this.base = base;
		this.tgz = tgz;
		this.pg = pg;
		this.redis = redis;
		this.instances = [];
	}

	/** Creates the four instances' folders (package installed) and their environments. */
	async prepare() {
		const ports = await freePorts(
			4 /* http */ + 4 /* task-runner brokers */ + 2 /* worker health */,
		);
		const [
			mainPort,
			webhookPort,
			,
			,
			mainBroker,
			webhookBroker,
			w1Broker,
			w2Broker,
			w1Health,
			w2Health,
		] = ports;
		const webhookUrl = `http://127.0.0.1:${webhookPort}/`;
		const shared = sharedEnv({
			pg: this.pg,
			redis: this.redis,
			webhookUrl,
			stallDefaults: this.stallDefaults,
		});
		const make = (name, port, brokerPort, extra = {}) => {
			const userFolder = path.join(this.base, name);
			fs.mkdirSync(userFolder, { recursive: true });
			const instance = new N8n(this.runtime, {
				userFolder,
				port,
				brokerPort,
				logName: `${name}.log`,
				extra: { ...shared, ...extra },
			});
			instance.name = name;
			this.instances.push(instance);
			return instance;
		};
		this.main = make('main', mainPort, mainBroker, ownerEnv(this.runtime));
		const workerEnv = (healthPort) => ({
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
		// A worker serves no HTTP besides its health server; its N8N_PORT is unused but kept distinct.
		this.workers = [
			make('worker-1', ports[2], w1Broker, workerEnv(w1Health)),
			make('worker-2', ports[3], w2Broker, workerEnv(w2Health)),
		];
		this.workers[0].healthUrl = `http://127.0.0.1:${w1Health}/healthz/readiness`;
		this.workers[1].healthUrl = `http://127.0.0.1:${w2Health}/healthz/readiness`;
		this.webhook = make('webhook', webhookPort, webhookBroker);

		step("Installing the packed package into every instance's nodes folder");
		for (const instance of this.instances) await pkg.installInto(instance.userFolder, this.tgz);
	}

	/** The main first (it runs the migrations), then the workers and the webhook processor together. */
	async start() {
		await this.main.start({ timeoutMs: 180000 });
		await Promise.all([
			...this.workers.map((worker) =>
				worker.start({
					command: 'worker',
					args: [`--concurrency=${WORKER_CONCURRENCY}`],
					readinessUrl: worker.healthUrl,
					timeoutMs: 180000,
				}),
			),
			this.webhook.start({ command: 'webhook', timeoutMs: 180000 }),
		]);
	}

	/** SIGKILL to a worker's whole process group (n8n and its task runner), as when a container dies. */
	async killWorker(index) {
		const worker = this.workers[index];
		signalGroup(worker.server, 'SIGKILL');
		await worker.server.exited;
		worker.server = null;
	}

	/** Starts a worker again (after killWorker). */
	async startWorker(index) {
		const worker = this.workers[index];
		await worker.start({
			command: 'worker',
			args: [`--concurrency=${WORKER_CONCURRENCY}`],
			readinessUrl: worker.healthUrl,
			timeoutMs: 180000,
		});
	}

	async stop() {
		await Promise.all(this.instances.map((instance) => instance.stop()));
	}

	/** How many times each worker's log says it started execution `id` (n8n logs it at info). */
	workerRuns(executionId) {
		return this.workers.map((worker) => {
			const log = readLog(worker.logFile);
			return (log.match(new RegExp(`Worker started execution ${executionId} \\(`, 'g')) ?? [])
				.length;
		});
	}

	/** Execution ids each worker started, from its log. */
	workerExecutionIds() {
		return this.workers.map((worker) => {
			const ids = new Set();
			for (const match of readLog(worker.logFile).matchAll(/Worker started execution (\d+) \(/g))
				ids.add(match[1]);
			return ids;
		});
	}

	describe() {
		for (const instance of this.instances)
			detail(
				`${instance.name.padEnd(8)} ${(instance.healthUrl ?? instance.baseUrl).replace(/\/healthz.*$/, '')}  log ${instance.logFile}`,
			);
	}
}

function readLog(file) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

module.exports = { Cluster, STALL_SETTINGS, WORKER_CONCURRENCY, readLog };
