/** Canadian calling rules, as data. Each quote is the words read; `checked` is the day it was read. */
import type { CallingRule } from './types';

export const CRTC_TELEMARKETING_HOURS: CallingRule = {
	id: 'ca-crtc-utr-telemarketing-hours',
	title:
		'CRTC Unsolicited Telecommunications Rules: telemarketing 9:00-21:30 on weekdays, 10:00-18:00 on weekends',
	regions: ['CA'],
	kinds: ['telephoneSolicitation'],
	hours: [
		{ days: [1, 2, 3, 4, 5], from: '09:00', until: '21:30' },
		{ days: [6, 7], from: '10:00', until: '18:00' },
	],
	scope:
		'Telemarketing calls, exempt ones included (charities, existing business relationships, express consent); not calls to collect overdue accounts, surveys or market research. Provinces may restrict further.',
	notCovered: 'Stricter provincial hours, where a province has them.',
	source: {
		citation: 'CRTC Unsolicited Telecommunications Rules, Part III (Telemarketing Rules)',
		url: 'https://crtc.gc.ca/eng/trules-reglest.htm',
		quote:
			'Calling curfews: Telemarketing calls can only be made between the hours of 9:00 a.m. and 9:30 p.m. on weekdays and between 10:00 a.m. and 6:00 p.m. on weekends.',
		readVia:
			"https://crtc.gc.ca/eng/phone/telemarketing/tobligations/rules-regles.htm (the CRTC's own summary of its Rules)",
	},
	checked: '2026-12-07',
};
