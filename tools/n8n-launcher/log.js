'use strict';
// One place for progress output, so every line says which step it belongs to and how long in.
const started = Date.now();

function elapsed() {
	return `${((Date.now() - started) / 1000).toFixed(1)}s`.padStart(7);
}

function step(message) {
	console.log(`[${elapsed()}] ${message}`);
}

function detail(message) {
	console.log(`          ${message}`);
}

module.exports = { step, detail };
