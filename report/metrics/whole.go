package metrics

import "github.com/dealaudit/dealaudit/report/ingest"

// Whole is what the figures of a subset of accounts (one owner's, one
// segment's, those a filter kept) take from the history the subset was
// taken from: its coverage, so that periods are partial or complete as
// the whole's are, and its referrals, so that an account of the subset
// is credited with every customer it referred and a referrer outside the
// subset is still a customer. Made by WholeOf; a Whole made otherwise
// has no referrals, and the subset's own are used.
type Whole struct {
	Coverage
	referred  map[string]referred // by referrer key
	customers map[string]bool     // the keys of the whole's customers
}

// WholeOf returns what a subset of h takes from it, with the figures of
// h computed as opts say (one pass of Compute).
func WholeOf(h *ingest.History, opts Options) Whole {
	opts.Whole = nil
	m := Compute(h, opts)
	w := Whole{Coverage: m.Coverage, referred: map[string]referred{}, customers: map[string]bool{}}
	for _, a := range m.Accounts {
		if a.PurchaseDates > 0 {
			w.customers[a.Key] = true
		}
		if a.ReferralsMade > 0 {
			w.referred[a.Key] = referred{a.ReferralsMade, a.ReferralRevenue}
		}
	}
	return w
}

// referred is the customers one account referred: how many, and their
// lifetime revenue.
type referred struct {
	n   int
	rev float64
}

// referrals is who referred whom, as the figures count it: by referrer
// key, the customers each referred, and whether a key is a customer's.
type referrals struct {
	byReferrer map[string]referred
	customer   func(key string) bool
}

// referralsOf returns the referrals of accts, or the whole's when the
// figures are a subset's (opts.Whole from WholeOf).
func referralsOf(accts []*account, byKey map[string]*account, w *Whole) referrals {
	if w != nil && w.referred != nil {
		return referrals{byReferrer: w.referred, customer: func(key string) bool { return w.customers[key] }}
	}
	made := map[string]referred{}
	for _, a := range accts {
		if a.customer() && a.referredByKey != "" {
			r := made[a.referredByKey]
			r.n++
			r.rev += a.revenue
			made[a.referredByKey] = r
		}
	}
	return referrals{byReferrer: made, customer: func(key string) bool { a := byKey[key]; return a != nil && a.customer() }}
}
