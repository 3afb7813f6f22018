'use strict';
// Reading n8n's executions straight from Postgres, with the `pg` client and `flatted` that n8n
// itself ships (nothing to install): status, mode, and the run data as n8n stored it.
const path = require('node:path');

class Db {
	constructor(runtime, pg) {
		const modules = path.join(runtime.n8nDir, 'node_modules');
		const { Pool } = require(path.join(modules, 'pg'));
		this.flatted = require(path.join(modules, 'flatted'));
		this.pool = new Pool({
			host: '127.0.0.1',
			port: pg.port,
			user: pg.user,
			password: pg.password,
			database: pg.database,
			max: 2,
			statement_timeout: 30000,
			connectionTimeoutMillis: 10000,
		});
	}

	async query(sql, params = []) {
		return (await this.pool.query(sql, params)).rows;
	}

	/** Executions of a workflow (id, status, mode, finished, retryOf...), oldest first. */
	async executions(workflowId) {
		return this.query(
			`SELECT id::text AS id, status, mode, finished, "retryOf" AS "retryOf", "retrySuccessId" AS "retrySuccessId",
			        "startedAt" AS "startedAt", "stoppedAt" AS "stoppedAt"
			   FROM execution_entity WHERE "workflowId" = $1 ORDER BY id`,
			[workflowId],
		);
	}

	async execution(id) {
		const [row] = await this.query(
			`SELECT id::text AS id, status, mode, finished, "retryOf" AS "retryOf", "startedAt" AS "startedAt", "stoppedAt" AS "stoppedAt"
			   FROM execution_entity WHERE id = $1`,
			[id],
		);
		return row ?? null;
	}

	/** The run data (IRunExecutionData) n8n saved for an execution, or null. */
	async runData(id) {
		const [row] = await this.query('SELECT data FROM execution_data WHERE "executionId" = $1', [
			id,
		]);
		if (!row) return null;
		return this.flatted.parse(row.data);
	}

	async close() {
		await this.pool.end();
	}
}

module.exports = { Db };
