import { createHash, timingSafeEqual } from 'crypto';

function digest(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Whether the `token` query parameter equals the secret token. Both sides are hashed first, so the
 * comparison always runs over 32 bytes in constant time and leaks neither the token nor its length.
 * A missing or repeated parameter (`?token=a&token=b`) never matches.
 */
export function tokenMatches(given: unknown, expected: string): boolean {
	if (typeof given !== 'string') return false;
	return timingSafeEqual(digest(given), digest(expected));
}
