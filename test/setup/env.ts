import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// n8n-core reads and writes its settings under N8N_USER_FOLDER; keep each test run away from the home folder.
process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-nodes-eigi-test-'));
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
// n8n's logger reports every node error on the console; the tests assert on them instead.
process.env.N8N_LOG_LEVEL = 'silent';
