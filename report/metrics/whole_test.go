package metrics

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

// On random histories, the figures of a history with its own Whole are
// the figures without one: the whole's referrals and coverage are the
// history's own.
func TestWholeOfItselfChangesNothing(t *testing.T) {
	for seed := uint64(1); seed <= 100; seed++ {
		r := rand.New(rand.NewPCG(seed, 11))
		h := randomHistory(r, 1+r.IntN(200))
		opts := Options{Period: PeriodKind(seed % 3)}
		want := Compute(h, opts)
		w := WholeOf(h, opts)
		if w.Coverage != want.Coverage {
			t.Fatalf("seed %d: WholeOf coverage %+v, Compute %+v", seed, w.Coverage, want.Coverage)
		}
		with := opts
		with.Whole = &w
		got := Compute(h, with)
		for _, c := range []struct {
			name      string
			got, want any
		}{
			{"accounts", got.Accounts, want.Accounts},
			{"referrers", got.Referrers, want.Referrers},
			{"approaches", got.Approaches, want.Approaches},
			{"owners", got.Owners, want.Owners},
			{"referring customer rate", got.ReferringCustomerRate, want.ReferringCustomerRate},
		} {
			if !reflect.DeepEqual(c.got, c.want) {
				t.Errorf("seed %d: %s differ with the history as its own whole", seed, c.name)
			}
		}
	}
}
