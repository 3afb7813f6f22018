'use strict';
// npm run bench: eigi's nodes against what a user would build without them, in a real n8n (2.40.7
// on Node 24, the e2e suite's cached runtime) and against the fake eigi API on 127.0.0.1. Prints a
// markdown table of medians with ratios to the baseline; it reports and never fails on a time.
//
// Usage: node bench/run.js [--runs N] [--baseline-runs N] [--slow-runs N] [--only 1,3] [--write]
//                           [--burst-runs N] [--burst-limit N/s|N/min] [--burst-leads N]
//                           [--burst-mode single|queue] [--duplicate-runs N]
//                           [--duplicate-leads N] [--duplicate-limit N/s|N/min]
//                           [--keep] [--n8n-env NAME=VALUE ...]
//   --runs N           runs of each side of workloads 1 (eigi), 2 and 3 (default 5)
//   --baseline-runs N  runs of workload 1's HTTP Request baseline, about 4 minutes each (default 1)
//   --slow-runs N      runs of workloads 4 and 5, a minute or more each (default 3)
//   --burst-runs N     runs of workload 7, 1 to 13 minutes each (default 1)
//   --burst-limit L    eigi's rate limit in workload 7: 10/s (default, the Free plan's 100/min
//                      scaled), or e.g. 100/min (the Free plan as it is), 500/min (Pro)
//   --burst-leads N    leads posted in workload 7's 10 s (default 500; fewer for a quick trial)
//   --burst-mode M     workload 7's n8n: single (default), one n8n with its default concurrency;
//                      or queue, n8n in queue mode as `npm run test:queue` runs it: a main, two
//                      workers (--concurrency=10 each), a webhook processor that gets the posts,
//                      Postgres and Redis (installed with apt-get when missing, as root)
//   --duplicate-runs N pairs of workload 9 (with duplicates, without), about 1 minute each (default 1)
//   --duplicate-leads N  leads in workload 9's 10 s, each posted twice (default 100)
//   --duplicate-limit L  eigi's rate limit in workload 9: 10/s (default), as --burst-limit
//   --only 1,3         only these workloads
//   --write            put the result into BENCHMARKS.md
//   --keep             keep the temp n8n user folder
//   --n8n-env N=V      an extra setting for n8n (repeatable), for experiments; in workload 7's
//                      queue mode, for every n8n process
const path = require('node:path');

const { step } = require('../tools/n8n-launcher/log');
const proc = require('../tools/n8n-launcher/proc');
const { prepare } = require('./lib/instance');
const { describeMachine, watchLoad } = require('./lib/machine');
const report = require('./lib/report');

// Short ones first, so a broken setup shows early; the trigger last, as it needs the n8n server
// (the others run `n8n execute`, which cannot share the task-runner port with a running server).
const WORKLOADS = [
	require('./workloads/startCost'),
	require('./workloads/perItem'),
	require('./workloads/bulkNoLimit'),
	require('./workloads/bulkRateLimited'),
	require('./workloads/rateLimitEfficiency'),
	require('./workloads/policyCost'),
	require('./workloads/triggerThroughput'),
	// Also starts the n8n server (with n8n's default concurrency), and is the longest: last.
	require('./workloads/burst'),
	// The same n8n server, bursts of leads each posted twice (issue 21).
	require('./workloads/duplicateBurst'),
];

function parseArgs(argv) {
	const args = {
		runs: 5,
		baselineRuns: 1,
		slowRuns: 3,
		burstRuns: 1,
		burstLimit: null,
		burstLeads: null,
		burstMode: null,
		duplicateRuns: 1,
		duplicateLeads: null,
		duplicateLimit: null,
		only: null,
		write: false,
		keep: false,
		n8nEnv: {},
	};
	const positive = (name, value) => {
		const number = Number(value);
		if (!Number.isInteger(number) || number < 1)
			throw new Error(`${name} needs a whole number of at least 1, not "${value}"`);
		return number;
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--runs') args.runs = positive(arg, argv[++i]);
		else if (arg === '--baseline-runs') args.baselineRuns = positive(arg, argv[++i]);
		else if (arg === '--slow-runs') args.slowRuns = positive(arg, argv[++i]);
		else if (arg === '--burst-runs') args.burstRuns = positive(arg, argv[++i]);
		else if (arg === '--burst-limit') {
			args.burstLimit = String(argv[++i] ?? '');
			require('./workloads/burst').parseLimit(args.burstLimit); // says what is wrong, before anything starts
		} else if (arg === '--burst-leads') args.burstLeads = positive(arg, argv[++i]);
		else if (arg === '--burst-mode')
			args.burstMode = require('./workloads/burst').parseMode(String(argv[++i] ?? ''));
		else if (arg === '--duplicate-runs') args.duplicateRuns = positive(arg, argv[++i]);
		else if (arg === '--duplicate-leads') args.duplicateLeads = positive(arg, argv[++i]);
		else if (arg === '--duplicate-limit') {
			args.duplicateLimit = String(argv[++i] ?? '');
			require('./lib/burst/limit').parseLimit(args.duplicateLimit, arg);
		} else if (arg === '--only')
			args.only = new Set(
				String(argv[++i] ?? '')
					.split(',')
					.map(Number),
			);
		else if (arg === '--write') args.write = true;
		else if (arg === '--keep') args.keep = true;
		else if (arg === '--n8n-env') {
			const [name, ...value] = String(argv[++i] ?? '').split('=');
			if (!name || !value.length) throw new Error('--n8n-env needs NAME=VALUE');
			args.n8nEnv[name] = value.join('=');
		} else throw new Error(`Unknown argument ${arg} (see the top of bench/run.js)`);
	}
	return args;
}

function runsFor(workload, args) {
	if (workload.id === 4 || workload.id === 5) return { runs: args.slowRuns };
	if (workload.id === 7)
		return {
			runs: args.burstRuns,
			limit: args.burstLimit,
			leads: args.burstLeads,
			mode: args.burstMode,
		};
	if (workload.id === 9)
		return { runs: args.duplicateRuns, leads: args.duplicateLeads, limit: args.duplicateLimit };
	return { runs: args.runs, baselineRuns: Math.min(args.baselineRuns, args.runs) };
}

async function main() {
	const argv = process.argv.slice(2);
	const args = parseArgs(argv);
	proc.installExitHandlers();
	const startedAt = new Date();
	// Read now: the code measured is the code at the start, whatever is committed meanwhile.
	const commit = report.commitMeasured();
	const unknown = [...(args.only ?? [])].filter((id) => !WORKLOADS.some((w) => w.id === id));
	if (unknown.length)
		throw new Error(
			`--only: no workload ${unknown.join(', ')} (there are ${WORKLOADS.map((w) => w.id).join(', ')})`,
		);
	const workloads = WORKLOADS.filter((workload) => !args.only || args.only.has(workload.id));
	const ctx = await prepare(workloads, { keep: args.keep, n8nEnv: args.n8nEnv });

	const results = [];
	for (const workload of workloads) {
		step(`Workload ${workload.id}: ${workload.title}`);
		const load = watchLoad();
		try {
			const result = await workload.run(ctx, runsFor(workload, args));
			results.push({ workload, result, load: load.stop() });
		} catch (error) {
			load.stop();
			// One broken workload is reported as such; the others still run.
			if (proc.isStopping()) throw error;
			console.error(error.stack || error.message);
			results.push({ workload, error });
		}
	}

	const section = report.render({
		results,
		machine: describeMachine(ctx.runtime),
		command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
		startedAt,
		commit,
		durationMs: Date.now() - startedAt.getTime(),
	});
	console.log(`\n${section}\n`);
	if (args.write) {
		const file = path.join(__dirname, '..', 'BENCHMARKS.md');
		report.writeInto(file, section);
		step(`Wrote the results into ${file}`);
	}
	if (results.every((entry) => !entry.error)) ctx.succeeded();
}

proc.runScript(main, 'bench');
