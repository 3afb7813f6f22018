'use strict';
// A minimal test runner: named tests run one after another, each failure is reported with its
// message and the run goes on; the summary line is "N passed, N failed".
const { step, detail } = require('../../../tools/n8n-launcher/log');
const proc = require('../../../tools/n8n-launcher/proc');

const results = [];

async function test(name, fn, { timeoutMs = 120000 } = {}) {
	const started = Date.now();
	step(`TEST ${name}`);
	let timer;
	try {
		await Promise.race([
			fn(),
			new Promise((_, reject) => {
				timer = setTimeout(
					() => reject(new Error(`timed out after ${timeoutMs / 1000}s`)),
					timeoutMs,
				);
			}),
		]);
		results.push({ name, ok: true });
		detail(`PASS (${((Date.now() - started) / 1000).toFixed(1)}s)`);
	} catch (error) {
		results.push({ name, ok: false, error });
		detail(`FAIL (${((Date.now() - started) / 1000).toFixed(1)}s): ${indent(error.message)}`);
	} finally {
		clearTimeout(timer);
	}
}

/** Marks a test failed without running it (its setup failed). */
function fail(name, error) {
	results.push({ name, ok: false, error });
	step(`TEST ${name}`);
	detail(`FAIL: ${indent(error.message)}`);
}

function indent(text) {
	return String(text).split('\n').join('\n            ');
}

function summary() {
	const passed = results.filter((result) => result.ok).length;
	const failed = results.length - passed;
	if (failed) {
		console.log('\nFailed:');
		for (const result of results.filter((r) => !r.ok))
			console.log(`  - ${result.name}: ${result.error.message.split('\n')[0]}`);
	}
	console.log(`\n${passed} passed, ${failed} failed`);
	return { passed, failed };
}

/**
 * Runs `list` ([name, fn, options] each) one after another, those whose name contains `only` when
 * given; none more once a signal is stopping everything (cleanup is under way).
 */
async function runTests(list, only) {
	for (const [name, fn, options] of list) {
		if (proc.isStopping()) break;
		if (only && !name.toLowerCase().includes(only.toLowerCase())) continue;
		await test(name, fn, options);
	}
}

/**
 * The end of a suite's `main()`: the summary, `succeeded()` (the run folder's) when nothing
 * failed, the time since `started`; resolves with the exit code.
 */
function finish(started, succeeded) {
	const { failed } = summary();
	if (!failed) succeeded();
	step(`Finished in ${Math.round((Date.now() - started) / 1000)}s`);
	return failed ? 1 : 0;
}

/**
 * Runs a suite's `main()` (which resolves with the exit code) and exits with it once everything the
 * suite started is stopped; a failure before the tests is reported as a failed test of its own.
 */
function runMain(main, label) {
	main()
		.then(async (code) => {
			await proc.runCleanup();
			process.exit(code);
		})
		.catch(async (error) => {
			console.error(`\nThe ${label} run stopped: ${error.stack || error.message}`);
			fail(`${label} setup`, error);
			summary();
			await proc.runCleanup();
			process.exit(1);
		});
}

module.exports = { test, fail, summary, runTests, finish, runMain };
