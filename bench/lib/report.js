'use strict';
// The markdown report: one table of every figure (medians, with the ratio to the baseline and the
// goal), the per-run samples, and the machine. BENCHMARKS.md holds the latest one between markers.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

function cell(value) {
	return String(value ?? '').replace(/\|/g, '\\|');
}

function mark(met) {
	if (met === true) return 'met';
	if (met === false) return '**missed**';
	return '';
}

function table(results) {
	const lines = [
		'| # | Workload | Figure | eigi | Baseline | Ratio | Goal | |',
		'| --- | --- | --- | --- | --- | --- | --- | --- |',
	];
	for (const { workload, result, error } of results) {
		if (error) {
			lines.push(
				`| ${workload.id} | ${cell(workload.title)} | did not finish: ${cell(error.message.split('\n')[0])} | | | | | **missed** |`,
			);
			continue;
		}
		// A workload may name what it measured more precisely (its options) in `result.title`.
		const title = result.title ?? workload.title;
		result.rows.forEach((row, index) => {
			const first = index === 0;
			lines.push(
				`| ${first ? workload.id : ''} | ${first ? cell(title) : ''} | ${cell(row.figure)} | ${cell(row.eigi)} | ${cell(row.baseline)} | ${cell(row.ratio)} | ${cell(row.goal)} | ${mark(row.met)} |`,
			);
		});
	}
	return lines.join('\n');
}

function details(results) {
	const lines = [];
	for (const { workload, result, load } of results) {
		if (!result) continue;
		lines.push(
			`- **${workload.id}** (runs: ${result.runs}; load average up to ${load.toFixed(1)}): ${result.details.join('; ')}`,
		);
	}
	return lines.join('\n');
}

function machineLines(machine) {
	return [
		`- Machine: ${machine.cpus} CPUs (\`nproc\`), ${machine.cpuModel}, ${machine.memoryGb} GB memory, ${machine.os}`,
		`- n8n ${machine.n8n} on Node ${machine.n8nNode}; the bench itself and the fake eigi API on Node ${machine.benchNode}`,
	].join('\n');
}

/** The commit measured ("abc1234", "abc1234 with uncommitted changes"), or why it is unknown. */
function commitMeasured() {
	const git = (args) =>
		execFileSync('git', args, { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' }).trim();
	try {
		const commit = git(['rev-parse', '--short', 'HEAD']);
		const dirty = git([
			'status',
			'--porcelain',
			'--untracked-files=no',
			'--',
			'.',
			':!BENCHMARKS.md',
		]);
		return dirty ? `${commit} with uncommitted changes` : commit;
	} catch {
		return 'unknown (not a git checkout)';
	}
}

/** The whole section: when, what, the table, the samples. */
function render({ results, machine, command, startedAt, durationMs, commit }) {
	return [
		`Measured ${startedAt.toISOString().replace(/\.\d+Z$/, 'Z')} at commit ${commit} with \`${command}\` (took ${Math.round(durationMs / 60000)} min).`,
		'',
		machineLines(machine),
		'',
		table(results),
		'',
		`Medians of the runs below. Per run, in order, with the highest 1-minute load average seen during each workload, to judge how busy the ${machine.cpus} CPUs were (the bench's own processes count in it):`,
		'',
		details(results),
	].join('\n');
}

/** Replaces the section between the markers in `file` (BENCHMARKS.md). */
function writeInto(file, section) {
	const text = fs.readFileSync(file, 'utf8');
	const start = text.indexOf(START);
	const end = text.indexOf(END);
	if (start === -1 || end === -1 || end < start)
		throw new Error(`${file} has no ${START} ... ${END} section`);
	fs.writeFileSync(file, `${text.slice(0, start + START.length)}\n${section}\n${text.slice(end)}`);
}

module.exports = { render, writeInto, commitMeasured, START, END };
