'use strict';
// n8n's own verification scan, run offline: the two lint legs of @n8n/scan-community-package (the
// repository's source, and the packed tarball's JavaScript and package.json), with the scanner's
// own patterns and rules (inline eslint-disable comments do not count there). Its third check,
// npm provenance, needs a published package and runs only against the registry.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '..');

function packInto(folder) {
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', folder], {
		cwd: REPO,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const [{ filename }] = JSON.parse(out.slice(out.indexOf('[')));
	execFileSync('tar', ['-xzf', path.join(folder, filename), '-C', folder]);
	return path.join(folder, 'package');
}

function report(label, result) {
	console.log(
		`${result.passed ? 'passed' : 'FAILED'}: ${label}${result.message ? ` (${result.message})` : ''}`,
	);
	if (result.details) console.log(result.details);
	return result.passed;
}

async function main() {
	const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'eigi-scan-'));
	try {
		const source = await scanner.analyzePackage(REPO, scanner.SOURCE_FILE_PATTERNS);
		const tarball = await scanner.analyzePackage(packInto(work), ['**/*.js', 'package.json']);
		const passed = [
			report(`source (${scanner.SOURCE_FILE_PATTERNS.join(', ')})`, source),
			report('packed tarball (**/*.js, package.json)', tarball),
		].every(Boolean);
		console.log(passed ? 'n8n scanner: 0 errors' : 'n8n scanner: errors above');
		process.exitCode = passed ? 0 : 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
