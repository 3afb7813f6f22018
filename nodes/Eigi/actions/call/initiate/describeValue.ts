/** A value as an error message quotes it: "text", 12, {"a":1}, (nothing). */
export function describeValue(value: unknown): string {
	if (typeof value === 'string') return `"${value}"`;
	if (value === undefined) return '(nothing)';
	return JSON.stringify(value) ?? String(value);
}
