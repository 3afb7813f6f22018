// @ts-check
'use strict';
// The fake eigi API for tests, the end-to-end suite, the sandbox and benchmarks. See README.md.
const { defaultAgents } = require('./agents');
const { encodeMultipart, parseMultipart } = require('./multipart');
const { createFakeEigi, FakeEigiServer, DEFAULT_API_KEY } = require('./server');
const { deliverWebhook, webhookPayload, completedDelivery } = require('./webhooks');

module.exports = {
	createFakeEigi,
	FakeEigiServer,
	DEFAULT_API_KEY,
	defaultAgents,
	deliverWebhook,
	webhookPayload,
	completedDelivery,
	encodeMultipart,
	parseMultipart,
};
