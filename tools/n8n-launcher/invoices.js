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
	// The opt-out loop: the results workflow sets opted_out (and the customer's words in
	// opt_out_said) or asks a person to look (opt_out_review); the campaign's call node reads opted_out.
	['opted_out', 'boolean'],
	['opt_out_said', 'string'],
	['opt_out_review', 'string'],
];

module.exports = { INVOICE_COLUMNS };
