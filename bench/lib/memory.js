'use strict';
// Peak memory of a process and everything it started: n8n runs the Code node in a task-runner
// child process, so the figure is the largest sum of resident memory (RSS) over the process group,
// sampled from /proc (Linux only; elsewhere the figure is left out).
const fs = require('node:fs');

function readStatus(pid) {
	try {
		return fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	} catch {
		return null; // gone between listing and reading
	}
}

function kb(status, field) {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status ?? '');
	return match ? Number(match[1]) : 0;
}

/** Process ids whose process group is `pgid` (the leader started with `detached: true`). */
function groupMembers(pgid) {
	const members = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue;
		}
		// The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(fields[2]) === pgid) members.push(Number(entry));
	}
	return members;
}

/**
 * Samples the group led by `pid` every `intervalMs` until stop(); stop() returns
 * `{ peakTreeMb, peakMainMb }` (peakMainMb from the leader's own high-water mark, VmHWM).
 */
function sampleGroup(pid, intervalMs = 200) {
	const supported = fs.existsSync('/proc/self/status');
	let peakTreeKb = 0;
	let peakMainKb = 0;
	const sample = () => {
		let total = 0;
		for (const member of groupMembers(pid)) {
			const status = readStatus(member);
			total += kb(status, 'VmRSS');
			if (member === pid) peakMainKb = Math.max(peakMainKb, kb(status, 'VmHWM'));
		}
		peakTreeKb = Math.max(peakTreeKb, total);
	};
	const timer = supported ? setInterval(sample, intervalMs) : null;
	if (supported) sample();
	return {
		stop() {
			if (timer) clearInterval(timer);
			if (!supported) return { peakTreeMb: null, peakMainMb: null };
			return { peakTreeMb: peakTreeKb / 1024, peakMainMb: peakMainKb / 1024 };
		},
	};
}

module.exports = { sampleGroup };
