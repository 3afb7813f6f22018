'use strict';
// The n8n runtime, cached outside the repository: Node from the npm registry's
// node-<platform>-<arch> package (24 for n8n 2.x, which refuses older Node from 2.38; 22 for the
// 1.x line: 1.123.x says Node 20 to 24, but its default expression engine needs isolated-vm 6,
// which ships builds for Node 22 and 24 only and fails to start on Node 20), and n8n itself with
// sqlite3 rebuilt for that Node.
// The n8n version is 2.40.7 unless E2E_N8N_VERSION (or ensureRuntime's `n8nVersion`) names
// another; each version has its own folder beside the others, and its own install lock.
// Each part is ready only when its marker file exists; the marker is written last, so an
// interrupted install is simply completed by the next run (npm install is idempotent).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { step, detail } = require('./log');
const { outsideProjectEnv } = require('./childEnv');
const { run, runChecked } = require('./proc');

const N8N_VERSION = '2.40.7';
const NODE_MAJOR = '24';
// The Node major each n8n major runs on here (E2E_NODE_MAJOR overrides it).
const NODE_MAJOR_FOR_N8N = { 1: '22', 2: '24' };

// npm `overrides` for installing an n8n version from the npm registry alone. Before 2.32,
// n8n-nodes-base takes xlsx from cdn.sheetjs.com (a URL, not the registry): use the same SheetJS
// release from the registry (@e965/xlsx republishes SheetJS's builds; n8n 2.32 and later depend
// on it themselves).
function installOverrides(version) {
	const [major, minor] = version.split('.').map(Number);
	return major < 2 || (major === 2 && minor < 32) ? { xlsx: 'npm:@e965/xlsx@0.20.2' } : undefined;
}

/** The n8n version to use: `requested`, else E2E_N8N_VERSION, else 2.40.7. */
function n8nVersionWanted(requested) {
	const version = requested || process.env.E2E_N8N_VERSION || N8N_VERSION;
	if (!/^\d+\.\d+\.\d+$/.test(version))
		throw new Error(`n8n version "${version}" is not an exact version such as ${N8N_VERSION}`);
	return version;
}

/** The Node major that runs `n8nVersion`. */
function nodeMajorFor(n8nVersion) {
	if (process.env.E2E_NODE_MAJOR) return process.env.E2E_NODE_MAJOR;
	const major = NODE_MAJOR_FOR_N8N[n8nVersion.split('.')[0]];
	if (!major) throw new Error(`No Node version known for n8n ${n8nVersion} (set E2E_NODE_MAJOR)`);
	return major;
}
const MARKER = '.eigi-install-complete.json';

function cacheRoot() {
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-eigi');
}

function nodePackageName(nodeMajor = NODE_MAJOR) {
	const platform = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform];
	if (!platform) throw new Error(`No Node ${nodeMajor} package for platform ${process.platform}`);
	return `node-${platform}-${process.arch}`;
}

function readMarker(dir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'));
	} catch {
		return null;
	}
}

function writeMarker(dir, data) {
	fs.writeFileSync(
		path.join(dir, MARKER),
		`${JSON.stringify({ ...data, completedAt: new Date().toISOString() }, null, 2)}\n`,
	);
}

function ensurePackageJson(dir, name) {
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, 'package.json');
	if (!fs.existsSync(file))
		fs.writeFileSync(file, `${JSON.stringify({ name, private: true }, null, 2)}\n`);
}

function sizeMb(dir) {
	// du is quick enough every few seconds and works on Linux and macOS; progress only, so errors are ignored.
	try {
		const out = require('node:child_process').execFileSync('du', ['-sm', dir], {
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		return Number.parseInt(out.toString(), 10);
	} catch {
		return NaN;
	}
}

/**
 * npm prints nothing for minutes while it works; show the size on disk growing instead (or, with no
 * expected size, that it is still going).
 */
async function withProgress(dir, expectedMb, task) {
	const started = Date.now();
	const timer = setInterval(() => {
		const seconds = Math.round((Date.now() - started) / 1000);
		const mb = expectedMb ? sizeMb(dir) : NaN;
		detail(
			Number.isNaN(mb)
				? `... still working (${seconds}s)`
				: `... ${mb} MB of about ${expectedMb} MB on disk (${seconds}s)`,
		);
	}, 15000);
	try {
		return await task();
	} finally {
		clearInterval(timer);
	}
}

async function npmInstall(dir, spec, { expectedMb, timeoutMs, env }) {
	const logFile = path.join(dir, 'install.log');
	const result = await withProgress(dir, expectedMb, () =>
		run(
			'npm',
			[
				'install',
				spec,
				'--save-exact',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--loglevel=error',
			],
			{
				cwd: dir,
				env: outsideProjectEnv(env),
				timeoutMs,
			},
		),
	);
	fs.writeFileSync(logFile, `${result.stdout}\n${result.stderr}`);
	if (result.code !== 0) {
		const tail = result.stderr.trim().split('\n').slice(-30).join('\n');
		throw new Error(
			`npm install ${spec} failed (exit ${result.code}); full log in ${logFile}\n${tail}`,
		);
	}
}

async function ensureNode(root, nodeMajor = NODE_MAJOR) {
	const dir = path.join(root, `node${nodeMajor}`);
	const pkg = nodePackageName(nodeMajor);
	const pkgDir = path.join(dir, 'node_modules', pkg);
	const bin = path.join(pkgDir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
	const marker = readMarker(dir);
	if (!marker || marker.package !== pkg || !fs.existsSync(bin)) {
		step(`Installing Node ${nodeMajor} (npm package ${pkg}, about 190 MB) into ${dir}`);
		ensurePackageJson(dir, `node${nodeMajor}`);
		await npmInstall(dir, `${pkg}@${nodeMajor}`, { expectedMb: 190, timeoutMs: 15 * 60000 });
		const { stdout } = await runChecked(bin, ['--version']);
		writeMarker(dir, { package: pkg, version: stdout.trim() });
	}
	const { version } = readMarker(dir);
	return { nodeBin: bin, nodeDir: pkgDir, nodeVersion: version };
}

/** The environment of `npm rebuild sqlite3`: n8n's Node first on PATH, none of the project's npm settings. */
function rebuildEnv(node) {
	return outsideProjectEnv({ PATH: pathWithNode(node.nodeBin) });
}

/** PATH with n8n's Node first, so n8n's task runners and node-gyp use it too. */
function pathWithNode(nodeBin) {
	return [path.dirname(nodeBin), process.env.PATH].join(path.delimiter);
}

async function ensureN8n(root, node, version = N8N_VERSION) {
	const dir = path.join(root, `n8n-${version}`);
	const entry = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const marker = readMarker(dir);
	if (
		!marker ||
		marker.n8n !== version ||
		marker.node !== node.nodeVersion ||
		!fs.existsSync(entry)
	) {
		step(`Installing n8n ${version} into ${dir}`);
		detail(
			'A first run downloads about 3 GB from the npm registry (3 to 10 minutes); later runs reuse it.',
		);
		detail(
			'npm first resolves about 2,300 packages (a minute or two with little on disk), then downloads.',
		);
		ensurePackageJson(dir, 'n8n-runtime');
		const overrides = installOverrides(version);
		if (overrides) {
			const file = path.join(dir, 'package.json');
			const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
			fs.writeFileSync(file, `${JSON.stringify({ ...manifest, overrides }, null, 2)}\n`);
			detail(`npm overrides for n8n ${version}: ${JSON.stringify(overrides)}`);
		}
		// --ignore-scripts: the Kafka client's install script downloads zlib from outside npm and fails.
		await npmInstall(dir, `n8n@${version}`, { expectedMb: 2800, timeoutMs: 45 * 60000 });
		step(`Building sqlite3 for Node ${node.nodeVersion} (about 1.5 minutes)`);
		const env = rebuildEnv(node);
		await withProgress(dir, 0, () =>
			runChecked(
				'npm',
				['rebuild', 'sqlite3', `--nodedir=${node.nodeDir}`, '--no-audit', '--no-fund'],
				{
					cwd: dir,
					env,
					timeoutMs: 20 * 60000,
				},
			),
		);
		// Proof that the native module loads in the Node that runs n8n, before the marker says so.
		await runChecked(node.nodeBin, ['-e', "require('sqlite3')"], { cwd: dir, env });
		writeMarker(dir, { n8n: version, node: node.nodeVersion });
	}
	return { n8nDir: dir, n8nEntry: entry, n8nVersion: version };
}

/**
 * One install at a time per cache folder (the sandbox and the e2e suite may start together):
 * `name` is the lock's folder, `.install-lock` for the default version, so installing another
 * n8n version does not hold up runs of the default one.
 */
async function withLock(root, task, name = '.install-lock') {
	const lock = path.join(root, name);
	fs.mkdirSync(root, { recursive: true });
	const deadline = Date.now() + 60 * 60000;
	let told = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const owner = Number.parseInt(fs.readFileSync(path.join(lock, 'pid'), 'utf8') || '0', 10);
			if (!owner || !isAlive(owner)) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline)
				throw new Error(`Waited an hour for process ${owner} to finish installing into ${root}`);
			if (!told) step(`Waiting for process ${owner}, which is installing into ${root}`);
			told = true;
			await new Promise((resolve) => setTimeout(resolve, 3000));
		}
	}
	try {
		return await task();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/**
 * Node and n8n, installed or reused; returns the paths to run them. `n8nVersion` defaults to
 * E2E_N8N_VERSION, else 2.40.7.
 */
async function ensureRuntime({ n8nVersion } = {}) {
	const version = n8nVersionWanted(n8nVersion);
	const nodeMajor = nodeMajorFor(version);
	const root = cacheRoot();
	step(`n8n runtime cache: ${root}`);
	const lockName = version === N8N_VERSION ? '.install-lock' : `.install-lock-${version}`;
	return withLock(
		root,
		async () => {
			const node = await ensureNode(root, nodeMajor);
			const n8n = await ensureN8n(root, node, version);
			step(`Using Node ${node.nodeVersion} and n8n ${n8n.n8nVersion}`);
			return { root, ...node, ...n8n, path: pathWithNode(node.nodeBin) };
		},
		lockName,
	);
}

module.exports = { ensureRuntime, cacheRoot, rebuildEnv, n8nVersionWanted, N8N_VERSION };
