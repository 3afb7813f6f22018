import type { IDataObject } from 'n8n-workflow';

// Keys that can reach an object's prototype when a value is later merged with plain assignment.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isSafeKey(key: string): boolean {
	return !UNSAFE_KEYS.has(key);
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
	return (
		typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value)
	);
}

/** JSON.parse that drops `__proto__`, `constructor` and `prototype` keys at every depth. */
export function parseJsonSafely(text: string): unknown {
	return JSON.parse(text, (key, value: unknown) => (isSafeKey(key) ? value : undefined));
}

/**
 * A deep copy of an already parsed value (a JSON body, a query object) without unsafe keys, as
 * plain objects and arrays.
 */
export function withoutUnsafeKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutUnsafeKeys);
	if (!isPlainRecord(value)) return value;
	const copy: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		if (isSafeKey(key)) copy[key] = withoutUnsafeKeys(entry) as IDataObject[keyof IDataObject];
	}
	return copy;
}
