'use strict';
// What differs between the n8n versions the suite runs on, in one place.

/** Whether n8n version `version` ("2.35.3") is `minimum` or later. */
function atLeast(version, minimum) {
	const parts = (text) => String(text).split('.').map(Number);
	const [a, b] = [parts(version), parts(minimum)];
	for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
	return true;
}

/**
 * n8n 2.35.3 (n8n-core 2.35.2) and later send an item shaped `{error, message?, details}` to the
 * node's error output under "Continue (using error output)"; earlier versions only `{error}` or
 * `{error, message}`, so the node's error items stay on the success output there.
 */
function errorOutputTakesDetails(version) {
	return atLeast(version, '2.35.3');
}

/**
 * Whether n8n's AI Agent hands a tool's error to the model and goes on (2.40.7 and 2.41.1 do),
 * rather than failing the run with it (2.0.0 does; versions in between are not tested).
 */
function agentToolErrorsGoToModel(version) {
	return atLeast(version, '2.40.7');
}

module.exports = { atLeast, errorOutputTakesDetails, agentToolErrorsGoToModel };
