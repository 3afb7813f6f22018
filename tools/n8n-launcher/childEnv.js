'use strict';
// `npm run` and `npm start` hand the project's npm settings (.npmrc's ignore-scripts=true among
// them) to every child process as npm_config_* variables. A child npm that works outside the
// project (installing n8n, rebuilding sqlite3, installing the packed package) must read its own
// settings instead: with ignore-scripts inherited, `npm rebuild sqlite3` silently builds nothing.

/** Variables npm sets for a script it runs: settings, package fields, lifecycle. */
function isNpmScriptVariable(name) {
	return /^npm_/i.test(name);
}

/** This process's environment without what `npm run` added, plus `overrides`. */
function outsideProjectEnv(overrides = {}, base = process.env) {
	const env = {};
	for (const [name, value] of Object.entries(base)) {
		if (!isNpmScriptVariable(name)) env[name] = value;
	}
	return { ...env, ...overrides };
}

module.exports = { outsideProjectEnv, isNpmScriptVariable };
