import type * as PhoneLib from '../vendor/libphonenumber';
import type { CountryCode, PhoneNumber } from '../vendor/libphonenumber';

/**
 * A phone number ready for eigi (E.164), or why it is not. `reason` completes a sentence that
 * starts with the value, e.g. `phone number "12" is too short for United States (US)`.
 */
export type PhoneNumberResult =
	| { valid: true; e164: string; country?: string; nationalNumber: string }
	| { valid: false; reason: string };

type Invalid = { valid: false; reason: string };
const invalid = (reason: string): Invalid => ({ valid: false, reason });

let phoneLib: typeof PhoneLib | undefined;

/**
 * Loads libphonenumber-js and its max metadata (~30 ms). Not at import: n8n loads every node file
 * at each start, and most runs of this node never parse a number. Await it before anything below
 * that reads numbers or countries.
 */
export async function loadPhoneNumberSupport(): Promise<void> {
	phoneLib ??= await import('../vendor/libphonenumber');
}

function lib(): typeof PhoneLib {
	if (!phoneLib) throw new Error('Phone number support is not loaded yet (loadPhoneNumberSupport)');
	return phoneLib;
}

let regionNames: Intl.DisplayNames | undefined;
function countryName(code: string): string {
	regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
	try {
		return regionNames.of(code) ?? code;
	} catch {
		return code;
	}
}

const describeCountry = (code: string): string => `${countryName(code)} (${code})`;

/**
 * Digits only, so that E.164 numbers compare equal whatever form eigi echoes them in
 * ("+14155550111", "14155550111", "+1 415 555 0111").
 */
export function phoneDigits(phoneNumber: string): string {
	return phoneNumber.replace(/\D/g, '');
}

/** `us`, ` US ` → `US`; `UK` → `GB`; empty or not a string → undefined. Check the result with isSupportedCountry. */
export function normalizeCountryCode(input: unknown): string | undefined {
	if (typeof input !== 'string') return undefined;
	const code = input.trim().toUpperCase();
	if (!code) return undefined;
	// Many people write UK; its ISO 3166 code is GB.
	return code === 'UK' ? 'GB' : code;
}

/** Whether libphonenumber-js knows the two-letter country code (after normalizeCountryCode). */
export function isSupportedCountry(code: string): boolean {
	const normalized = normalizeCountryCode(code);
	return (
		normalized !== undefined &&
		/^[A-Z]{2}$/.test(normalized) &&
		lib().isSupportedCountry(normalized)
	);
}

// An extension at the end: "ext. 123", "extension 12", "x123", "#123", ";ext=123" (RFC 3966).
const EXTENSION = /\d[\s.)-]*[,;]?\s*(?:ext(?:ension|n)?\.?|x|#)\s*[:=.]?\s*(\d{1,10})\s*#?$/i;
// Digits (libphonenumber-js also reads full-width and Arabic-Indic ones), one leading +, and the
// separators people type between groups: spaces of any kind, brackets, dots, dashes, slashes.
const DIGIT_OR_SEPARATOR =
	/[\d\uFF10-\uFF19\u0660-\u0669\u06F0-\u06F9\s()[\]./\-\u2010-\u2015\u2212]/u;
const PLUS = /^[+\uFF0B]/;
const DIGIT_BASES = [0x30, 0xff10, 0x0660, 0x06f0];

function asciiDigits(text: string): string {
	let digits = '';
	for (const char of text) {
		const code = char.codePointAt(0)!;
		const base = DIGIT_BASES.find((zero) => code >= zero && code <= zero + 9);
		if (base !== undefined) digits += String(code - base);
	}
	return digits;
}

function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

/** The value as text, or why it cannot be a phone number at all. */
function readText(value: unknown): string | Invalid {
	if (value === null || value === undefined) return invalid('is empty');
	if (typeof value === 'string') return value;
	if (typeof value === 'bigint')
		return value < 0n ? invalid('is a negative number') : value.toString();
	if (typeof value !== 'number') {
		const hint = Array.isArray(value) ? ': pick one number from it' : '';
		return invalid(`is not text or a number (got ${kindOf(value)})${hint}`);
	}
	if (!Number.isFinite(value)) return invalid(`is not a finite number (${value})`);
	if (value < 0) return invalid('is a negative number');
	if (!Number.isInteger(value))
		return invalid('is a number with a decimal part: pass the phone number as text');
	// Beyond 2^53 a JS number has already lost digits; no phone number is that long anyway.
	if (!Number.isSafeInteger(value)) return invalid('is too long to be a phone number');
	return String(value);
}

/** Where a number belongs, for messages: its country, the one country for its code, or the code. */
function placeOf(
	parsed: PhoneNumber | undefined,
	defaultCountry: CountryCode | undefined,
): string | undefined {
	if (!parsed) return defaultCountry && describeCountry(defaultCountry);
	if (parsed.country) return describeCountry(parsed.country);
	const possible = parsed.getPossibleCountries();
	if (possible.length === 1) return describeCountry(possible[0]);
	if (defaultCountry && lib().getCountryCallingCode(defaultCountry) === parsed.countryCallingCode) {
		return describeCountry(defaultCountry);
	}
	return undefined;
}

/** Parses with the max metadata and validates exactly; an invalid number gets the most specific reason. */
function check(text: string, defaultCountry?: CountryCode): PhoneNumberResult {
	const parsed = lib().parsePhoneNumberFromString(text, defaultCountry);
	if (parsed?.isValid()) {
		return {
			valid: true,
			e164: parsed.number,
			country: parsed.country,
			nationalNumber: parsed.nationalNumber,
		};
	}
	const length = lib().validatePhoneNumberLength(text, defaultCountry);
	if (length === 'INVALID_COUNTRY') {
		return invalid(
			`starts with a country code that does not exist (+${text.slice(1, 4)}…): check the digits after the +`,
		);
	}
	// "for United Kingdom (GB)", or "for country code +44" when the code is shared and the number fits none.
	const country = placeOf(parsed, defaultCountry);
	const place = country ?? (parsed && `country code +${parsed.countryCallingCode}`);
	switch (length) {
		case 'TOO_SHORT':
		case 'NOT_A_NUMBER':
			return invalid(place ? `is too short for ${place}` : 'is too short to be a phone number');
		case 'TOO_LONG':
			return invalid(place ? `is too long for ${place}` : 'is too long to be a phone number');
		case 'INVALID_LENGTH':
			return invalid(`has the wrong number of digits for ${place ?? 'a phone number'}`);
		default:
			if (country) return invalid(`is not a valid number in ${country}`);
			return invalid(place ? `is not a valid number for ${place}` : 'is not a valid phone number');
	}
}

const NO_COUNTRY_CODE =
	'has no country code: start it with + and the country code, or set the "Default Country" option';

/**
 * Normalises a phone number from messy data to E.164, checking it exactly against
 * libphonenumber-js's max metadata.
 *
 * - `+…` is read as international; `00…` too, whatever the Default Country (no national number
 *   starts with 00), and exit codes such as 011 (US) are read when the Default Country uses them.
 * - Anything else is read as a national number of `defaultCountry`, which may already carry that
 *   country's code (`919876543210` with IN). A bare digit string that is only valid with a + in
 *   front is rejected, with the + form in the reason: a dropped + and a national number look
 *   alike (China's 150 1234 5678 is also a valid US number), and a wrong guess calls a stranger.
 * - Extensions, letters (vanity numbers) and any other characters are rejected: a call cannot dial them.
 */
export function normalizePhoneNumber(value: unknown, defaultCountry?: string): PhoneNumberResult {
	const text = readText(value);
	if (typeof text !== 'string') return text;
	const trimmed = text.trim(); // also removes non-breaking spaces, tabs and line breaks
	if (!trimmed) return invalid('is empty');

	const extension = EXTENSION.exec(trimmed);
	if (extension) {
		return invalid(`has an extension (ext. ${extension[1]}), which a call cannot dial: remove it`);
	}
	if (/\p{L}/u.test(trimmed)) {
		return invalid(
			'contains letters: use digits only (write a vanity number such as 1-800-FLOWERS in digits)',
		);
	}
	const odd = [...trimmed.replace(PLUS, '')].find((char) => !DIGIT_OR_SEPARATOR.test(char));
	if (odd !== undefined) {
		return invalid(
			PLUS.test(odd)
				? 'has a + that is not at the start'
				: `contains "${odd}", which is not part of a phone number`,
		);
	}
	const digits = asciiDigits(trimmed);
	if (!digits) return invalid('has no digits');
	// E.164 allows 15 digits; an exit code and a trunk 0 can add 4 more at most.
	if (digits.length > 19) {
		return invalid(`is too long (${digits.length} digits): does it hold more than one number?`);
	}

	const country = normalizeCountryCode(defaultCountry) as CountryCode | undefined;
	if (country && !isSupportedCountry(country)) {
		return invalid(
			`cannot be read: the Default Country "${defaultCountry}" is not a known two-letter country code such as US, GB or IN`,
		);
	}

	if (PLUS.test(trimmed)) return check(`+${digits}`, country);
	const national = country ? check(digits, country) : undefined;
	if (national?.valid) return national;
	if (digits.startsWith('00')) return check(`+${digits.slice(2)}`, country);
	// Valid only with a + in front: show that form, but do not guess (see above).
	const plusHint = check(`+${digits}`).valid;
	if (!national) {
		return invalid(
			plusHint ? `${NO_COUNTRY_CODE} (if it is +${digits}, write the + in front)` : NO_COUNTRY_CODE,
		);
	}
	return invalid(
		plusHint
			? `${national.reason}; if it is the international number +${digits}, write it with the + in front`
			: national.reason,
	);
}
