'use strict';
// Where a bench workflow's time goes: runs one workload's workflow once in `n8n execute` under
// Node's --cpu-prof and prints the functions with the most self time, and the time spent inside
// this package's code. Usage: node bench/profile.js <workload id> <side>   (e.g. 3 eigi, 3 set)
const fs = require('node:fs');
const path = require('node:path');

const { step } = require('../tools/n8n-launcher/log');
const proc = require('../tools/n8n-launcher/proc');
const { prepare } = require('./lib/instance');
const { executeWorkflow, nodeRun } = require('./lib/execute');
const { resetFake } = require('./lib/fakeStats');
const { NAMES } = require('./lib/workflows');
const { summarize } = require('./lib/cpuProfile');

const WORKLOADS = ['bulkRateLimited', 'bulkNoLimit', 'perItem', 'rateLimitEfficiency'].map((name) =>
	require(`./workloads/${name}`),
);

async function main() {
	const [id, side = 'eigi'] = process.argv.slice(2);
	const workload = WORKLOADS.find((candidate) => String(candidate.id) === id);
	if (!workload?.IDS?.[side])
		throw new Error(
			'Usage: node bench/profile.js <1|2|3|4> <eigi|http|set> (a side the workload has)',
		);
	proc.installExitHandlers();
	const ctx = await prepare([workload], { keep: true });
	const dir = path.join(ctx.userFolder, 'cpu-profiles');
	fs.mkdirSync(dir, { recursive: true });
	resetFake(ctx.fake, workload.FAKE_OPTIONS ?? {});
	step(`Running ${workload.IDS[side]} under --cpu-prof`);
	const { run } = await executeWorkflow(ctx.n8n, workload.IDS[side], {
		env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` },
	});
	console.log(`${NAMES[side]}: ${nodeRun(run, NAMES[side]).executionTime} ms as n8n recorded it`);
	// The n8n process is the largest profile; task runners write their own, smaller ones.
	const [main] = fs
		.readdirSync(dir)
		.map((file) => path.join(dir, file))
		.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
	console.log(summarize(JSON.parse(fs.readFileSync(main, 'utf8'))));
	console.log(`\nProfile: ${main} (open it in Chrome DevTools' Performance tab)`);
	ctx.succeeded();
}

proc.runScript(main, 'profile');
