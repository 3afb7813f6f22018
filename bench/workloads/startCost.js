'use strict';
// Workload 6, cost at n8n start: the time to load the installed package's node and credential
// files as n8n does (n8n-core's PackageDirectoryLoader.loadAll(), and plain require + instantiate
// of each file), each in a fresh process with n8n-workflow, n8n-core and n8n's logger loaded
// first (n8n has them loaded before it reaches community packages); and the packed size.
const path = require('node:path');

const { detail } = require('../../tools/n8n-launcher/log');
const { runChecked } = require('../../tools/n8n-launcher/proc');
const { REPO } = require('../../tools/n8n-launcher/package');
const S = require('../lib/stats');

const PROBE = path.join(__dirname, '..', 'lib', 'loadProbe.js');

async function probe(ctx, mode) {
	const modules = path.join(ctx.runtime.n8nDir, 'node_modules');
	const packageDir = path.join(ctx.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-eigi');
	const { stdout } = await runChecked(ctx.runtime.nodeBin, [PROBE, packageDir, modules, mode], {
		cwd: ctx.userFolder,
		// NODE_PATH as n8n sets it for community packages, so `n8n-workflow` resolves to n8n's copy.
		env: { ...ctx.n8n.env, NODE_PATH: modules },
		timeoutMs: 60000,
	});
	return JSON.parse(stdout.trim().split('\n').at(-1));
}

async function packedSize() {
	const { stdout } = await runChecked('npm', ['pack', '--dry-run', '--json'], {
		cwd: REPO,
		timeoutMs: 120000,
	});
	const [info] = JSON.parse(stdout.slice(stdout.indexOf('[')));
	return { packed: info.size, unpacked: info.unpackedSize, files: info.entryCount };
}

async function run(ctx, { runs }) {
	// Each probe is a new process of about a second; more samples cost little and steady the median.
	const samples = Math.max(runs * 2, 5);
	const times = { loader: [], require: [] };
	let phoneMetadataLoaded = false;
	let timeZoneTableLoaded = false;
	// One probe first, not counted: the first process after the install reads the files from disk.
	await probe(ctx, 'loader');
	for (let i = 0; i < samples; i++) {
		for (const mode of ['loader', 'require']) {
			const result = await probe(ctx, mode);
			times[mode].push(result.loadMs);
			phoneMetadataLoaded ||= result.phoneMetadataLoaded;
			timeZoneTableLoaded ||= result.timeZoneTableLoaded;
		}
	}
	const size = await packedSize();
	const loader = S.median(times.loader);
	const required = S.median(times.require);
	detail(
		`PackageDirectoryLoader.loadAll(): ${loader.toFixed(1)} ms; require: ${required.toFixed(1)} ms; packed ${(size.packed / 1000).toFixed(1)} kB`,
	);
	return {
		rows: [
			{
				figure: 'Load time as n8n loads it (PackageDirectoryLoader.loadAll)',
				eigi: `${loader.toFixed(1)} ms`,
				baseline: '',
				ratio: '',
				goal: '< 15 ms',
				met: loader < 15,
			},
			{
				figure: 'Load time, require + instantiate each dist file',
				eigi: `${required.toFixed(1)} ms`,
				baseline: '',
				ratio: '',
				goal: '< 15 ms',
				met: required < 15,
			},
			{
				figure: 'Phone metadata loaded at start',
				eigi: phoneMetadataLoaded ? 'yes' : 'no',
				baseline: '',
				ratio: '',
				goal: 'no',
				met: !phoneMetadataLoaded,
			},
			{
				figure: 'Time zone table loaded at start',
				eigi: timeZoneTableLoaded ? 'yes' : 'no',
				baseline: '',
				ratio: '',
				goal: 'no',
				met: !timeZoneTableLoaded,
			},
			{
				figure: 'Packed size (npm pack)',
				eigi: `${(size.packed / 1000).toFixed(1)} kB`,
				baseline: '',
				ratio: `${(size.unpacked / 1000).toFixed(0)} kB unpacked, ${size.files} files`,
				// Reported, not judged: n8n Cloud allows no runtime dependencies, so libphonenumber-js
				// (about 51 kB packed) and the time zone table (about 12 kB) are inside it.
				goal: '',
				met: null,
			},
		],
		details: [
			`loadAll(): ${S.list(times.loader, (ms) => ms.toFixed(1))} ms`,
			`require: ${S.list(times.require, (ms) => ms.toFixed(1))} ms`,
		],
		runs: `${samples} processes per way`,
	};
}

module.exports = { id: 6, title: 'Cost at n8n start', run };
