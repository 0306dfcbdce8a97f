package metrics

import (
	"slices"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// Placing returns, for each account of h (by index into h.Accounts), the
// value field reads from the deals that place it, as the figures place a
// customer (firstDay): the first value recorded among its purchases on its
// first purchase date up to asOf, in recOrder. An account without such a
// purchase (only lost, open or later deals) is placed by the first of its
// deals, in the same order, that records a value. "" when none does.
//
// It is what a report split by owner or segment files each account
// under, so that an owner's sub-report holds the customers the owner
// first won, as the Owners page counts them.
func Placing(h *ingest.History, asOf ingest.Date, field func(*ingest.Attrs) string) []string {
	byAccount := make([][]rec, len(h.Accounts))
	for i := range h.Deals {
		d := &h.Deals[i]
		byAccount[d.Account] = append(byAccount[d.Account], rec{close: d.Close, amount: d.Amount, deal: int32(i), stage: d.Stage})
	}
	order := recOrder(h)
	out := make([]string, len(h.Accounts))
	for a, recs := range byAccount {
		slices.SortStableFunc(recs, order)
		out[a] = placeOne(h, recs, asOf, field)
	}
	return out
}

// placeOne places one account from its deals in recOrder.
func placeOne(h *ingest.History, recs []rec, asOf ingest.Date, field func(*ingest.Attrs) string) string {
	purchase := func(r rec) bool {
		return r.stage == ingest.Won && ingest.PurchaseAmount(r.amount) && r.close <= asOf
	}
	if i := slices.IndexFunc(recs, purchase); i >= 0 {
		for _, r := range recs[i:] {
			if r.close != recs[i].close {
				break
			}
			if v := field(h.AttrsOf(&h.Deals[r.deal])); purchase(r) && v != "" {
				return v
			}
		}
		return ""
	}
	for _, r := range recs {
		if v := field(h.AttrsOf(&h.Deals[r.deal])); v != "" {
			return v
		}
	}
	return ""
}
