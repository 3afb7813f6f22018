'use strict';
// Placeholder until examples/ lands.
module.exports = { credentials: () => [], workflows: () => [], executeTests: () => [], liveTests: () => [], PUBLISH: [], WEBHOOK_PATHS: [] };
