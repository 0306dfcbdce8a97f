package metrics

import "github.com/dealaudit/dealaudit/report/ingest"

// Status is an account's standing at the as-of date (not a period's
// "active customers"): lapsed with no purchase in two period lengths;
// lapsing with none in the last period length, or, for accounts with a
// purchase rhythm, none for 1.5 × their median gap; otherwise current.
// NeverWon accounts have no purchase at all.
type Status uint8

const (
	NeverWon Status = iota
	Current
	Lapsing
	Lapsed
	NumStatus
)

var statusNames = [NumStatus]string{NeverWon: "never won", Current: "current", Lapsing: "lapsing", Lapsed: "lapsed"}

// String returns the status as accounts.csv writes it.
func (s Status) String() string {
	if s < NumStatus {
		return statusNames[s]
	}
	return "?"
}

// CustomerStatuses are the statuses of customers, in the order the report
// shows them.
var CustomerStatuses = []Status{Current, Lapsing, Lapsed}

// StatusCount is the accounts of one status and their lifetime revenue.
type StatusCount struct {
	Accounts int
	Revenue  float64
}

// status is the standing at asOf of an account whose last purchase is
// last, with median gap gap (when hasGap) between its purchase dates;
// oneBack and twoBack are one and two period lengths before asOf.
func status(last, asOf, oneBack, twoBack ingest.Date, gap float64, hasGap bool) Status {
	switch {
	case last <= twoBack:
		return Lapsed
	case last <= oneBack:
		return Lapsing
	case hasGap && float64(asOf-last) > 1.5*gap:
		return Lapsing
	}
	return Current
}
