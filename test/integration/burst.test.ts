import { contacts, e164, initiate, resultOf, useFakeEigi } from './support';

const fake = useFakeEigi();

const LEADS = 30;
const LIMIT_PER_SECOND = 5;

/**
 * A CRM that fires a webhook per new lead: one execution per lead, each with one item, all at
 * once, against eigi's rate limit (scaled down). They run in one process here, as they do in one n8n.
 */
describe('a burst of single-lead runs under the rate limit', () => {
	it('calls every lead once, and the runs wait in line instead of each asking again', async () => {
		fake.setOptions({ rateLimit: { requestsPerSecond: LIMIT_PER_SECOND } });
		const leads = contacts(LEADS);

		const runs = await Promise.all(leads.map((lead) => initiate(fake, [lead])));

		for (const run of runs) {
			expect(run.error).toBeUndefined();
			expect(resultOf(run.outputs[0][0]).status).toBe('initiated');
		}
		expect([...fake.calledNumbers()].sort()).toEqual(leads.map(e164).sort());
		// The runs that start together meet the limit together. From the first request let through
		// after that, they wait in line: eigi refuses only the few sent alongside when the window
		// fills (when each run waited on its own: more refused than accepted).
		const statuses = fake.outboundRequests().map((request) => request.status);
		const afterFirstWave = statuses.slice(statuses.indexOf(200, statuses.indexOf(429)));
		const refused = afterFirstWave.filter((status) => status === 429).length;
		const accepted = afterFirstWave.length - refused;
		expect(accepted).toBeGreaterThan(0);
		expect(refused).toBeLessThan(accepted);
	});
});
