'use strict';
// Bounded polling: every wait in the suite ends, with a message saying what did not happen.

/**
 * Calls `check` until it returns a truthy value (returned), or throws `message` (text, or a function
 * giving it, to say what was still missing) after `timeoutMs`.
 */
async function waitFor(check, { timeoutMs = 30000, intervalMs = 250, message = 'condition' } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline)
			throw new Error(
				`Waited ${timeoutMs / 1000}s for ${typeof message === 'function' ? message() : message}`,
			);
		await sleep(intervalMs);
	}
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

module.exports = { waitFor, sleep };
