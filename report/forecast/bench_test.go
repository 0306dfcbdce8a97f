package forecast

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkFitBGNBD100k fits BG/NBD to 100,000 simulated accounts.
func BenchmarkFitBGNBD100k(b *testing.B) {
	cs := simulateBGNBD(BGNBD{0.25, 4.4, 0.8, 2.4}, 100000, rand.New(rand.NewPCG(1, 2)))
	b.ReportAllocs()
	for b.Loop() {
		if _, fit := FitBGNBD(cs); !fit.Converged {
			b.Fatal(fit.Reason)
		}
	}
}

// BenchmarkFitGammaGamma100k fits Gamma-Gamma to 100,000 simulated repeat buyers.
func BenchmarkFitGammaGamma100k(b *testing.B) {
	ss := simulateGammaGamma(GammaGamma{6.25, 3.74, 15.44}, 100000, rand.New(rand.NewPCG(1, 2)))
	b.ReportAllocs()
	for b.Loop() {
		if _, fit := FitGammaGamma(ss); !fit.Converged {
			b.Fatal(fit.Reason)
		}
	}
}
