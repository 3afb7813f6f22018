import { EigiApi } from '../../credentials/EigiApi.credentials';
import { EigiOutboundCall } from '../../nodes/Eigi/EigiOutboundCall.node';
import { EigiOutboundCallTrigger } from '../../nodes/Eigi/EigiOutboundCallTrigger.node';

// Every text a user reads in the editor: labels, descriptions, hints, notices, placeholders,
// option names and the trigger's panel.
const TEXT_KEYS = new Set([
	'displayName',
	'description',
	'hint',
	'placeholder',
	'action',
	'name',
	'activationMessage',
	'eventTriggerDescription',
	'activationHint',
	'inactive',
	'active',
	'noFieldsError',
	'errorMessage',
	'message',
]);

function textsOf(value: unknown, found: string[] = []): string[] {
	if (Array.isArray(value)) value.forEach((entry) => textsOf(entry, found));
	else if (value && typeof value === 'object') {
		for (const [key, entry] of Object.entries(value)) {
			if (typeof entry === 'string' && TEXT_KEYS.has(key)) found.push(entry);
			else textsOf(entry, found);
		}
	}
	return found;
}

/**
 * Sentences long enough to be more than a label, without markup, by their first six words: a
 * sentence said twice with a different ending ("Choose from the list, or specify ...") counts.
 */
function sentencesOf(text: string): string[] {
	return text
		.replace(/<[^>]+>/g, '')
		.split(/(?<=[.!?])\s+/)
		.map((sentence) => sentence.trim())
		.filter((sentence) => sentence.length > 25)
		.map((sentence) => sentence.toLowerCase().split(/\s+/).slice(0, 6).join(' '));
}

type Described = { properties?: Array<{ displayOptions?: { show?: Record<string, unknown[]> } }> };

/**
 * What one screen shows: for a node with resources, the properties of one resource and operation
 * (n8n shows one at a time); the rest of the description (name, panels) is on every screen.
 */
function screensOf(description: Described): unknown[] {
	const properties = description.properties ?? [];
	const pairs = new Set<string>();
	for (const property of properties) {
		const show = property.displayOptions?.show;
		for (const resource of show?.resource ?? [])
			for (const operation of show?.operation ?? []) pairs.add(`${resource}/${operation}`);
	}
	if (!pairs.size) return [description];
	return [...pairs].map((pair) => {
		const [resource, operation] = pair.split('/');
		const shown = properties.filter(({ displayOptions }) => {
			const show = displayOptions?.show ?? {};
			return (
				(!show.resource || show.resource.includes(resource)) &&
				(!show.operation || show.operation.includes(operation))
			);
		});
		return { ...description, properties: shown };
	});
}

const nodes = [
	['eigi Outbound Call', new EigiOutboundCall().description],
	['eigi Trigger', new EigiOutboundCallTrigger().description],
	['eigi.ai API credential', new EigiApi()],
] as const;

describe.each(nodes)('texts of the %s', (_name, description) => {
	const texts = textsOf(description);

	it('are there to check', () => {
		expect(texts.length).toBeGreaterThan(5);
	});

	it('write n8n expressions as they work ($json, never $JSON)', () => {
		expect(texts.filter((text) => /\$JSON\b/.test(text))).toEqual([]);
		const expressions = texts.flatMap((text) => text.match(/\{\{[^}]*\}\}/g) ?? []);
		for (const expression of expressions) expect(expression).not.toMatch(/\$[A-Z]{2,}/);
	});

	it('never say the same sentence twice on one screen', () => {
		for (const screen of screensOf(description as Described)) {
			const seen = new Map<string, number>();
			for (const sentence of textsOf(screen).flatMap(sentencesOf))
				seen.set(sentence, (seen.get(sentence) ?? 0) + 1);
			expect([...seen].filter(([, count]) => count > 1).map(([sentence]) => sentence)).toEqual([]);
		}
	});
});
