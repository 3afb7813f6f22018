'use strict';
// Run by workload 6 in a fresh Node process (n8n's Node, NODE_PATH pointing at n8n's modules):
// times loading the installed package the way n8n does at start. n8n has n8n-workflow and
// n8n-core loaded long before it reaches community packages, so they are loaded first and not
// counted. Prints one line of JSON.
//   node loadProbe.js <package dir> <n8n's node_modules> loader   PackageDirectoryLoader.loadAll()
//   node loadProbe.js <package dir> <n8n's node_modules> require  require + instantiate each dist file
const fs = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

async function main() {
	const [packageDir, n8nModules, mode] = process.argv.slice(2);
	// n8n's own copies, the ones the package resolves through NODE_PATH (as inside n8n), not the
	// repository's dev dependencies next to this file.
	const n8nRequire = createRequire(path.join(n8nModules, 'n8n', 'package.json'));
	const workflowStart = performance.now();
	n8nRequire('n8n-workflow');
	const core = n8nRequire('n8n-core');
	// n8n's logger exists long before packages load; the loader would otherwise create it here.
	n8nRequire('@n8n/di').Container.get(n8nRequire('@n8n/backend-common').Logger);
	const preloadMs = performance.now() - workflowStart;

	const before = new Set(Object.keys(require.cache));
	const started = performance.now();
	let loaded;
	if (mode === 'loader') {
		const loader = new core.PackageDirectoryLoader(packageDir);
		await loader.loadAll();
		loaded = {
			nodes: Object.keys(loader.nodeTypes),
			credentials: Object.keys(loader.credentialTypes),
		};
	} else {
		const { n8n } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
		loaded = { files: [] };
		for (const file of [...n8n.nodes, ...n8n.credentials]) {
			const exports = require(path.join(packageDir, file));
			// n8n instantiates the class named like the file (EigiOutboundCallTrigger.node.js → EigiOutboundCallTrigger).
			const className = path.basename(file).split('.')[0];
			new exports[className]();
			loaded.files.push(file);
		}
	}
	const loadMs = performance.now() - started;
	const newModules = Object.keys(require.cache).filter((file) => !before.has(file));
	console.log(
		JSON.stringify({
			mode,
			loadMs,
			preloadMs,
			loaded,
			modules: newModules.length,
			// The bundled phone library and the time zone table, each loaded only when a run needs it.
			phoneMetadataLoaded: newModules.some(
				(file) =>
					file.includes(`${path.sep}libphonenumber-js${path.sep}`) ||
					file.endsWith(`${path.sep}vendor${path.sep}libphonenumber.js`),
			),
			timeZoneTableLoaded: newModules.some((file) =>
				file.endsWith(`${path.sep}vendor${path.sep}timezones.js`),
			),
		}),
	);
}

main().catch((error) => {
	console.error(error.stack || error.message);
	process.exit(1);
});
