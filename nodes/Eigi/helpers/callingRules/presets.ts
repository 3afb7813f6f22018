/** The calling-rule presets a user picks, and what they leave out. */
import {
	FCC_SOLICITATION_HOURS,
	FTC_TELEMARKETING_HOURS,
	REG_F_AFTER_CONVERSATION,
	REG_F_HOURS,
	REG_F_SEVEN_IN_SEVEN,
} from './federal';
import { CRTC_TELEMARKETING_HOURS } from './canada';
import { limitsTime } from './check';
import { OKLAHOMA_DIAL_ANNOUNCING, STATE_SOLICITATION_RULES } from './states';
import type { CallingRule } from './types';

export interface CallingRulePreset {
	id: string;
	title: string;
	rules: CallingRule[];
}

export const US_FEDERAL_COLLECTION: CallingRulePreset = {
	id: 'usFederalCollection',
	title: 'US federal, collection',
	rules: [REG_F_HOURS, REG_F_SEVEN_IN_SEVEN, REG_F_AFTER_CONVERSATION],
};

export const US_TELEPHONE_SOLICITATION: CallingRulePreset = {
	id: 'usTelephoneSolicitation',
	title: 'US telephone solicitation',
	rules: [FCC_SOLICITATION_HOURS, FTC_TELEMARKETING_HOURS, ...STATE_SOLICITATION_RULES],
};

export const CALLING_RULE_PRESETS: CallingRulePreset[] = [
	US_FEDERAL_COLLECTION,
	US_TELEPHONE_SOLICITATION,
];

const limitsCalls = (rule: CallingRule) => Boolean(rule.cap || rule.noCallDaysAfterConversation);

/**
 * Calling Hours presets (parameter values): the hour, weekday and holiday parts of a preset's rules,
 * applied in the callee's place. The same rule (Florida's) may also limit calls: that part is
 * the Call Limits preset's.
 */
export const CALLING_HOURS_PRESETS: Record<string, CallingRulePreset> = {
	// Oklahoma's rule for automatic dial announcing devices names collection calls too.
	usDebtCollection: {
		...US_FEDERAL_COLLECTION,
		rules: [...US_FEDERAL_COLLECTION.rules, OKLAHOMA_DIAL_ANNOUNCING].filter(limitsTime),
	},
	// Numbers in Canada, which share the US's country code, get the CRTC's hours.
	usTelephoneSolicitation: {
		...US_TELEPHONE_SOLICITATION,
		rules: [...US_TELEPHONE_SOLICITATION.rules, CRTC_TELEMARKETING_HOURS].filter(limitsTime),
	},
};

/** Call Limits presets (parameter values): how often a number may be called, as the rules say. */
export const CALL_LIMIT_PRESETS: Record<string, CallingRulePreset> = {
	regulationF: {
		id: 'regulationF',
		title: 'Regulation F (debt collection)',
		rules: US_FEDERAL_COLLECTION.rules.filter(limitsCalls),
	},
	stateSalesCalls: {
		id: 'stateSalesCalls',
		title: 'Sales calls: 3 in 24 hours (Florida, Oklahoma, Maryland)',
		rules: US_TELEPHONE_SOLICITATION.rules.filter(limitsCalls),
	},
};

/**
 * What the presets do not cover, for the README: states looked at whose rule text was not found
 * (their stricter rules, if any, are not applied), and rules of other kinds.
 */
export const NOT_COVERED: string[] = [
	'Texas (Bus. & Com. Code § 301.051): summaries say 9:00-21:00 Monday to Saturday and 12:00-21:00 on Sunday; the statute text was not found.',
	'Connecticut (Gen. Stat. § 42-288a): summaries say 9:00-20:00; the text found stops before the hours.',
	'Kentucky: summaries say 10:00-21:00; KRS 367.46955 as found says nothing of hours, and KRS 367.461(2)(e) (automated calling equipment, 8:00-21:00) is no stricter than the federal rule.',
	'Pennsylvania, Michigan, Minnesota, Nevada, New Mexico, Wyoming, Maine, Illinois, California and Nebraska: listed by compliance vendors as stricter; no rule text was found or looked for within this work.',
	'State rules on debt collection (for example Massachusetts 940 CMR 7.04 on call frequency) and on charitable solicitation (for example Miss. Code § 79-11-524): not looked at.',
	'Puerto Rico (787, 939) and the other US territories: the federal rules apply (the number names the territory), no territory law is in the data.',
	"Canada: collection calls by automatic dialing-announcing devices (the CRTC's ADAD Rules) and stricter provincial hours are not in the data; a Canadian number gets the CRTC's telemarketing hours under US Telephone Solicitation, and 08:00-21:00 under US Debt Collection.",
	'Federal and state do-not-call registries, consent (prior express written consent for automated calls), caller identification and disclosure duties, emergency-declaration bans (for example La. R.S. 45:844.31): not covered.',
];
