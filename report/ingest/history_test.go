package ingest

import (
	"reflect"
	"testing"
)

func TestBuilder(t *testing.T) {
	var b Builder
	b.Add(Deal{Amount: 1}, "Acme Inc", Attrs{}, "")
	b.Add(Deal{Amount: 2, Account: 7, ReferredBy: 9, Attrs: 9}, "ACME, Inc.", Attrs{Owner: "Ann"}, "Globex")
	b.Add(Deal{Amount: 3}, "Initech", Attrs{Owner: "Ann"}, "globex")
	b.Add(Deal{Amount: 4}, "Initech", Attrs{}, "Globex")
	h := b.History()
	b.Add(Deal{Amount: 5}, "Later", Attrs{}, "")

	// Spellings of one key are one account, named by the first; referrers
	// are held as written; Attrs[0] is the empty Attrs; the indexes given
	// in the deal are replaced.
	wantAccounts := []Account{{"Acme Inc", "acme"}, {"Initech", "initech"}}
	wantReferrers := []Account{{"Globex", "globex"}, {"globex", "globex"}}
	wantAttrs := []Attrs{{}, {Owner: "Ann"}}
	if !reflect.DeepEqual(h.Accounts, wantAccounts) || !reflect.DeepEqual(h.Referrers, wantReferrers) || !reflect.DeepEqual(h.Attrs, wantAttrs) {
		t.Fatalf("tables:\n%+v\n%+v\n%+v", h.Accounts, h.Referrers, h.Attrs)
	}
	type idx struct{ account, referredBy, attrs int32 }
	want := []idx{{0, 0, 0}, {0, 1, 1}, {1, 2, 1}, {1, 1, 0}}
	if len(h.Deals) != len(want) {
		t.Fatalf("%d deals, want %d", len(h.Deals), len(want))
	}
	for i, w := range want {
		d := h.Deals[i]
		if got := (idx{d.Account, d.ReferredBy, d.Attrs}); got != w || d.Amount != float64(i+1) {
			t.Errorf("deal %d: %+v amount %g, want %+v", i, got, d.Amount, w)
		}
	}
	if h.ReferrerOf(&h.Deals[0]) != nil || h.ReferrerOf(&h.Deals[2]).Name != "globex" || h.AccountOf(&h.Deals[3]).Name != "Initech" {
		t.Error("accessors")
	}
}
