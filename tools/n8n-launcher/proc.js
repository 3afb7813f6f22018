'use strict';
// Child processes: every one is started in its own process group and tracked, so that the whole
// tree (n8n spawns task runners, npm spawns node-gyp) is stopped at the end, on failure and on Ctrl-C.
const { spawn } = require('node:child_process');
const fs = require('node:fs');

const running = new Set();

/** `uid`/`gid` for spawn when given (to run a server as an unprivileged user), nothing otherwise. */
function identity({ uid, gid }) {
	return { ...(uid === undefined ? {} : { uid }), ...(gid === undefined ? {} : { gid }) };
}

/**
 * Starts a long-lived process in its own process group; its output goes to `logFile` when given,
 * or to this process's output with `prefix` before each line, or nowhere. `uid`/`gid` run it as
 * another user (this process must be root).
 */
function start(command, args, { cwd, env, logFile, prefix, name = command, uid, gid } = {}) {
	const out = logFile ? fs.openSync(logFile, 'a') : prefix !== undefined ? 'pipe' : 'ignore';
	const child = spawn(command, args, {
		cwd,
		env,
		detached: true,
		stdio: ['ignore', out, out],
		...identity({ uid, gid }),
	});
	if (logFile) fs.closeSync(out);
	if (!logFile && prefix !== undefined) {
		for (const stream of [child.stdout, child.stderr]) {
			let rest = '';
			stream.on('data', (chunk) => {
				const lines = (rest + chunk.toString()).split('\n');
				rest = lines.pop();
				for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
			});
		}
	}
	child.label = name;
	child.exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => {
			running.delete(child);
			resolve({ code, signal });
		});
		child.once('error', (error) => {
			running.delete(child);
			resolve({ code: null, signal: null, error });
		});
	});
	running.add(child);
	return child;
}

function signalGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

/** SIGTERM to the whole group, SIGKILL after `graceMs` if it is still there. */
async function stop(child, graceMs = 10000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) {
		if (child) signalGroup(child, 'SIGKILL'); // the leader may be gone while its children live on
		return;
	}
	signalGroup(child, 'SIGTERM');
	const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
	await child.exited;
	clearTimeout(timer);
	signalGroup(child, 'SIGKILL');
}

/**
 * Runs a command to completion, bounded by `timeoutMs`; resolves with its exit code and output.
 * `onOutput` sees output as it comes (for progress), `quiet` keeps it off the console; `uid`/`gid`
 * run it as another user.
 */
function run(
	command,
	args,
	{ cwd, env, timeoutMs = 120000, quiet = true, onOutput, input, uid, gid } = {},
) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd,
			env,
			detached: true,
			stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
			...identity({ uid, gid }),
		});
		child.label = `${command} ${args.join(' ')}`;
		child.exited = new Promise((done) =>
			child.once('exit', (code, signal) => done({ code, signal })),
		);
		running.add(child);
		let stdout = '';
		let stderr = '';
		const collect = (stream, which) => {
			stream.on('data', (chunk) => {
				const text = chunk.toString();
				if (which === 'out') stdout += text;
				else stderr += text;
				if (!quiet) process.stdout.write(text);
				if (onOutput) onOutput(text);
			});
		};
		collect(child.stdout, 'out');
		collect(child.stderr, 'err');
		if (input) child.stdin.end(input);
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			signalGroup(child, 'SIGTERM');
			setTimeout(() => signalGroup(child, 'SIGKILL'), 5000).unref();
		}, timeoutMs);
		child.once('error', (error) => {
			clearTimeout(timer);
			running.delete(child);
			reject(error);
		});
		child.once('close', (code, signal) => {
			clearTimeout(timer);
			running.delete(child);
			signalGroup(child, 'SIGKILL'); // leftovers of the group, if any
			if (timedOut) {
				const error = new Error(`Timed out after ${timeoutMs / 1000}s: ${child.label}`);
				Object.assign(error, { stdout, stderr });
				reject(error);
				return;
			}
			resolve({ code, signal, stdout, stderr });
		});
	});
}

/** Like `run`, but a non-zero exit is an error that carries the end of the output. */
async function runChecked(command, args, options) {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-40).join('\n');
		const error = new Error(
			`Command failed (exit ${result.code ?? result.signal}): ${command} ${args.join(' ')}\n${tail}`,
		);
		Object.assign(error, result);
		throw error;
	}
	return result;
}

async function stopAll() {
	await Promise.all([...running].map((child) => stop(child, 8000)));
}

let cleanup = [];

/** Work to do before exiting (stop servers, remove temp folders), run in reverse order of adding. */
function onCleanup(fn) {
	cleanup.push(fn);
}

async function runCleanup() {
	const tasks = cleanup.reverse();
	cleanup = [];
	for (const task of tasks) {
		try {
			await task();
		} catch (error) {
			console.error(`cleanup: ${error.message}`);
		}
	}
	await stopAll();
}

let stopping = false;

/** Whether a signal is stopping everything (children exiting now is expected, not a failure). */
function isStopping() {
	return stopping;
}

/** Ctrl-C, SIGTERM and a crash all stop every child before the process ends. */
function installExitHandlers() {
	const onSignal = (signal) => {
		if (stopping) return;
		stopping = true;
		console.error(`\n${signal}: stopping everything that was started...`);
		runCleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	process.on('SIGHUP', onSignal);
	// Last resort when the process ends some other way: no async work is possible here.
	process.on('exit', () => {
		for (const child of running) signalGroup(child, 'SIGKILL');
	});
}

/**
 * Runs a script's `main`, then the cleanup, and exits: with `main`'s exit code (0 when it returns
 * none), or 1 after printing why it stopped.
 */
function runScript(main, label) {
	main()
		.then(async (code) => {
			await runCleanup();
			process.exit(typeof code === 'number' ? code : 0);
		})
		.catch(async (error) => {
			console.error(`\nThe ${label} stopped: ${error.stack || error.message}`);
			await runCleanup();
			process.exit(1);
		});
}

module.exports = {
	runScript,
	isStopping,
	start,
	stop,
	signalGroup,
	run,
	runChecked,
	stopAll,
	onCleanup,
	runCleanup,
	installExitHandlers,
};
