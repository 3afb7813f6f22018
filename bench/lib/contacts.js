'use strict';
// Contacts as a CRM export has them: mostly national US numbers in the usual spellings, some
// international ones (with + or 00), each distinct, with a name and a reference (the two metadata
// fields) and `e164`, the form eigi takes (what a user of the HTTP Request node has to send).
// `makeContacts` is self-contained because its source is also the Code node that produces the
// items inside n8n: the bench and the workflows see the same contacts.

function makeContacts(count) {
	const pad = (value, width) => String(value).padStart(width, '0');
	const areas = ['415', '212', '312', '646', '303', '617', '206', '404'];
	const forms = [
		(i) => `(${areas[i % 8]}) 555-${pad(i % 10000, 4)}`,
		(i) => `${areas[i % 8]}.555.${pad(i % 10000, 4)}`,
		(i) => `1-${areas[i % 8]}-555-${pad(i % 10000, 4)}`,
		(i) => `+44 7911 1${pad(i % 100000, 5)}`,
		(i) => `+91 98${pad(i % 1000, 3)} ${pad(i % 100000, 5)}`,
		(i) => `0049 30 1${pad(i % 10000000, 7)}`,
	];
	const contacts = [];
	for (let i = 0; i < count; i++) {
		const phone = forms[i % forms.length](i);
		const digits = phone.replace(/\D/g, '');
		const e164 = phone.startsWith('00')
			? `+${digits.slice(2)}`
			: phone.startsWith('+')
				? `+${digits}`
				: `+1${digits.slice(-10)}`;
		contacts.push({ name: `Contact ${i + 1}`, ref: `CRM-${pad(i + 1, 6)}`, phone, e164 });
	}
	return contacts;
}

/** makeContacts, checked: every number valid, `e164` what libphonenumber-js makes of it, none repeated. */
function checkedContacts(count) {
	const { parsePhoneNumberFromString } = require('libphonenumber-js/max');
	const contacts = makeContacts(count);
	const seen = new Set();
	for (const { phone, e164 } of contacts) {
		// 00 starts an international number whatever the country (no national number starts with 00).
		const text = phone.startsWith('00') ? `+${phone.slice(2)}` : phone;
		const parsed = parsePhoneNumberFromString(text, 'US');
		if (!parsed?.isValid() || parsed.number !== e164)
			throw new Error(`The bench's contact ${phone} is not the valid number ${e164}`);
		if (seen.has(e164)) throw new Error(`The bench's contacts repeat ${e164}`);
		seen.add(e164);
	}
	return contacts;
}

module.exports = { makeContacts, checkedContacts };
