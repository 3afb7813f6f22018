'use strict';
// One run of a workflow that places calls (eigi Outbound Call or the HTTP Request node), on a
// freshly reset fake: the node's time as n8n recorded it, what the fake saw, and peak memory.
const { detail } = require('../../tools/n8n-launcher/log');
const { executeWorkflow, nodeRun } = require('./execute');
const { resetFake, outboundStats } = require('./fakeStats');
const S = require('./stats');

/** Output items that are not a success: error items (either node) or eigi results not initiated. */
function failedItems(outputs) {
	return outputs
		.flat()
		.filter(
			(json) =>
				json.error !== undefined || (json.status !== undefined && json.status !== 'initiated'),
		).length;
}

/**
 * `expected`: the E.164 numbers the run must call. `fakeOptions`: rate limit and latency for this
 * run. Resolves with { timeMs, items, failedItems, memory, ...outboundStats }.
 */
async function callRun(ctx, { workflowId, nodeName, expected, fakeOptions = {} }) {
	resetFake(ctx.fake, fakeOptions);
	const { run, peakTreeMb, peakMainMb } = await executeWorkflow(ctx.n8n, workflowId);
	const node = nodeRun(run, nodeName);
	const stats = outboundStats(ctx.fake, expected);
	const result = {
		timeMs: node.executionTime,
		items: node.outputs.flat().length,
		failedItems: failedItems(node.outputs),
		peakTreeMb,
		peakMainMb,
		...stats,
	};
	detail(
		`${nodeName}: ${S.seconds(result.timeMs)}, ${result.requests} requests, ${result.rateLimited} × 429, ` +
			`${result.lost} lost, ${result.duplicates} duplicates, peak ${S.megabytes(peakTreeMb)}`,
	);
	return result;
}

module.exports = { callRun };
