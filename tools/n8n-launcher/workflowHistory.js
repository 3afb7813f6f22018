'use strict';
// n8n 2.0.x's import:workflow stores no version history, and its publish:workflow publishes a
// version from the history: "Version ... not found". Later 2.x write the history on import. This
// writes the missing rows, each a copy of the imported workflow under its own versionId, the row
// the editor would have saved; on an n8n that wrote them it changes nothing.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { runChecked } = require('./proc');

/** Workflows without a versionId get one: n8n 2.0.x refuses them (versionId is NOT NULL there). */
function withVersionIds(file) {
	const workflows = JSON.parse(fs.readFileSync(file, 'utf8'));
	const list = Array.isArray(workflows) ? workflows : [workflows];
	for (const workflow of list) workflow.versionId ??= crypto.randomUUID();
	fs.writeFileSync(file, JSON.stringify(workflows));
	return file;
}

// Run by n8n's own Node with n8n's own sqlite3 (built for that Node).
const SCRIPT = `
const sqlite3 = require(process.argv[1]);
const db = new sqlite3.Database(process.argv[2]);
db.run(
	"INSERT INTO workflow_history (versionId, workflowId, nodes, connections, authors, createdAt, updatedAt) " +
	"SELECT w.versionId, w.id, w.nodes, w.connections, 'n8n-nodes-eigi e2e', STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW'), STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW') " +
	"FROM workflow_entity w WHERE w.versionId IS NOT NULL AND NOT EXISTS " +
	"(SELECT 1 FROM workflow_history h WHERE h.versionId = w.versionId)",
	function (error) {
		if (error) { console.error(error.message); process.exit(1); }
		console.log(this.changes);
		db.close();
	},
);
`;

/** Adds a history row for every imported workflow that has none; returns how many were added. */
async function addMissingHistory(runtime, userFolder, env) {
	const sqlite3 = path.join(runtime.n8nDir, 'node_modules', 'sqlite3');
	const database = path.join(userFolder, '.n8n', 'database.sqlite');
	const { stdout } = await runChecked(runtime.nodeBin, ['-e', SCRIPT, sqlite3, database], {
		cwd: userFolder,
		env,
	});
	return Number(stdout.trim());
}

module.exports = { withVersionIds, addMissingHistory };
