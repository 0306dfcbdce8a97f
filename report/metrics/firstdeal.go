package metrics

import (
	"cmp"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// recOrder orders an account's records whatever the order of the rows
// they came from: by close date; on one date purchases first, then
// credits, then lost deals; then the largest amount first; then by the
// values of the deal (approach, discount, referrer, the other descriptive
// fields). Records it calls equal differ in nothing a figure reads.
func recOrder(h *ingest.History) func(a, b rec) int {
	kind := func(r rec) int {
		switch {
		case r.stage == ingest.Lost:
			return 2
		case !ingest.PurchaseAmount(r.amount):
			return 1
		}
		return 0
	}
	return func(a, b rec) int {
		if c := cmp.Compare(a.close, b.close); c != 0 {
			return c
		}
		if c := cmp.Compare(kind(a), kind(b)); c != 0 {
			return c
		}
		if c := cmp.Compare(b.amount, a.amount); c != 0 {
			return c
		}
		return compareDeals(h, &h.Deals[a.deal], &h.Deals[b.deal])
	}
}

// compareDeals orders two deals of one account, date, kind and amount by
// their other values.
func compareDeals(h *ingest.History, x, y *ingest.Deal) int {
	ax, ay := h.AttrsOf(x), h.AttrsOf(y)
	if c := cmp.Compare(ax.Approach, ay.Approach); c != 0 {
		return c
	}
	if x.HasDiscount != y.HasDiscount {
		if x.HasDiscount {
			return -1
		}
		return 1
	}
	if c := cmp.Compare(x.Discount, y.Discount); c != 0 {
		return c
	}
	if c := cmp.Compare(referrerKey(h, x), referrerKey(h, y)); c != 0 {
		return c
	}
	if x.Referral != y.Referral {
		if x.Referral {
			return -1
		}
		return 1
	}
	for _, c := range [...]int{
		cmp.Compare(ax.Owner, ay.Owner), cmp.Compare(ax.LeadSource, ay.LeadSource),
		cmp.Compare(ax.Segment, ay.Segment), cmp.Compare(ax.Type, ay.Type),
	} {
		if c != 0 {
			return c
		}
	}
	return 0
}

func referrerKey(h *ingest.History, d *ingest.Deal) string {
	if r := h.ReferrerOf(d); r != nil {
		return r.Key
	}
	return ""
}

// firstDay reads an account's first-deal facts from its purchases on its
// first purchase date, first of a.recs in recOrder: the approach is that
// of the largest purchase with an approach recorded (the segment and owner likewise), the referrer that of
// the largest with a referrer; the discount is the mean of the recorded
// discounts weighted by amount (a plain mean when those amounts are all
// 0). The account was referred when any of them was a referral.
func (a *account) firstDay(h *ingest.History, first []rec) {
	var weighted, amount, plain float64
	n := 0
	for _, r := range first {
		if r.stage != ingest.Won || !ingest.PurchaseAmount(r.amount) {
			continue
		}
		d := &h.Deals[r.deal]
		a.referred = a.referred || d.Referral
		if by := h.ReferrerOf(d); a.referredBy == "" && by != nil {
			a.referredBy, a.referredByKey = by.Name, by.Key
		}
		if a.approach == "" {
			a.approach = h.AttrsOf(d).Approach
		}
		if a.segment == "" {
			a.segment = h.AttrsOf(d).Segment
		}
		if a.owner == "" {
			a.owner = h.AttrsOf(d).Owner
		}
		if d.HasDiscount {
			weighted += d.Discount * d.Amount
			amount += d.Amount
			plain += d.Discount
			n++
		}
	}
	switch {
	case amount > 0:
		a.discount, a.hasDiscount = weighted/amount, true
	case n > 0:
		a.discount, a.hasDiscount = plain/float64(n), true
	}
}
