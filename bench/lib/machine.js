'use strict';
// The machine and versions a result was measured on, for the report.
const fs = require('node:fs');
const os = require('node:os');

function memoryGb() {
	return (os.totalmem() / 1024 ** 3).toFixed(1);
}

function cpuModel() {
	const [cpu] = os.cpus();
	return cpu ? cpu.model.replace(/\s+/g, ' ').trim() : 'unknown';
}

function distro() {
	try {
		return (
			/^PRETTY_NAME="?([^"\n]+)"?/m.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1] ??
			os.type()
		);
	} catch {
		return os.type();
	}
}

function describeMachine(runtime) {
	return {
		cpus: os.availableParallelism?.() ?? os.cpus().length,
		memoryGb: memoryGb(),
		cpuModel: cpuModel(),
		os: `${distro()} (${os.platform()} ${os.release()})`,
		n8nNode: runtime.nodeVersion,
		n8n: runtime.n8nVersion,
		benchNode: process.version,
	};
}

/**
 * Watches the 1-minute load average while a workload runs; stop() gives its highest value, so a
 * reader can tell a run on a busy machine (other processes competing for the CPUs) from a quiet one.
 */
function watchLoad(intervalMs = 5000) {
	let highest = os.loadavg()[0];
	const timer = setInterval(() => {
		highest = Math.max(highest, os.loadavg()[0]);
	}, intervalMs);
	return {
		stop() {
			clearInterval(timer);
			return Math.max(highest, os.loadavg()[0]);
		},
	};
}

module.exports = { describeMachine, watchLoad };
