'use strict';
// examples/*.json as the e2e suite and the sandbox import them: the files as they are, except that
// an agent left for the user to pick is set to an agent of the API in use (the fake's).
const fs = require('node:fs');
const path = require('node:path');

const { REPO } = require('./package');

const EXAMPLES_DIR = path.join(REPO, 'examples');
const EIGI_CALL = 'n8n-nodes-eigi.eigiOutboundCall';

function loadExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			...JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')),
		}));
}

/** The eigi credential the examples refer to (one for all), so it can be imported under that id. */
function exampleCredentialRef(examples) {
	for (const example of examples) {
		for (const node of example.nodes)
			if (node.credentials?.eigiApi) return node.credentials.eigiApi;
	}
	throw new Error('No example refers to an eigi.ai API credential');
}

/**
 * A copy whose eigi Outbound Call nodes without an agent call `agent`: an id, or a function from
 * the agent name the example suggests (`cachedResultName`) to an id. `file` is dropped.
 */
function withAgent(example, agent) {
	const { file, ...copy } = structuredClone(example);
	for (const node of copy.nodes) {
		const locator = node.parameters?.agentId;
		if (node.type !== EIGI_CALL || !locator || locator.value) continue;
		const name = locator.cachedResultName;
		const id = typeof agent === 'function' ? agent(name) : agent;
		// As the editor stores an agent picked from the list: the sticky notes say "pick your agent".
		if (id)
			node.parameters.agentId = { __rl: true, mode: 'list', value: id, cachedResultName: name };
	}
	return copy;
}

/**
 * The example with its calls placed at any hour (Calling Hours: Any Time), for the real-n8n suite:
 * it runs at every hour of the day, and the examples' sample customers sleep at some of them.
 * Calling Hours have tests of their own (the engine suite with a pinned clock, and calls.js).
 */
function atAnyHour(example) {
	const copy = structuredClone(example);
	for (const node of copy.nodes) {
		if (node.type === EIGI_CALL) node.parameters = { ...node.parameters, callingHours: 'anyTime' };
	}
	return copy;
}

module.exports = { EXAMPLES_DIR, loadExamples, exampleCredentialRef, withAgent, atAnyHour };
