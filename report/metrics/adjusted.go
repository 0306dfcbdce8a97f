package metrics

import (
	"math"
	"slices"
	"strings"

	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/stats"
)

// outcome is what one customer's relationship did after its first
// purchase, with what the adjusted comparisons group it by.
type outcome struct {
	group   string // approach group
	stratum stratum
	// retained of before: its part of pooled retention.
	retained, before int
	// days from the first purchase to the second, or to the as-of date
	// when there is none (censored).
	days   float64
	second bool
}

func outcomeOf(a *account, group string, last Period, asOf ingest.Date) outcome {
	o := outcome{group: group, stratum: stratum{a.firstPeriod, a.segment}}
	o.retained, o.before = a.retention(last)
	if len(a.purchaseDates) >= 2 {
		o.days, o.second = float64(a.purchaseDates[1]-a.purchaseDates[0]), true
	} else {
		o.days = float64(asOf - a.purchaseDates[0])
	}
	return o
}

// Adjusted is a group's retention difference from the rest within strata
// of first-purchase cohort and segment (Mantel–Haenszel), beside the raw
// difference.
type Adjusted struct {
	Raw, Difference float64 // group - rest, raw and stratified
	Strata          int     // strata with both the group and the rest
	Comparison              // the Cochran–Mantel–Haenszel test
	// Disagrees: the raw difference is clear and the adjusted one is not,
	// or the two point in opposite directions.
	Disagrees bool
}

// adjustedRetention compares each tested group's retention with the
// rest's within strata.
func adjustedRetention(gs []ApproachGroup, os []outcome) {
	for i := range gs {
		g := &gs[i]
		if !g.RetentionTest.Defined {
			continue
		}
		strata := map[stratum]*stats.Stratum{}
		for _, o := range os {
			if o.group == NoValue || o.before == 0 {
				continue
			}
			s := strata[o.stratum]
			if s == nil {
				s = &stats.Stratum{}
				strata[o.stratum] = s
			}
			if o.group == g.Name {
				s.K1, s.N1 = s.K1+float64(o.retained), s.N1+float64(o.before)
			} else {
				s.K0, s.N0 = s.K0+float64(o.retained), s.N0+float64(o.before)
			}
		}
		list := make([]stats.Stratum, 0, len(strata))
		for _, k := range sortedStrata(strata) {
			list = append(list, *strata[k])
		}
		mh := stats.MantelHaenszelTest(list)
		a, _ := g.Retention.Value()
		b, _ := g.RetentionRest.Value()
		adj := Adjusted{Raw: a - b, Difference: mh.Difference, Strata: mh.Strata}
		if mh.Defined {
			adj.Comparison = Comparison{Test: "Cochran–Mantel–Haenszel test", P: mh.P, Adjusted: mh.P, Defined: true}
		}
		g.RetentionAdjusted = adj
	}
}

// markDisagreement sets Disagrees once the tests are corrected.
func markDisagreement(gs []ApproachGroup) {
	for i := range gs {
		g := &gs[i]
		a := &g.RetentionAdjusted
		if a.Defined {
			a.Disagrees = g.RetentionTest.Clear() && !a.Clear() || a.Raw*a.Difference < 0
		}
	}
}

// stratum is a first-purchase cohort and segment.
type stratum struct {
	cohort  Period
	segment string
}

// sortedStrata returns the strata of m in order, cohort then segment.
func sortedStrata(m map[stratum]*stats.Stratum) []stratum {
	keys := make([]stratum, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b stratum) int {
		if a.cohort != b.cohort {
			return int(a.cohort - b.cohort)
		}
		return strings.Compare(a.segment, b.segment)
	})
	return keys
}

// NextPurchase is the time from the first purchase to the next, by
// approach group: Kaplan–Meier curves, customers without a second
// purchase censored at the as-of date, and the log-rank test.
type NextPurchase struct {
	Groups []SurvivalGroup
	Test   Comparison // log-rank; P from stats.LogRankTest
	ChiSq  float64
	DF     int
}

// SurvivalGroup is one group's curve.
type SurvivalGroup struct {
	Name             string
	Accounts, Second int // customers, and those with a second purchase
	Steps            []stats.Step
	Median           float64 // days by which half bought again
	HasMedian        bool
}

// nextPurchase draws the curves of the groups compared with the rest.
func nextPurchase(gs []ApproachGroup, os []outcome) NextPurchase {
	var np NextPurchase
	var all [][]stats.Obs
	for _, g := range gs {
		if !g.RepeatTest.Defined {
			continue
		}
		var obs []stats.Obs
		sg := SurvivalGroup{Name: g.Name}
		for _, o := range os {
			if o.group == g.Name {
				obs = append(obs, stats.Obs{Time: o.days, Event: o.second})
				sg.Accounts++
				if o.second {
					sg.Second++
				}
			}
		}
		sg.Steps = stats.KaplanMeier(obs)
		for _, s := range sg.Steps {
			if s.Survival <= 0.5 {
				sg.Median, sg.HasMedian = s.Time, true
				break
			}
		}
		np.Groups = append(np.Groups, sg)
		all = append(all, obs)
	}
	if len(all) < 2 {
		return np
	}
	lr := stats.LogRankTest(all)
	if lr.Defined && !math.IsNaN(lr.P) {
		np.Test = Comparison{Test: "log-rank test", P: lr.P, Adjusted: lr.P, Defined: true}
		np.ChiSq, np.DF = lr.ChiSq, lr.DF
	}
	return np
}
