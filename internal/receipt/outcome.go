package receipt

import "example.com/passport-update/api"

// The outcomes a receipt records. A receipt is written for every customer whose scan went to the
// server, whichever front end sent it, so a day's folder holds the cases that ended without an
// approval as well.
const (
	// Approved: the server confirmed the approval.
	Approved = "approved"
	// Unknown: an approval was sent and no answer says whether it went through; someone checks the
	// customer's record in the back office before approving again.
	Unknown = "unknown"
	// Refused: approvals were sent and the server refused each of them (the Arabic name, a closed
	// update request, an expired session…). Earlier receipts said "failed" for this; List reads
	// that as Refused.
	Refused = "refused"
	// Abandoned: the scan was uploaded and no approval was sent (the next customer, a quit, a
	// signal, a run without --yes or stopped by the checks).
	Abandoned = "abandoned"
)

// ApprovalOutcome is how an answered approval ended, as both front ends record it: no error is
// Approved; an error after which the approval may have been applied (api.OutcomeUnknown) is
// Unknown; any other error is the server refusing it.
func ApprovalOutcome(err error) string {
	switch {
	case err == nil:
		return Approved
	case api.OutcomeUnknown(err):
		return Unknown
	}
	return Refused
}

// readOutcome is a stored outcome under today's name: "failed", which receipts said for a refused
// approval, is Refused.
func readOutcome(s string) string {
	if s == "failed" {
		return Refused
	}
	return s
}
