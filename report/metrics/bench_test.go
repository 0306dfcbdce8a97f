package metrics

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// BenchmarkCompute1M computes every metric of a 1,000,000-deal history with
// 125,000 accounts over seven years.
func BenchmarkCompute1M(b *testing.B) {
	const n, nAcct = 1_000_000, 125_000
	r := rand.New(rand.NewPCG(1, 2))
	accts := make([]*ingest.Account, nAcct)
	for i := range accts {
		accts[i] = ingest.NewAccount(fmt.Sprintf("Account %d", i))
	}
	attrs := &ingest.Attrs{Owner: "Ann", LeadSource: "Web", Approach: "Collaborative"}
	base := d(2019, 1, 1)
	deals := make([]ingest.Deal, n)
	for i := range deals {
		a := int(float64(nAcct) * r.Float64() * r.Float64())
		dl := ingest.Deal{Account: accts[a], Close: base + ingest.Date(r.IntN(7*365)),
			Amount: float64(r.IntN(10000)), Stage: ingest.Won, Attrs: attrs}
		switch x := r.Float64(); {
		case x < 0.2:
			dl.Stage = ingest.Lost
		case x < 0.27:
			dl.Stage = ingest.Open
		case x < 0.29:
			dl.Amount = -dl.Amount
		}
		if r.Float64() < 0.1 {
			b := r.IntN(nAcct)
			dl.Referral, dl.ReferredBy = true, accts[b]
		}
		deals[i] = dl
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m := Compute(deals, Options{})
		if m.Customers == 0 {
			b.Fatal("no customers")
		}
	}
}
