'use strict';
// A temp folder for one run (n8n's user folder, or the base of a queue-mode cluster): removed at
// the end when the run succeeded, kept when it failed or when asked, saying so either way.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { step, detail } = require('./log');
const proc = require('./proc');

/**
 * Makes a folder `<tmp>/<prefix>XXXXXX`, says `<label>: <folder>`, and on cleanup removes it, or
 * keeps it (with `keep`, or while `succeeded()` was not called) and says `Kept <folder> (<kept>)`.
 */
function runFolder(prefix, { label, kept, keep = false }) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	step(`${label}: ${folder}`);
	let failed = true;
	proc.onCleanup(() => {
		if (failed || keep) detail(`Kept ${folder} (${kept})`);
		else fs.rmSync(folder, { recursive: true, force: true });
	});
	return {
		folder,
		succeeded: () => {
			failed = false;
		},
	};
}

module.exports = { runFolder };
