'use strict';
// Reading what `n8n execute --rawOutput` prints (an IRun): a node's output items, the run's error.

/** The JSON of the items a node put on output `output` in its last run ([] if it did not run). */
function nodeOutput(run, nodeName, output = 0) {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs || runs.length === 0) return [];
	const last = runs[runs.length - 1];
	return (last.data?.main?.[output] ?? []).map((item) => item.json);
}

/** How many times n8n ran a node (more than once means Retry On Fail kicked in). */
function nodeRunCount(run, nodeName) {
	return (run.data.resultData.runData[nodeName] ?? []).length;
}

/** The error that stopped the run, or null. */
function runError(run) {
	return run.data.resultData.error ?? null;
}

/** A run that succeeded, or an error that shows why it did not. */
function assertSucceeded(result) {
	const error = runError(result.run);
	// n8n 2.0.x's `execute` prints a finished run with status "running".
	const done =
		result.run.status === 'success' ||
		(result.run.status === 'running' && result.run.finished === true);
	if (result.exitCode !== 0 || error || !done) {
		const message = error
			? `${error.message}${error.description ? ` (${error.description})` : ''}`
			: `status ${result.run.status}`;
		throw new Error(`The workflow run failed (exit ${result.exitCode}): ${message}`);
	}
}

/** An output item's facts: success items carry them at the top, error items under `details`. */
function resultOf(json) {
	return json.details && typeof json.details === 'object' ? { ...json, ...json.details } : json;
}

module.exports = { nodeOutput, nodeRunCount, runError, assertSucceeded, resultOf };
