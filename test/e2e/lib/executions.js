'use strict';
// n8n's executions as its editor reads them (REST, a logged-in session): the list of a workflow's
// runs, and one run's data, which n8n sends as a `flatted` string (parsed with n8n's own copy).
const path = require('node:path');

const { waitFor } = require('../../../tools/n8n-launcher/wait');

const DONE = new Set(['success', 'error', 'crashed', 'canceled']);
const PAGE = 250;

class Executions {
	constructor(session, runtime) {
		this.session = session;
		this.flatted = require(path.join(runtime.n8nDir, 'node_modules', 'flatted'));
	}

	/** Every execution of `workflowId` (id, status, mode, startedAt, stoppedAt...), oldest first. */
	async list(workflowId) {
		const all = [];
		let lastId;
		for (;;) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const page = await this.session.get(
				`/rest/executions?filter=${filter}&limit=${PAGE}${lastId ? `&lastId=${lastId}` : ''}`,
			);
			const results = page?.data?.results ?? [];
			all.push(...results);
			if (results.length < PAGE) break;
			lastId = results[results.length - 1].id;
		}
		const unique = new Map(all.map((execution) => [String(execution.id), execution]));
		return [...unique.values()].sort((a, b) => Number(a.id) - Number(b.id));
	}

	/**
	 * Waits (bounded) until `workflowId` has at least `count` executions and none is still
	 * new, running or waiting; returns them, oldest first.
	 */
	async waitForAll(workflowId, count, { timeoutMs = 180000 } = {}) {
		let executions = [];
		return waitFor(
			async () => {
				executions = await this.list(workflowId);
				return executions.length >= count && executions.every((e) => DONE.has(e.status))
					? executions
					: null;
			},
			{
				timeoutMs,
				intervalMs: 1000,
				message: () =>
					`${count} finished executions of ${workflowId}; ${executions.length} so far, ${executions.filter((e) => !DONE.has(e.status)).length} not finished`,
			},
		);
	}

	/** One execution as `n8n execute --rawOutput` prints a run: `{ status, data: { resultData } }`. */
	async run(id) {
		const answer = await this.session.get(`/rest/executions/${id}`);
		const execution = answer?.data ?? answer;
		const data =
			typeof execution.data === 'string' ? this.flatted.parse(execution.data) : execution.data;
		return { ...execution, data };
	}
}

module.exports = { Executions, DONE };
