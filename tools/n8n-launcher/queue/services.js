'use strict';
// Postgres and Redis for n8n's queue mode, from Debian's packages: installed with apt-get when
// missing (as root), started on free ports in a temp folder (Postgres as the unprivileged
// `postgres` user, which it requires; Redis as `redis`), and stopped at the end, on failure and
// on Ctrl-C (proc.js stops every process group it started).
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { step, detail } = require('../log');
const { run, runChecked, start, stop, signalGroup, onCleanup } = require('../proc');
const { freePorts } = require('../ports');
const { waitFor, sleep } = require('../wait');

const DB = { user: 'n8n', password: 'n8n', database: 'n8n' };

/** The newest Postgres found under /usr/lib/postgresql/<version>/bin (Debian's layout). */
function findPostgresBin() {
	const root = '/usr/lib/postgresql';
	let versions = [];
	try {
		versions = fs.readdirSync(root).filter((name) => /^\d+$/.test(name));
	} catch {
		return null;
	}
	versions.sort((a, b) => Number(b) - Number(a));
	for (const version of versions) {
		const bin = path.join(root, version, 'bin');
		if (fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'postgres')))
			return { bin, version };
	}
	return null;
}

function findRedisServer() {
	for (const dir of (process.env.PATH ?? '')
		.split(path.delimiter)
		.concat(['/usr/bin', '/usr/sbin'])) {
		const file = path.join(dir, 'redis-server');
		if (dir && fs.existsSync(file)) return file;
	}
	return null;
}

/** A system user's uid and gid from /etc/passwd, or null. */
function systemUser(name) {
	try {
		for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
			const [user, , uid, gid] = line.split(':');
			if (user === name) return { uid: Number(uid), gid: Number(gid), name };
		}
	} catch {
		// No /etc/passwd: not Linux.
	}
	return null;
}

/**
 * Postgres and Redis binaries, installed from Debian's packages when missing. Root is needed for
 * that (CI runs as root or with sudo); a non-root user is told what to install.
 */
async function ensurePackages() {
	let postgres = findPostgresBin();
	let redis = findRedisServer();
	const missing = [...(postgres ? [] : ['postgresql']), ...(redis ? [] : ['redis-server'])];
	if (missing.length > 0) {
		if (process.getuid?.() !== 0)
			throw new Error(
				`Queue mode needs ${missing.join(' and ')}: install with sudo apt-get install -y ${missing.join(' ')}`,
			);
		step(`Installing ${missing.join(' and ')} from Debian's packages (apt-get)`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		const install = () =>
			run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
				env,
				timeoutMs: 10 * 60000,
			});
		let result = await install();
		if (result.code !== 0) {
			// A fresh machine has no package lists yet.
			detail('apt-get install failed; running apt-get update and trying again');
			await runChecked('apt-get', ['update'], { env, timeoutMs: 10 * 60000 });
			result = await install();
		}
		if (result.code !== 0)
			throw new Error(
				`apt-get install ${missing.join(' ')} failed (exit ${result.code})\n${result.stderr.slice(-2000)}`,
			);
		postgres = findPostgresBin();
		redis = findRedisServer();
		if (!postgres || !redis)
			throw new Error('apt-get install ran, but initdb/postgres or redis-server is still missing');
	}
	return { postgres, redis };
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
function canConnect(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.setTimeout(2000);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => resolve(false));
	});
}

/** One Redis command over a raw socket (PING, INFO...); resolves with the raw answer. */
function redisCommand(port, command) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let answer = '';
		socket.setTimeout(3000);
		socket.once('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.endsWith('\r\n')) socket.end();
		});
		socket.once('close', () => resolve(answer));
		socket.once('timeout', () => socket.destroy());
		socket.once('error', () => resolve(''));
	});
}

/** Sends `signal` to the server's group, waits up to `graceMs`, then proc.stop (SIGTERM, SIGKILL). */
async function stopServer(child, signal, graceMs) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return stop(child);
	signalGroup(child, signal);
	await Promise.race([child.exited, sleep(graceMs)]);
	await stop(child, 5000);
}

/**
 * Postgres in `dir` (created, owned by the `postgres` user when running as root) on `port`:
 * initdb with a superuser `n8n` trusted on 127.0.0.1 only, fsync off (a throwaway database).
 */
async function startPostgres({ bins, dir, port, logFile }) {
	const asUser = process.getuid?.() === 0 ? systemUser('postgres') : null;
	if (process.getuid?.() === 0 && !asUser)
		throw new Error('Running as root, but there is no "postgres" user to run Postgres as');
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	if (asUser) fs.chownSync(dir, asUser.uid, asUser.gid);
	const identity = asUser ? { uid: asUser.uid, gid: asUser.gid } : {};
	const env = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', HOME: dir };
	step(
		`Starting Postgres ${bins.version} on 127.0.0.1:${port}${asUser ? ' as user postgres' : ''} (${dir})`,
	);
	await runChecked(
		path.join(bins.bin, 'initdb'),
		[
			'-D',
			path.join(dir, 'data'),
			'-U',
			DB.user,
			'-A',
			'trust',
			'-E',
			'UTF8',
			'--locale=C',
			'--no-sync',
		],
		{ cwd: dir, env, timeoutMs: 2 * 60000, ...identity },
	);
	const child = start(
		path.join(bins.bin, 'postgres'),
		[
			'-D',
			path.join(dir, 'data'),
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'max_connections=200',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
		],
		{ cwd: dir, env, logFile, name: 'postgres', ...identity },
	);
	await waitFor(
		async () => {
			if (child.exitCode !== null || child.signalCode !== null)
				throw new Error(`Postgres exited while starting:\n${tail(logFile)}`);
			// An open port is not enough: while it replays its log Postgres refuses logins
			// ("the database system is starting up"); pg_isready says when it accepts them.
			if (!(await canConnect(port))) return false;
			const ready = await run(
				path.join(bins.bin, 'pg_isready'),
				['-h', '127.0.0.1', '-p', String(port), '-U', DB.user],
				{ cwd: dir, env, timeoutMs: 10000 },
			);
			return ready.code === 0;
		},
		{ timeoutMs: 60000, message: `Postgres on port ${port} to accept connections` },
	);
	await runChecked(
		path.join(bins.bin, 'createdb'),
		['-h', '127.0.0.1', '-p', String(port), '-U', DB.user, DB.database],
		{ cwd: dir, env, timeoutMs: 60000 },
	);
	detail(`Postgres is ready, database "${DB.database}"`);
	return {
		port,
		...DB,
		child,
		// SIGINT is Postgres's fast shutdown: it ends client sessions instead of waiting for them.
		stop: () => stopServer(child, 'SIGINT', 10000),
	};
}

/** Redis with nothing persisted, in `dir`, on `port` (as the `redis` user when root and present). */
async function startRedis({ bin, dir, port, logFile }) {
	const asUser = process.getuid?.() === 0 ? systemUser('redis') : null;
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	if (asUser) fs.chownSync(dir, asUser.uid, asUser.gid);
	step(`Starting Redis on 127.0.0.1:${port}${asUser ? ' as user redis' : ''}`);
	const child = start(
		bin,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
			'--loglevel',
			'warning',
		],
		{
			cwd: dir,
			logFile,
			name: 'redis-server',
			...(asUser ? { uid: asUser.uid, gid: asUser.gid } : {}),
		},
	);
	await waitFor(
		async () => {
			if (child.exitCode !== null || child.signalCode !== null)
				throw new Error(`Redis exited while starting:\n${tail(logFile)}`);
			return (await redisCommand(port, 'PING')).startsWith('+PONG');
		},
		{ timeoutMs: 30000, message: `Redis on port ${port}` },
	);
	detail('Redis is ready');
	return { port, child, stop: () => stopServer(child, 'SIGTERM', 5000) };
}

/**
 * Postgres and Redis for one queue-mode run, on free ports, in `base` (postgres/, redis/,
 * postgres.log, redis.log), each stopped at cleanup (proc.onCleanup). `bins` come from
 * ensurePackages(). Postgres runs as the postgres user when root: `base` is made traversable, and
 * so must its parent folders be.
 */
async function startServices(bins, base) {
	fs.chmodSync(base, 0o711);
	const [pgPort, redisPort] = await freePorts(2);
	const pg = await startPostgres({
		bins: bins.postgres,
		dir: path.join(base, 'postgres'),
		port: pgPort,
		logFile: path.join(base, 'postgres.log'),
	});
	onCleanup(() => pg.stop());
	const redis = await startRedis({
		bin: bins.redis,
		dir: path.join(base, 'redis'),
		port: redisPort,
		logFile: path.join(base, 'redis.log'),
	});
	onCleanup(() => redis.stop());
	return { pg, redis };
}

function tail(file, lines = 30) {
	try {
		return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

module.exports = {
	ensurePackages,
	startPostgres,
	startRedis,
	startServices,
	redisCommand,
	findPostgresBin,
	findRedisServer,
	DB,
};
