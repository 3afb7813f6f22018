'use strict';
// This package as n8n users get it: built, packed with npm, and installed into the user folder the
// way n8n's own community-package installer does it.
const fs = require('node:fs');
const path = require('node:path');

const { step, detail } = require('./log');
const { outsideProjectEnv } = require('./childEnv');
const { runChecked } = require('./proc');

const REPO = path.resolve(__dirname, '..', '..');
const SOURCES = ['nodes', 'credentials', 'package.json', 'tsconfig.json', 'gulpfile.js'];

function newestMtime(target) {
	let stat;
	try {
		stat = fs.statSync(target);
	} catch {
		return 0;
	}
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const entry of fs.readdirSync(target))
		newest = Math.max(newest, newestMtime(path.join(target, entry)));
	return newest;
}

/** The files package.json's `n8n` section names must all exist in dist, or n8n skips the package. */
function missingDistFiles() {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
	const listed = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	return listed.filter((file) => !fs.existsSync(path.join(REPO, file)));
}

/** Builds when dist is missing or older than a source file (or always, with `force`). */
async function buildIfNeeded({ force = false } = {}) {
	const sourceTime = Math.max(...SOURCES.map((name) => newestMtime(path.join(REPO, name))));
	const distTime = newestMtime(path.join(REPO, 'dist'));
	if (force || distTime < sourceTime || missingDistFiles().length > 0) {
		step('Building the package (npm run build)');
		await runChecked('npm', ['run', 'build'], { cwd: REPO, timeoutMs: 5 * 60000 });
	} else {
		step('dist/ is newer than the sources: not rebuilding');
	}
	const missing = missingDistFiles();
	if (missing.length > 0)
		throw new Error(
			`The build did not produce ${missing.join(', ')} (listed in package.json's n8n section)`,
		);
}

/** `npm pack` into `destination`; returns the path of the .tgz. */
async function pack(destination) {
	fs.mkdirSync(destination, { recursive: true });
	const { stdout } = await runChecked(
		'npm',
		['pack', '--json', '--pack-destination', destination],
		{
			cwd: REPO,
			timeoutMs: 2 * 60000,
		},
	);
	const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf('[')));
	const tgz = path.join(destination, filename);
	detail(`packed ${path.relative(REPO, tgz) || tgz}`);
	return tgz;
}

/**
 * Installs the .tgz where n8n looks for community packages, with the flags n8n's installer uses
 * (so n8n-workflow comes from n8n itself, not a second copy).
 */
async function installInto(userFolder, tgz) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest))
		fs.writeFileSync(
			manifest,
			`${JSON.stringify({ name: 'installed-nodes', private: true }, null, 2)}\n`,
		);
	step(`Installing the package into ${nodesDir}`);
	await runChecked(
		'npm',
		[
			'install',
			tgz,
			'--omit=dev',
			'--legacy-peer-deps',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
		],
		{ cwd: nodesDir, env: outsideProjectEnv(), timeoutMs: 5 * 60000 },
	);
	const installed = path.join(nodesDir, 'node_modules', 'n8n-nodes-eigi', 'package.json');
	if (!fs.existsSync(installed)) throw new Error(`npm install did not create ${installed}`);
	const shadow = path.join(nodesDir, 'node_modules', 'n8n-workflow');
	if (fs.existsSync(shadow))
		throw new Error(
			`A second n8n-workflow was installed into ${shadow}: check the peer dependency`,
		);
}

/** The package packed into `<userFolder>/pack` and installed into n8n's nodes folder there; returns the .tgz. */
async function packInto(userFolder) {
	const tgz = await pack(path.join(userFolder, 'pack'));
	await installInto(userFolder, tgz);
	return tgz;
}

module.exports = { REPO, buildIfNeeded, pack, installInto, packInto };
