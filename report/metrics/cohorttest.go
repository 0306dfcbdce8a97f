package metrics

import "github.com/dealaudit/dealaudit/report/stats"

// CohortTest is whether the cohorts came back alike one period after their
// first: the chi-square test of equal proportions over the cohorts of at
// least MinGroup accounts whose next period is complete, with the best and
// the worst of them.
type CohortTest struct {
	Comparison
	Cohorts     int
	Best, Worst CohortCell
}

func (m *Metrics) cohortTest() CohortTest {
	partial := map[string]bool{}
	for _, p := range m.Periods {
		partial[p.Label] = p.Partial
	}
	var t CohortTest
	var k, n []int
	for _, c := range m.Cohorts {
		if c.Index != 1 || c.CohortAccounts < MinGroup || partial[c.Period] {
			continue
		}
		v, _ := c.Logo.Value()
		best, _ := t.Best.Logo.Value()
		worst, _ := t.Worst.Logo.Value()
		if t.Cohorts == 0 || v > best {
			t.Best = c
		}
		if t.Cohorts == 0 || v < worst {
			t.Worst = c
		}
		t.Cohorts++
		k, n = append(k, c.Active), append(n, c.CohortAccounts)
	}
	if t.Cohorts < 2 {
		return CohortTest{Cohorts: t.Cohorts}
	}
	p := stats.Homogeneity(k, n)
	t.Comparison = Comparison{Test: "chi-square test of equal proportions", P: p, Adjusted: p, Defined: true}
	return t
}
