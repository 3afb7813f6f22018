import type { IDataObject } from 'n8n-workflow';

import { contacts, initiate, statusesOf, useFakeEigi } from './support';

// The last look (across queue-mode workers) must not make a campaign read its own calls again
// and again: each look reads only what eigi listed since the run's previous read, for every
// number of the run, and requests that follow within a second need none. A campaign of 3,000
// numbers in 30 requests, each answered after 150 ms (so the sending takes seconds).

const fake = useFakeEigi();
const LIST = 'GET /v1/public/conversations';

describe('the last look before each request: what it costs a campaign', () => {
	it('reads a few pages per second of sending, not all the run’s own calls per request', async () => {
		fake.setOptions({ latencyMs: 150 });
		const items: IDataObject[] = contacts(3000);
		const started = Date.now();
		const { outputs } = await initiate(fake, items, {
			parameters: {
				contactPolicy: 'skipRecent',
				skipCalledWithinHours: 24,
				options: { defaultCountry: 'US', batchSize: 100 },
			},
		});
		const seconds = (Date.now() - started) / 1000;

		expect(new Set(statusesOf(outputs[0]))).toEqual(new Set(['initiated']));
		expect(fake.outboundRequests()).toHaveLength(30);
		const reads = fake.requests.filter(
			(request) => `${request.method} ${request.path}` === LIST,
		).length;
		// One look a second at most, each reading the calls of about the last 3 seconds (its own
		// included, up to 100 a page): reading all own calls per request would take over 400.
		expect(reads).toBeLessThanOrEqual(1 + Math.ceil(seconds) * 8);
		expect(reads).toBeLessThan(120);
	});
});
