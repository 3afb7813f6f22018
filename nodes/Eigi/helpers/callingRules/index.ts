/**
 * Calling rules by place, as data with their sources, and the pure functions that apply them:
 * types.ts (the shape of a rule), federal.ts and states.ts (the rules), presets.ts (what a user
 * picks, and what is not covered), holidays.ts (holiday dates for a year), check.ts (whether a
 * call may be placed now, and from when).
 */
export * from './types';
export * from './federal';
export * from './states';
export * from './canada';
export * from './presets';
export { easterSunday, holidayDates, holidayOn } from './holidays';
export {
	capCallableFrom,
	checkRules,
	closedRules,
	conversationCallableFrom,
	rulesForRegions,
	type RulesCheck,
} from './check';
