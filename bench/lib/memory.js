'use strict';
// Peak memory of a process and everything it started: n8n runs the Code node in a task-runner
// child process, so the figure is the largest sum of resident memory (RSS) over the process group,
// sampled from /proc (Linux only; elsewhere the figure is left out). Several groups (the processes
// of n8n in queue mode) are sampled together, so their sum is taken at one moment.
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

/**
 * One pass over /proc: the resident memory (kB) of each process group in `pgids` (leaders
 * started with `detached: true`), and each leader's own high-water mark (VmHWM).
 */
function groupMemory(pgids) {
	const rssKb = new Map(pgids.map((pgid) => [pgid, 0]));
	const leaderHwmKb = new Map();
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
		const pgid = Number(fields[2]);
		if (!rssKb.has(pgid)) continue;
		const status = readStatus(entry);
		rssKb.set(pgid, rssKb.get(pgid) + kb(status, 'VmRSS'));
		if (Number(entry) === pgid) leaderHwmKb.set(pgid, kb(status, 'VmHWM'));
	}
	return { rssKb, leaderHwmKb };
}

/**
 * Samples the groups led by the pids in `leaders` ({ name: pid }) every `intervalMs` until
 * stop(); stop() returns `{ peakTreeMb, peakByGroupMb, leaderHwmMb }`: the largest sum over all
 * groups at one sample; each group's own largest (reached at different moments, so they may add
 * up to more); each leader's own high-water mark (VmHWM).
 */
function sampleGroups(leaders, intervalMs = 200) {
	const supported = fs.existsSync('/proc/self/status');
	const names = Object.keys(leaders);
	let peakTreeKb = 0;
	const peakKb = Object.fromEntries(names.map((name) => [name, 0]));
	const hwmKb = Object.fromEntries(names.map((name) => [name, 0]));
	const sample = () => {
		const { rssKb, leaderHwmKb } = groupMemory(names.map((name) => leaders[name]));
		let total = 0;
		for (const name of names) {
			const groupKb = rssKb.get(leaders[name]);
			total += groupKb;
			peakKb[name] = Math.max(peakKb[name], groupKb);
			hwmKb[name] = Math.max(hwmKb[name], leaderHwmKb.get(leaders[name]) ?? 0);
		}
		peakTreeKb = Math.max(peakTreeKb, total);
	};
	const timer = supported ? setInterval(sample, intervalMs) : null;
	if (supported) sample();
	const inMb = (kbByName) => Object.fromEntries(names.map((name) => [name, kbByName[name] / 1024]));
	return {
		stop() {
			if (timer) clearInterval(timer);
			if (!supported) return { peakTreeMb: null, peakByGroupMb: null, leaderHwmMb: null };
			return {
				peakTreeMb: peakTreeKb / 1024,
				peakByGroupMb: inMb(peakKb),
				leaderHwmMb: inMb(hwmKb),
			};
		},
	};
}

/**
 * Samples the group led by `pid` every `intervalMs` until stop(); stop() returns
 * `{ peakTreeMb, peakMainMb }` (peakMainMb from the leader's own high-water mark, VmHWM).
 */
function sampleGroup(pid, intervalMs = 200) {
	const sampler = sampleGroups({ leader: pid }, intervalMs);
	return {
		stop() {
			const { peakTreeMb, leaderHwmMb } = sampler.stop();
			return { peakTreeMb, peakMainMb: leaderHwmMb?.leader ?? null };
		},
	};
}

module.exports = { sampleGroup, sampleGroups };
