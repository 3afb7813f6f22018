/**
 * The callee's region from the number: the US state (US-FL), US territory (US-VI) or Canadian
 * province or territory (CA-ON) of a North American number, from the region table generated from
 * Google libphonenumber's geocoding data (tools/timezone-data/regions.js). An area code whose numbers are in
 * several regions gives all of them, unless a longer prefix of the number names one.
 */
import { longestPrefixMatch } from './prefixTable';

export interface RegionTable {
	/** Every region set once, each sorted. */
	regions: string[][];
	/** E.164 digit prefix (country code included) → index into `regions`. */
	prefixes: Record<string, number>;
}

/** Country code 1, area code, exchange: the longest prefix the table holds. */
const LONGEST_PREFIX = 7;

/**
 * The region codes of the longest prefix of an E.164 number the table knows, or undefined: for a
 * number outside the US and Canada, in another North American country (the Bahamas, Jamaica...),
 * or in an area code the data does not place.
 */
export function regionsForNumber(table: RegionTable, e164: string): string[] | undefined {
	if (!e164.replace(/\D/g, '').startsWith('1')) return undefined;
	// At least the country code and one digit: "1" alone names no region.
	return longestPrefixMatch(table.prefixes, table.regions, e164, {
		longest: LONGEST_PREFIX,
		shortest: 2,
	});
}
