// The callee region table (US state, Canadian province or territory of a North American number),
// generated from Google libphonenumber's geocoding data by tools/timezone-data/regions.js. The
// build is to write the table itself over this file in dist (as bundleTimeZones does for
// timezones.ts), so n8n reads data, not the data package; from source, as in the unit tests, it is
// built here.
import { buildRegionTable } from '../../../tools/timezone-data/regions';

export const REGION_TABLE = buildRegionTable();
