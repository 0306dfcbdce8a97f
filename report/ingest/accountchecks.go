package ingest

import (
	"fmt"
	"strconv"
)

// Checks of a deal against the rest of its account's history, run once the
// accounts are named.

// dropSelfReferrals makes a deal whose referred-by names its own account
// no referral (not referred, and no referrer), and reports it.
func dropSelfReferrals(h *History, files []FileInfo, problem func(Problem)) {
	for i := range h.Deals {
		d := &h.Deals[i]
		ref := h.ReferrerOf(d)
		if ref == nil || ref.Key != h.AccountOf(d).Key {
			continue
		}
		problem(Problem{File: files[d.File].Path, Row: int(d.Row), Column: files[d.File].Header(FieldReferredBy), Value: ref.Name,
			Kind: "account refers itself", Detail: "the referred-by names the deal's own account", Action: "not counted as a referral"})
		d.ReferredBy, d.Referral = 0, false
	}
}

// reportEarlyCredits reports each credit dated before its account's first
// purchase, or of an account that has none: the figures keep it in its
// period's revenue but not in new or repeat revenue (metrics).
func reportEarlyCredits(h *History, files []FileInfo, problem func(Problem)) {
	const none = Date(1<<31 - 1)
	first := make([]Date, len(h.Accounts))
	for i := range first {
		first[i] = none
	}
	for i := range h.Deals {
		if d := &h.Deals[i]; d.IsPurchase() && d.Close < first[d.Account] {
			first[d.Account] = d.Close
		}
	}
	for i := range h.Deals {
		d := &h.Deals[i]
		if d.Stage != Won || d.IsPurchase() || d.Close >= first[d.Account] {
			continue
		}
		detail := "the account has no purchase: counted in its period's revenue only"
		if first[d.Account] != none {
			detail = fmt.Sprintf("dated before the account's first purchase (%s): counted in its period's revenue, not as new or repeat revenue", first[d.Account])
		}
		problem(Problem{File: files[d.File].Path, Row: int(d.Row), Column: files[d.File].Header(FieldAmount),
			Value: strconv.FormatFloat(d.Amount, 'f', -1, 64), Kind: "credit before a first purchase", Detail: detail, Action: "kept"})
	}
}
