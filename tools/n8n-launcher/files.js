'use strict';
// Files the suites, the sandbox and the bench hand to n8n's CLI (credentials, workflows) or keep.
const fs = require('node:fs');

/** Writes `data` as indented JSON; returns the path, to pass straight to an import command. */
function writeJson(file, data) {
	fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
	return file;
}

module.exports = { writeJson };
