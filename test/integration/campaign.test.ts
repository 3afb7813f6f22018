import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { checkCallingHours } from '../../nodes/Eigi/helpers/callingHours';
import { startTrigger, type TriggerServer } from '../harness/webhook';
import {
	credentialsFor,
	initiate,
	LEAD_AGENT,
	pinClock,
	REMINDER_AGENT,
	useFakeEigi,
} from './support';

// Two campaigns run on a schedule until they are done, through n8n's engine with the clock pinned:
// payment reminders (the Payment Reminder agent) and lead follow-up (the Lead Qualifier), each a
// table of contacts. Every 30 minutes each campaign runs its rows through eigi Outbound Call with
// Redial Until Reached (3 attempts, at least 60 minutes apart, Calling Hours 08:00-21:00 in the
// callee's zone) and writes each item's status on its row by Reference. eigi (the fake) ends every
// call, answering by plan, and delivers its webhooks to two eigi Triggers, one per agent, whose
// items write the outcome on the row by Reference. What a user checks at the end is asserted.

const fake = useFakeEigi();
const triggers: TriggerServer[] = [];
afterEach(async () => {
	jest.useRealTimers();
	await Promise.all(triggers.splice(0).map((trigger) => trigger.close()));
});

const START = Date.parse('2026-12-03T13:00:00Z'); // 08:00 in New York, 22:00 in Tokyo
const MINUTE = 60_000;
const EVERY = 30 * MINUTE;
const MAX_ATTEMPTS = 3;
const MIN_GAP_MINUTES = 60;
const DAYTIME = { startMinutes: 8 * 60, endMinutes: 21 * 60, weekdays: [1, 2, 3, 4, 5, 6, 7] };

// By a number's last digit, the attempt on which it answers (0 = never): digits 0-2 answer at
// once, 3-4 on the second try, 5-6 on the third, 7-8 never, 9 at once.
const ANSWER_ON_ATTEMPT = [1, 1, 1, 2, 2, 3, 3, 0, 0, 1];

interface Row {
	ref: string;
	phone: string;
	tz: string;
	agentId: string;
	/** Written by the campaign run, from the call node's item. */
	status?: string;
	attempts?: number;
	/** Written by the results workflow, from the eigi Trigger's item. */
	outcome?: string;
	outcomeAttempt?: number;
	summary?: string;
}

function table(prefix: string, count: number, agentId: string, offset: number): Row[] {
	return Array.from({ length: count }, (_, index) => ({
		ref: `${prefix}-${index + 1}`,
		phone: `+1212555${String(offset + index).padStart(4, '0')}`,
		// One contact in five lives in Tokyo, where the first runs fall at night.
		tz: index % 5 === 4 ? 'Asia/Tokyo' : 'America/New_York',
		agentId,
	}));
}

function campaignParameters(agentId: string): INodeParameters {
	return {
		agentId: { __rl: true, mode: 'id', value: agentId },
		phoneNumber: '={{ $json.phone }}',
		reference: '={{ $json.ref }}',
		callingHours: 'calleeDaytime',
		contactPolicy: 'redial',
		maxAttempts: MAX_ATTEMPTS,
		hoursBetweenAttempts: MIN_GAP_MINUTES / 60,
		reachedWhen: 'completed',
		redialOptions: { lookBackHours: 72 },
		options: { calleeTimeZone: '={{ $json.tz }}' },
	};
}

/** One scheduled run of a campaign: its open rows through the node, each item's status on its row. */
async function runCampaign(rows: Row[]): Promise<void> {
	const open = rows.filter((row) => row.status !== 'reached' && row.status !== 'gaveUp');
	if (!open.length) return;
	const { outputs, error } = await initiate(
		fake,
		open.map((row) => ({ ...row })),
		{
			parameters: campaignParameters(open[0].agentId),
		},
	);
	expect(error).toBeUndefined();
	const byRef = new Map(rows.map((row) => [row.ref, row]));
	for (const item of outputs[0]) {
		const row = byRef.get(String(item.json.reference))!;
		row.status = String(item.json.status);
		if (item.json.attempts !== null) row.attempts = Number(item.json.attempts);
	}
}

/** The results workflow: the trigger's items written onto their rows by Reference. */
async function writeResults(trigger: TriggerServer, rows: Row[], seen: string[]): Promise<void> {
	const byRef = new Map(rows.map((row) => [row.ref, row]));
	for (const outcome of await trigger.outcomes()) {
		for (const item of outcome.items ?? []) {
			seen.push(String(item.reference));
			const row = byRef.get(String(item.reference));
			if (!row) continue;
			row.outcome = String(item.conversation_status);
			row.outcomeAttempt = Number(item.attempt);
			row.summary = String((item.conversation_analysis as IDataObject)?.summary ?? '');
		}
	}
}

describe('a campaign on a schedule converges', () => {
	it('every contact ends reached or given up, by policy, never called twice by accident or at night, and each results workflow sees only its own calls', async () => {
		pinClock(START);
		fake.setOptions({ answerOnAttempt: ANSWER_ON_ATTEMPT });
		const invoices = table('INV', 40, REMINDER_AGENT.id, 0);
		const leads = table('LEAD', 20, LEAD_AGENT.id, 100);
		const credential = credentialsFor(fake);
		const reminderResults = await startTrigger({
			parameters: { agentIds: [REMINDER_AGENT.id] },
			credentials: credential,
		});
		const leadResults = await startTrigger({
			parameters: { agentIds: [LEAD_AGENT.id] },
			credentials: credential,
		});
		triggers.push(reminderResults, leadResults);
		fake.setOptions({ webhookUrls: [reminderResults.url, leadResults.url] });
		const seenByReminders: string[] = [];
		const seenByLeads: string[] = [];

		let runs = 0;
		for (let now = START; now < START + 48 * 60 * MINUTE; now += EVERY) {
			jest.setSystemTime(now);
			await runCampaign(invoices);
			await runCampaign(leads);
			// A re-run of the same slot (a retried execution, a second n8n): nobody is called again.
			if (runs === 3) {
				const before = fake.calledNumbers().length;
				await runCampaign(invoices);
				expect(fake.calledNumbers().length).toBe(before);
			}
			runs++;
			// eigi ends the calls placed in this slot and delivers their webhooks.
			for (const [id, conversation] of Object.entries(fake.conversations))
				if (conversation.conversation_status === 'IN_PROGRESS') fake.completeConversation(id);
			await fake.flushWebhooks();
			if (
				[...invoices, ...leads].every((row) => row.status === 'reached' || row.status === 'gaveUp')
			)
				break;
		}
		await writeResults(reminderResults, invoices, seenByReminders);
		await writeResults(leadResults, leads, seenByLeads);

		// Every contact's row holds its final outcome.
		for (const row of [...invoices, ...leads]) {
			const answersOn = ANSWER_ON_ATTEMPT[Number(row.phone.slice(-1))];
			const expected =
				answersOn > 0
					? { status: 'reached', outcome: 'COMPLETED', attempt: answersOn }
					: { status: 'gaveUp', outcome: 'DISCONNECTED', attempt: MAX_ATTEMPTS };
			expect({
				ref: row.ref,
				status: row.status,
				outcome: row.outcome,
				attempt: row.outcomeAttempt,
			}).toEqual({ ref: row.ref, ...expected });
			if (answersOn > 0) expect(row.summary).toBeTruthy();
		}

		// What eigi received: per number, at most N calls, at least the minimum apart, none after it
		// was reached, none outside 08:00-21:00 in the callee's zone.
		const zoneOf = new Map([...invoices, ...leads].map((row) => [row.phone, row.tz]));
		const callsByNumber = new Map<string, Array<{ at: number; status: string }>>();
		for (const conversation of Object.values(fake.conversations)) {
			const number = String((conversation.conversation_metadata as IDataObject).to_mobile_number);
			const at = Date.parse(String(conversation.created_at));
			expect({
				number,
				inside: checkCallingHours(DAYTIME, [zoneOf.get(number)!], at).inside,
			}).toEqual({
				number,
				inside: true,
			});
			const calls = callsByNumber.get(number) ?? [];
			calls.push({ at, status: String(conversation.conversation_status) });
			callsByNumber.set(number, calls);
		}
		expect(callsByNumber.size).toBe(60);
		for (const [number, calls] of callsByNumber) {
			calls.sort((a, b) => a.at - b.at);
			expect({ number, count: calls.length <= MAX_ATTEMPTS }).toEqual({ number, count: true });
			calls
				.slice(1)
				.forEach((call, index) =>
					expect(call.at - calls[index].at).toBeGreaterThanOrEqual(MIN_GAP_MINUTES * MINUTE),
				);
			const reachedAt = calls.findIndex((call) => call.status === 'COMPLETED');
			if (reachedAt >= 0) expect(calls.length).toBe(reachedAt + 1);
		}

		// Each results workflow saw only its own agent's calls, and every one of them.
		expect(new Set(seenByReminders)).toEqual(new Set(invoices.map((row) => row.ref)));
		expect(seenByReminders.every((ref) => ref.startsWith('INV-'))).toBe(true);
		expect(new Set(seenByLeads)).toEqual(new Set(leads.map((row) => row.ref)));
		expect(seenByLeads.every((ref) => ref.startsWith('LEAD-'))).toBe(true);
		// Tokyo's contacts waited for their morning: their first call came at 08:00 Tokyo (23:00 UTC).
		const tokyoFirst = Math.min(
			...invoices
				.filter((row) => row.tz === 'Asia/Tokyo')
				.map((row) => callsByNumber.get(row.phone)![0].at),
		);
		expect(new Date(tokyoFirst).toISOString()).toBe('2026-12-03T23:00:00.000Z');
		expect(runs).toBeLessThan(96);
	});
});
