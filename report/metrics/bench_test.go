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
	names := make([]string, nAcct)
	for i := range names {
		names[i] = fmt.Sprintf("Account %d", i)
	}
	attrs := ingest.Attrs{Owner: "Ann", LeadSource: "Web", Approach: "Collaborative"}
	base := d(2019, 1, 1)
	var bld ingest.Builder
	for range n {
		a := int(float64(nAcct) * r.Float64() * r.Float64())
		dl := ingest.Deal{Close: base + ingest.Date(r.IntN(7*365)), Amount: float64(r.IntN(10000)), Stage: ingest.Won}
		switch x := r.Float64(); {
		case x < 0.2:
			dl.Stage = ingest.Lost
		case x < 0.27:
			dl.Stage = ingest.Open
		case x < 0.29:
			dl.Amount = -dl.Amount
		}
		refBy := ""
		if r.Float64() < 0.1 {
			refBy = names[r.IntN(nAcct)]
			dl.Referral = true
		}
		bld.Add(dl, names[a], attrs, refBy)
	}
	h := bld.History()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m := Compute(h, Options{})
		if m.Customers == 0 {
			b.Fatal("no customers")
		}
	}
}
