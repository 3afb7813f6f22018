import type { IDataObject } from 'n8n-workflow';

export type MetadataResult =
	| { valid: true; metadata?: IDataObject }
	| { valid: false; reason: string };

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return `a ${typeof value}`;
}

/** Metadata given as JSON (text, or an object an expression produced) must be one JSON object. */
export function metadataFromJson(value: unknown): MetadataResult {
	let parsed = value;
	if (typeof value === 'string') {
		if (!value.trim()) return { valid: true };
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			return {
				valid: false,
				reason: `Metadata (JSON) is not valid JSON (${(error as Error).message}): write an object such as {"customer_name": "Ann"}`,
			};
		}
	}
	if (!isPlainObject(parsed)) {
		return {
			valid: false,
			reason: `Metadata (JSON) must be a JSON object such as {"customer_name": "Ann"}, not ${kindOf(parsed)}`,
		};
	}
	return { valid: true, metadata: Object.keys(parsed).length ? parsed : undefined };
}

/** Named fields: every field needs a name, and a name may appear once. */
export function metadataFromFields(
	fields: Array<{ name?: unknown; value?: unknown }>,
): MetadataResult {
	const metadata: IDataObject = {};
	for (const [position, field] of fields.entries()) {
		const name = typeof field.name === 'string' ? field.name.trim() : '';
		if (!name) {
			return {
				valid: false,
				reason: `metadata field ${position + 1} has no name: give it one or remove it`,
			};
		}
		if (Object.prototype.hasOwnProperty.call(metadata, name)) {
			return { valid: false, reason: `metadata field "${name}" is defined twice: keep one` };
		}
		metadata[name] = field.value as IDataObject[string];
	}
	return { valid: true, metadata: Object.keys(metadata).length ? metadata : undefined };
}

/** The agent's variables, from the resource mapper: required ones must have a value. */
export function metadataFromAgentVariables(
	values: IDataObject | null | undefined,
	requiredVariables: string[],
): MetadataResult {
	const metadata: IDataObject = {};
	for (const [name, value] of Object.entries(values ?? {})) {
		if (value !== undefined && value !== null && value !== '') metadata[name] = value;
	}
	const missing = requiredVariables.filter((name) => !(name in metadata));
	if (missing.length) {
		return {
			valid: false,
			reason: `the agent needs ${missing.map((name) => `"${name}"`).join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} empty: map ${missing.length > 1 ? 'them' : 'it'} to a field of the item`,
		};
	}
	return { valid: true, metadata: Object.keys(metadata).length ? metadata : undefined };
}

/** The whole input item; a copy, so that later changes to the item never change what was sent. */
export function metadataFromItem(json: IDataObject): MetadataResult {
	const metadata = JSON.parse(JSON.stringify(json)) as IDataObject;
	return { valid: true, metadata: Object.keys(metadata).length ? metadata : undefined };
}
