'use strict';
// The "Invoices" data table the payment-reminder examples read and write (examples/README.md):
// its columns, as [name, type], for the sandbox and the e2e suite that create it.
const INVOICE_COLUMNS = [
	['invoice_number', 'string'],
	['customer_name', 'string'],
	['phone', 'string'],
	['amount_due', 'number'],
	['due_date', 'string'],
	['status', 'string'],
	['call_status', 'string'],
	['call_attempts', 'number'],
	['callable_from', 'string'],
	['call_note', 'string'],
	['checked_at', 'string'],
	['outcome', 'string'],
	['outcome_attempt', 'number'],
	['summary', 'string'],
	['conversation_id', 'string'],
	['outcome_at', 'string'],
];

module.exports = { INVOICE_COLUMNS };
