// The region (US state, Canadian province) of North American numbers, from Google libphonenumber's
// geocoding data, as a compact table. The build writes the table itself over this file in dist
// (gulpfile.js, bundleRegions), so n8n reads data, not the data package; from source, as in the
// unit tests, it is built here.
import type { RegionTable } from '../helpers/calleeRegion';
import { buildRegionTable } from '../../../tools/timezone-data/regions';

export const REGION_TABLE: RegionTable = buildRegionTable();
