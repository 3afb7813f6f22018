// The part of libphonenumber-js (max metadata) this package uses. n8n Cloud installs only packages
// without runtime dependencies, so the build replaces this file in dist with a bundle of it
// (gulpfile.js, bundleVendor); from source, as in the unit tests, it reads the devDependency.
export {
	getCountries,
	getCountryCallingCode,
	isSupportedCountry,
	parsePhoneNumberFromString,
	validatePhoneNumberLength,
} from 'libphonenumber-js/max';
export type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';
