/**
 * The entry of the longest prefix of an E.164 number's digits that a prefix table knows: the
 * time zone table and the region table are both `prefixes` (digit prefix → index) into a list
 * of sets, each set stored once.
 */
export function longestPrefixMatch<T>(
	prefixes: Record<string, number>,
	sets: T[],
	e164: string,
	{ longest, shortest = 1 }: { longest: number; shortest?: number },
): T | undefined {
	const digits = e164.replace(/\D/g, '');
	for (let length = Math.min(longest, digits.length); length >= shortest; length--) {
		const index = prefixes[digits.slice(0, length)];
		if (index !== undefined) return sets[index];
	}
	return undefined;
}
