'use strict';
// One workflow run in a fresh `n8n execute --id` process (as the e2e suite runs them), with the
// process group's memory sampled while it runs. Each run is its own process so that its peak
// memory is its own.
const fs = require('node:fs');
const path = require('node:path');

const { start, stop } = require('../../tools/n8n-launcher/proc');
const { extractRun } = require('../../tools/n8n-launcher/n8n');
const { sampleGroup } = require('./memory');

let counter = 0;

/**
 * Runs workflow `workflowId` on instance `n8n` (tools/n8n-launcher/n8n.js's N8n). Resolves with the run
 * (IRun), the process's exit code, its peak memory and its wall time; throws if it printed no run.
 * `env` adds to n8n's environment (bench/profile.js adds NODE_OPTIONS=--cpu-prof).
 */
async function executeWorkflow(n8n, workflowId, { timeoutMs = 15 * 60000, env = {} } = {}) {
	counter += 1;
	const logFile = path.join(n8n.userFolder, `execute-${counter}-${workflowId}.log`);
	const started = Date.now();
	const child = start(
		n8n.runtime.nodeBin,
		[n8n.runtime.n8nEntry, 'execute', `--id=${workflowId}`, '--rawOutput'],
		{
			cwd: n8n.userFolder,
			env: { ...n8n.env, ...env },
			logFile,
			name: `n8n execute ${workflowId}`,
		},
	);
	const sampler = sampleGroup(child.pid);
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		stop(child, 5000);
	}, timeoutMs);
	const { code } = await child.exited;
	clearTimeout(timer);
	const memory = sampler.stop();
	const wallMs = Date.now() - started;
	const output = fs.readFileSync(logFile, 'utf8');
	const run = extractRun(output);
	if (!run) {
		const tail = output.trim().split('\n').slice(-30).join('\n');
		throw new Error(
			`n8n execute --id=${workflowId} ${timedOut ? `timed out after ${timeoutMs / 1000}s` : `exited ${code}`} without a run (log: ${logFile})\n${tail}`,
		);
	}
	// The printed run can be many MB; the log is only kept for a failed run.
	fs.rmSync(logFile, { force: true });
	return { run, exitCode: code, wallMs, ...memory };
}

/** What n8n recorded for one node's (last) run: its time in ms, its output items per output. */
function nodeRun(run, nodeName) {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length) {
		const error = run.data.resultData.error;
		throw new Error(
			`The node "${nodeName}" did not run${error ? `: ${error.message} ${error.description ?? ''}` : ''}`,
		);
	}
	const last = runs[runs.length - 1];
	return {
		executionTime: last.executionTime,
		startTime: last.startTime,
		runs: runs.length,
		outputs: (last.data?.main ?? []).map((items) => (items ?? []).map((item) => item.json)),
		error: last.error ?? null,
	};
}

module.exports = { executeWorkflow, nodeRun };
