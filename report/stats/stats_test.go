package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.15g, want %.15g", what, got, want)
	}
}

func TestWilson(t *testing.T) {
	// R 4.x: prop.test(k, n, correct = FALSE)$conf.int
	for _, c := range []struct{ k, n, lo, hi float64 }{
		{99, 145, 0.603125348540651, 0.752958234756177},
		{0, 10, 0, 0.277532799862889},
		{81, 263, 0.255288519878274, 0.3662095769828},
	} {
		lo, hi, ok := Wilson(c.k, c.n)
		if !ok {
			t.Fatalf("%v/%v: not defined", c.k, c.n)
		}
		near(t, "low", lo, c.lo, 1e-12)
		near(t, "high", hi, c.hi, 1e-12)
	}
	if _, _, ok := Wilson(0, 0); ok {
		t.Error("0/0 has an interval")
	}
}

func TestFisherExact(t *testing.T) {
	// R: fisher.test(matrix(c(a, b, c, d), 2, byrow = TRUE))$p.value
	for _, c := range []struct {
		a, b, c, d int
		p          float64
	}{
		{99, 46, 101, 41, 0.610020789138454}, // the retention 99/145 against 101/142
		{3, 1, 1, 3, 0.485714285714286},      // Fisher's (1935) tea-tasting table
		{1, 9, 11, 3, 0.00275945618522008},
		{0, 0, 0, 0, 1},
	} {
		near(t, "p", FisherExact(c.a, c.b, c.c, c.d), c.p, 1e-12)
	}
}

func TestTwoProportion(t *testing.T) {
	// R: prop.test(c(99, 101), c(145, 142), correct = FALSE)$p.value
	near(t, "p", TwoProportion(99, 145, 101, 142), 0.599316770413039, 1e-12)
	if p := TwoProportion(5, 5, 3, 3); p != 1 {
		t.Errorf("no variance: p = %v, want 1", p)
	}
	// Difference picks the exact test for small totals, the z-test above
	// exactLimit.
	if p, test := Difference(99, 145, 101, 142); test != "Fisher's exact test" || math.Abs(p-0.610020789138454) > 1e-12 {
		t.Errorf("Difference small: %v by %s", p, test)
	}
	if _, test := Difference(3000, 4000, 2000, 3000); test != "two-proportion z-test" {
		t.Errorf("Difference large: %s", test)
	}
}

func TestHolm(t *testing.T) {
	// R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2), "holm")
	got := Holm([]float64{0.01, 0.04, 0.03, 0.005, 0.2})
	want := []float64{0.04, 0.09, 0.09, 0.025, 0.2}
	for i := range want {
		near(t, "holm", got[i], want[i], 1e-15)
	}
	if len(Holm(nil)) != 0 {
		t.Error("Holm(nil) not empty")
	}
}

// aml is the acute myelogenous leukaemia data of Miller (1981), R's
// survival::aml: weeks to relapse, censored where event is false.
var amlMaintained = []Obs{{9, true}, {13, true}, {13, false}, {18, true}, {23, true}, {28, false},
	{31, true}, {34, true}, {45, false}, {48, true}, {161, false}}
var amlNonmaintained = []Obs{{5, true}, {5, true}, {8, true}, {8, true}, {12, true}, {16, false},
	{23, true}, {27, true}, {30, true}, {33, true}, {43, true}, {45, true}}

func TestKaplanMeier(t *testing.T) {
	// R: f <- survfit(Surv(time, status) ~ 1, data = aml[aml$x == "Maintained", ])
	// at its event times; Greenwood's SE of S is f$std.err * f$surv.
	want := []Step{
		{9, 11, 1, 0.909090909090909, 0.0866784172041448},
		{13, 10, 1, 0.818181818181818, 0.116291299830333},
		{18, 8, 1, 0.715909090909091, 0.139664970557228},
		{23, 7, 1, 0.613636363636364, 0.152632331027312},
		{31, 5, 1, 0.490909090909091, 0.164193267221136},
		{34, 4, 1, 0.368181818181818, 0.162668885827095},
		{48, 2, 1, 0.184090909090909, 0.153492745786294},
	}
	// In any order of the subjects.
	obs := append([]Obs(nil), amlMaintained...)
	obs[0], obs[10] = obs[10], obs[0]
	got := KaplanMeier(obs)
	if len(got) != len(want) {
		t.Fatalf("%d steps, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Time != w.Time || g.AtRisk != w.AtRisk || g.Events != w.Events {
			t.Errorf("step %d: %+v, want %+v", i, g, w)
		}
		near(t, "S", g.Survival, w.Survival, 1e-12)
		near(t, "SE", g.StdErr, w.StdErr, 1e-12)
	}
}

func TestLogRank(t *testing.T) {
	// R: survdiff(Surv(time, status) ~ x, data = aml): chisq 3.3963886989776,
	// observed 7 and 11, expected 10.6893359923007 and 7.31066400769928;
	// pchisq(chisq, 1, lower.tail = FALSE) = 0.0653393220405051.
	r := LogRankTest([][]Obs{amlMaintained, amlNonmaintained})
	if !r.Defined || r.DF != 1 {
		t.Fatalf("aml: %+v", r)
	}
	near(t, "chisq", r.ChiSq, 3.3963886989776, 1e-10)
	near(t, "p", r.P, 0.0653393220405051, 1e-10)
	near(t, "expected", r.Expected[0], 10.6893359923007, 1e-10)
	near(t, "observed", r.Observed[1], 11, 0)

	// Three groups, with ties and censoring (made up):
	//	d <- data.frame(time = c(3,5,5,8,12,12,15,20, 2,4,4,6,7,9,9,11, 10,14,18,18,25,30,30),
	//	  status = c(1,1,0,1,1,0,1,0, 1,1,1,0,1,1,0,1, 1,0,1,1,0,1,0), g = rep(c("a","b","c"), c(8,8,7)))
	//	survdiff(Surv(time, status) ~ g, data = d): chisq 9.40157800106749 on 2 df,
	//	p 0.00908810375346796, expected 4.39411510495607 2.43436060506999 8.17152428997395
	mk := func(times []float64, events []int) []Obs {
		var o []Obs
		for i := range times {
			o = append(o, Obs{times[i], events[i] == 1})
		}
		return o
	}
	r = LogRankTest([][]Obs{
		mk([]float64{3, 5, 5, 8, 12, 12, 15, 20}, []int{1, 1, 0, 1, 1, 0, 1, 0}),
		mk([]float64{2, 4, 4, 6, 7, 9, 9, 11}, []int{1, 1, 1, 0, 1, 1, 0, 1}),
		mk([]float64{10, 14, 18, 18, 25, 30, 30}, []int{1, 0, 1, 1, 0, 1, 0}),
	})
	if !r.Defined || r.DF != 2 {
		t.Fatalf("three groups: %+v", r)
	}
	near(t, "chisq", r.ChiSq, 9.40157800106749, 1e-10)
	near(t, "p", r.P, 0.00908810375346796, 1e-10)
	near(t, "expected c", r.Expected[2], 8.17152428997395, 1e-10)

	if LogRankTest([][]Obs{amlMaintained, nil}).Defined {
		t.Error("one group with subjects: defined")
	}
}

func TestMantelHaenszel(t *testing.T) {
	// R's mantelhaen.test example (penicillin and rabbits, Agresti 2002):
	// five strata of [cured, died] × [immediate, delayed];
	// mantelhaen.test(Rabbits): X-squared 3.92857142857143, p 0.0474722551429181.
	rabbits := []Stratum{
		{K1: 0, N1: 0 + 6, K0: 0, N0: 0 + 5},
		{K1: 3, N1: 3 + 3, K0: 0, N0: 0 + 6},
		{K1: 6, N1: 6 + 0, K0: 2, N0: 2 + 4},
		{K1: 5, N1: 5 + 1, K0: 6, N0: 6 + 0},
		{K1: 2, N1: 2 + 0, K0: 5, N0: 5 + 0},
	}
	r := MantelHaenszelTest(rabbits)
	if !r.Defined || r.Strata != 5 {
		t.Fatalf("%+v", r)
	}
	near(t, "chisq", r.ChiSq, 3.92857142857143, 1e-12)
	near(t, "p", r.P, 0.0474722551429181, 1e-12)

	// The risk difference, by hand: stratum 1, 8/10 against 4/10, weight
	// 10·10/20 = 5, difference 0.4; stratum 2, 1/2 against 10/20, weight
	// 2·20/22, difference 0. MH = 5·0.4 / (5 + 40/22) = 2 / 6.8181… = 0.29333…
	r = MantelHaenszelTest([]Stratum{{8, 10, 4, 10}, {1, 2, 10, 20}, {3, 3, 0, 0}})
	near(t, "difference", r.Difference, 2/(5+40.0/22), 1e-12)
	if r.Strata != 2 {
		t.Errorf("strata %d, want 2 (one has no comparison group)", r.Strata)
	}
}

func TestHomogeneity(t *testing.T) {
	// R: prop.test(c(30, 45, 20, 52), c(50, 60, 40, 70))$p.value
	near(t, "p", Homogeneity([]int{30, 45, 20, 52}, []int{50, 60, 40, 70}), 0.0210688184308187, 1e-12)
	// R: prop.test(c(7, 9), c(10, 20), correct = FALSE)$p.value; an empty
	// group is left out.
	near(t, "p", Homogeneity([]int{7, 0, 9}, []int{10, 0, 20}), 0.195709318424654, 1e-12)
	if p := Homogeneity([]int{3}, []int{9}); p != 1 {
		t.Errorf("one group: %v", p)
	}
}

func TestRatioInterval(t *testing.T) {
	// Delta method by hand: num 2, 4, 6, 9; den 1, 2, 3, 4. Ratio 21/10 =
	// 2.1; d = num - 2.1·den = -0.1, -0.2, -0.3, 0.6; Σd² = 0.5; SE =
	// sqrt(0.5/3/4) / 2.5 = 0.0816497; interval 2.1 ± 1.959964 × SE.
	lo, hi := deltaInterval([]float64{2, 4, 6, 9}, []float64{1, 2, 3, 4}, 2.1)
	se := math.Sqrt(0.5/3/4) / 2.5
	near(t, "delta low", lo, 2.1-z95*se, 1e-12)
	near(t, "delta high", hi, 2.1+z95*se, 1e-12)
	// R's quantile(c(1, 2, 3, 4, 10), 0.975) (type 7) = 9.4.
	near(t, "quantile", quantile([]float64{1, 2, 3, 4, 10}, 0.975), 9.4, 1e-12)

	// The bootstrap is seeded: the same data give the same interval; and
	// for 5,000 subjects it agrees with the delta method.
	r := rand.New(rand.NewPCG(1, 2))
	num, den := make([]float64, 5000), make([]float64, 5000)
	for i := range num {
		den[i] = 50 + 100*r.Float64()
		num[i] = den[i] * (0.5 + r.Float64())
	}
	blo, bhi, method, ok := RatioInterval(num, den, 7)
	blo2, bhi2, _, _ := RatioInterval(num, den, 7)
	if !ok || method != Bootstrap || blo != blo2 || bhi != bhi2 {
		t.Fatalf("bootstrap: %v %v %s %v; again %v %v", blo, bhi, method, ok, blo2, bhi2)
	}
	ratio := sum(num) / sum(den)
	dlo, dhi := deltaInterval(num, den, ratio)
	if w := dhi - dlo; math.Abs(blo-dlo) > 0.1*w || math.Abs(bhi-dhi) > 0.1*w || blo >= ratio || bhi <= ratio {
		t.Errorf("bootstrap %v–%v, delta %v–%v around %v", blo, bhi, dlo, dhi, ratio)
	}
	// Beyond MaxBootstrap subjects, the delta method.
	big := make([]float64, MaxBootstrap+1)
	for i := range big {
		big[i] = float64(i%7 + 1)
	}
	if _, _, method, ok := RatioInterval(big, big, 1); !ok || method != DeltaMethod {
		t.Errorf("large: %s %v", method, ok)
	}
	// A RatioSample gives the same: the bootstrap while it holds every
	// subject, the delta method from the sums beyond.
	var rs RatioSample
	for i := range num {
		rs.Add(num[i], den[i])
	}
	if lo, hi, _, _ := rs.Interval(7); lo != blo || hi != bhi {
		t.Errorf("sample %v–%v, want %v–%v", lo, hi, blo, bhi)
	}
	var bs RatioSample
	bigNum := make([]float64, MaxBootstrap+5)
	bigDen := make([]float64, MaxBootstrap+5)
	for i := range bigNum {
		bigDen[i] = 1 + float64(i%13)
		bigNum[i] = bigDen[i] * (1 + float64(i%5)/10)
		bs.Add(bigNum[i], bigDen[i])
	}
	slo, shi, method, _ := bs.Interval(1)
	dlo2, dhi2 := deltaInterval(bigNum, bigDen, sum(bigNum)/sum(bigDen))
	if method != DeltaMethod || math.Abs(slo-dlo2) > 1e-9 || math.Abs(shi-dhi2) > 1e-9 || bs.num != nil {
		t.Errorf("large sample: %v–%v by %s, want %v–%v", slo, shi, method, dlo2, dhi2)
	}
	// Two samples merged are one sample of both.
	var h1, h2 RatioSample
	for i := range num {
		if i%2 == 0 {
			h1.Add(num[i], den[i])
		} else {
			h2.Add(num[i], den[i])
		}
	}
	h1.Merge(&h2)
	if lo, hi, _, _ := h1.Interval(7); lo != blo || hi != bhi {
		t.Errorf("merged %v–%v, want %v–%v", lo, hi, blo, bhi)
	}
	// In any order of the subjects.
	rnum, rden := slices.Clone(num), slices.Clone(den)
	slices.Reverse(rnum)
	slices.Reverse(rden)
	if rlo, rhi, _, _ := RatioInterval(rnum, rden, 7); rlo != blo || rhi != bhi {
		t.Errorf("reversed subjects: %v–%v, want %v–%v", rlo, rhi, blo, bhi)
	}
	if _, _, _, ok := RatioInterval([]float64{1}, []float64{1}, 1); ok {
		t.Error("one subject has an interval")
	}
}
