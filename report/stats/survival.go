package stats

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Obs is one subject of a survival analysis: the time to its event, or to
// when it was last seen (censored) when Event is false.
type Obs struct {
	Time  float64
	Event bool
}

// Step is the Kaplan–Meier estimate just after one time at which an event
// happened.
type Step struct {
	Time     float64
	AtRisk   int     // subjects with time >= Time
	Events   int     // events at Time
	Survival float64 // S(Time): the probability of no event by Time
	StdErr   float64 // Greenwood's standard error of Survival
}

// KaplanMeier returns the Kaplan–Meier estimate of obs (R: survfit(Surv(time,
// event) ~ 1)), one step per distinct event time; subjects censored at an
// event time count as at risk at it.
func KaplanMeier(obs []Obs) []Step {
	sorted := sortedObs(obs)
	var out []Step
	s, greenwood := 1.0, 0.0
	atRisk := len(sorted)
	for i := 0; i < len(sorted); {
		t := sorted[i].Time
		events, leaving := 0, 0
		for ; i < len(sorted) && sorted[i].Time == t; i++ {
			leaving++
			if sorted[i].Event {
				events++
			}
		}
		if events > 0 {
			s *= 1 - float64(events)/float64(atRisk)
			if events < atRisk {
				greenwood += float64(events) / (float64(atRisk) * float64(atRisk-events))
			} else {
				greenwood = math.Inf(1)
			}
			se := 0.0
			if s > 0 {
				se = s * math.Sqrt(greenwood)
			}
			out = append(out, Step{Time: t, AtRisk: atRisk, Events: events, Survival: s, StdErr: se})
		}
		atRisk -= leaving
	}
	return out
}

func sortedObs(obs []Obs) []Obs {
	s := slices.Clone(obs)
	slices.SortStableFunc(s, func(a, b Obs) int { return cmp.Compare(a.Time, b.Time) })
	return s
}

// LogRank is the log-rank test that several groups have one survival
// curve (R: survdiff(Surv(time, event) ~ group)).
type LogRank struct {
	Observed, Expected []float64 // events per group, and those expected under one curve
	ChiSq              float64
	DF                 int
	P                  float64
	Defined            bool // at least two groups with subjects, and some event
}

// LogRankTest compares the groups' survival.
func LogRankTest(groups [][]Obs) LogRank {
	k := len(groups)
	type ev struct {
		time  float64
		group int
		event bool
	}
	var all []ev
	nonEmpty := 0
	for g, obs := range groups {
		if len(obs) > 0 {
			nonEmpty++
		}
		for _, o := range obs {
			all = append(all, ev{o.Time, g, o.Event})
		}
	}
	r := LogRank{Observed: make([]float64, k), Expected: make([]float64, k), DF: k - 1}
	if nonEmpty < 2 {
		return r
	}
	slices.SortStableFunc(all, func(a, b ev) int { return cmp.Compare(a.time, b.time) })
	atRisk := make([]float64, k)
	for g, obs := range groups {
		atRisk[g] = float64(len(obs))
	}
	v := mat.NewSymDense(k, nil)
	events := make([]float64, k)
	leaving := make([]float64, k)
	for i := 0; i < len(all); {
		t := all[i].time
		clear(events)
		clear(leaving)
		for ; i < len(all) && all[i].time == t; i++ {
			leaving[all[i].group]++
			if all[i].event {
				events[all[i].group]++
			}
		}
		d, n := sum(events), sum(atRisk)
		if d > 0 {
			// The hypergeometric mean and covariance of the events.
			f := 0.0
			if n > 1 {
				f = d * (n - d) / (n * n * (n - 1))
			}
			for g := range k {
				r.Observed[g] += events[g]
				r.Expected[g] += d * atRisk[g] / n
				for h := g; h < k; h++ {
					c := -atRisk[g] * atRisk[h]
					if g == h {
						c += atRisk[g] * n
					}
					v.SetSym(g, h, v.At(g, h)+f*c)
				}
			}
		}
		for g := range k {
			atRisk[g] -= leaving[g]
		}
	}
	// The statistic on all groups but the last (the covariance of all k is
	// singular).
	m := k - 1
	diff := mat.NewVecDense(m, nil)
	sub := mat.NewSymDense(m, nil)
	for g := range m {
		diff.SetVec(g, r.Observed[g]-r.Expected[g])
		for h := g; h < m; h++ {
			sub.SetSym(g, h, v.At(g, h))
		}
	}
	var sol mat.VecDense
	if err := sol.SolveVec(sub, diff); err != nil {
		return r
	}
	r.ChiSq = mat.Dot(diff, &sol)
	r.P = distuv.ChiSquared{K: float64(r.DF)}.Survival(r.ChiSq)
	r.Defined = true
	return r
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}
