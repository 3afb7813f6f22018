import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { createFakeEigi, type FakeEigi, type FakeEigiOptions } from '../../tools/fake-eigi';
import { runNode, type NodeRun, type OnError, type RunNodeOptions } from '../harness/runNode';

export const LEAD_AGENT = {
	id: '68ea2517dbb84c09bae1ba0a',
	agent_name: 'Lead Qualifier',
	agent_description: 'Qualifies new leads',
	agent_type: 'OUTBOUND',
	agent_mobile_number: ['+14155550100'],
	dynamic_variables: [
		{ name: 'customer_name', required: true },
		{ name: 'company', description: 'Company of the lead' },
	],
	first_message_prompt: 'Hi {{customer_name}}',
	created_at: '2026-01-01T00:00:00Z',
	updated_at: '2026-01-01T00:00:00Z',
};

export const REMINDER_AGENT = {
	...LEAD_AGENT,
	id: '68ea2517dbb84c09bae1ba0b',
	agent_name: 'Payment Reminder',
	dynamic_variables: ['invoice_number', 'amount_due'],
};

export async function startFakeEigi(options: Partial<FakeEigiOptions> = {}): Promise<FakeEigi> {
	return await createFakeEigi({
		agents: [LEAD_AGENT, REMINDER_AGENT],
		newAccountOnReset: true,
		...options,
	});
}

/**
 * One fake eigi for a whole test file, started before its first test, reset before each one and
 * closed after the last. Use it like the fake itself: `const fake = useFakeEigi();`.
 */
export function useFakeEigi(options: Partial<FakeEigiOptions> = {}): FakeEigi {
	let instance: FakeEigi | undefined;
	beforeAll(async () => {
		instance = await startFakeEigi(options);
	});
	beforeEach(() => instance!.reset());
	afterAll(async () => await instance?.close());
	return new Proxy({} as FakeEigi, {
		get(_target, key) {
			if (!instance) throw new Error('The fake eigi is started in beforeAll: use it inside tests');
			const value = Reflect.get(instance, key, instance) as unknown;
			return typeof value === 'function' ? value.bind(instance) : value;
		},
	});
}

export function credentialsFor(
	fake: FakeEigi,
	apiKey = fake.apiKey,
	baseUrl = fake.baseUrl,
): Record<string, ICredentialDataDecryptedObject> {
	return { eigiApi: { apiKey, baseUrl } };
}

/**
 * Parameters of the Initiate Calls operation, as a user sets them in the editor. Calling Hours are
 * off (Any Time) unless a test sets them: these tests run at any hour, and the callees' clocks
 * have tests of their own with a pinned clock.
 */
export function initiateParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'call',
		operation: 'initiate',
		callingHours: 'anyTime',
		agentId: { __rl: true, mode: 'list', value: LEAD_AGENT.id },
		phoneNumber: '={{ $json.phone }}',
		telephonyProvider: 'PLIVO',
		metadataMode: 'none',
		options: {},
		...overrides,
	};
}

/** US numbers +1 415 555 0000 + n, valid and distinct, written the way a CRM export might. */
export function contacts(count: number, offset = 0): IDataObject[] {
	return Array.from({ length: count }, (_, index) => {
		const line = String(1000 + offset + index).padStart(4, '0');
		return { name: `Contact ${offset + index + 1}`, phone: `(415) 555-${line}` };
	});
}

export function e164(contact: IDataObject): string {
	return `+1415555${String(contact.phone).slice(-4)}`;
}

export async function initiate(
	fake: FakeEigi,
	items: IDataObject[],
	{
		parameters = {},
		onError,
		apiKey,
		retryOnFail,
		baseUrl,
		...where
	}: {
		parameters?: INodeParameters;
		onError?: OnError;
		apiKey?: string;
		retryOnFail?: boolean;
		baseUrl?: string;
	} & Pick<RunNodeOptions, 'workflow' | 'executionId' | 'credentialId'> = {},
): Promise<NodeRun> {
	return await runNode({
		...where,
		parameters: initiateParameters({ options: { defaultCountry: 'US' }, ...parameters }),
		items,
		credentials: credentialsFor(fake, apiKey, baseUrl),
		onError,
		retryOnFail,
		maxTries: retryOnFail ? 3 : undefined,
		waitBetweenTries: retryOnFail ? 10 : undefined,
	});
}

export function jsonOf(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}

export function pairedIndexes(items: INodeExecutionData[]): number[] {
	return items.map((item) => {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		return typeof paired === 'number' ? paired : (paired?.item ?? -1);
	});
}

/** What happened to an item: success items say it at the top, error items under `details`. */
export function resultOf(item: INodeExecutionData): IDataObject {
	return (item.json.details as IDataObject | undefined) ?? item.json;
}

export function statusesOf(items: INodeExecutionData[]): string[] {
	return items.map((item) => String(resultOf(item).status));
}

/**
 * Pins the clock (Date only: timers and the HTTP stack keep running), for the node and the fake
 * eigi alike, which run in this process. Call `jest.useRealTimers()` after the test.
 */
export function pinClock(iso: string | number): void {
	jest.useFakeTimers({
		now: new Date(iso),
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});
}
