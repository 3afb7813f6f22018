'use strict';
// The wait until a burst's runs are over, as far as the fake, the sink and n8n can tell.
const { detail } = require('../../../tools/n8n-launcher/log');
const { sleep } = require('../../../tools/n8n-launcher/wait');
const { countExecutions, FINISHED } = require('./executions');

const GIVE_UP_AFTER_LAST_POST_MS = 12 * 60_000;
/** Nothing new at the fake or the sink for this long: the runs still missing will not come. */
const QUIET_MS = 3 * 60_000;

/**
 * Waits until the item of every post n8n did not refuse reached the sink (a refused one never
 * runs), bounded by GIVE_UP_AFTER_LAST_POST_MS, or until nothing moved for QUIET_MS (no new
 * request at the fake, no new item in the sink); then, for at most a minute more, until n8n has
 * recorded those executions as finished (it lags behind the sink when busy), so the execution
 * counts and the memory peak include the end of the burst.
 */
async function waitForOutcomes(fake, session, { workflowId, sink, finishedBefore, posted }) {
	const deadline = posted.lastPostMs + GIVE_UP_AFTER_LAST_POST_MS;
	// A post n8n answered with an error started nothing; one the bench gave up on (no answer within
	// 2 minutes: n8n holds the answer until the execution starts) may still run.
	const expected = posted.count - posted.failures.filter((failure) => failure.status !== 0).length;
	const finished = async () =>
		(await countExecutions(session, workflowId, FINISHED)) - finishedBefore;
	let lastReport = Date.now();
	let lastProgress = Date.now();
	let seen = '';
	for (;;) {
		const sinkCount = fake.server.sinkRecords(sink).length;
		const now = `${sinkCount}/${fake.server.requests.length}`;
		if (now !== seen) {
			seen = now;
			lastProgress = Date.now();
		}
		if (sinkCount >= expected) {
			const settleBy = Math.min(deadline, Date.now() + 60_000);
			while ((await finished()) < expected && Date.now() < settleBy) await sleep(2000);
			return { gaveUp: false, quiet: false };
		}
		if (Date.now() - lastReport > 15_000) {
			lastReport = Date.now();
			detail(
				`... ${sinkCount} outcomes in the sink, ${await finished()} executions finished, ${fake.server.calledNumbers().length} calls placed, ${fake.server.rateLimitedCount} × 429 so far`,
			);
		}
		if (Date.now() - lastProgress > QUIET_MS) return { gaveUp: true, quiet: true };
		if (Date.now() > deadline) return { gaveUp: true, quiet: false };
		await sleep(500);
	}
}

module.exports = { waitForOutcomes };
