// Google libphonenumber's time zone map as a compact table: E.164 digit prefix → zone set. The
// build writes the table itself over this file in dist (gulpfile.js, bundleTimeZones), so n8n
// reads data, not the data package; from source, as in the unit tests, it is built here.
import { buildTable } from '../../../tools/timezone-data/table';

export const TIME_ZONE_TABLE = buildTable();
