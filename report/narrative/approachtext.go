package narrative

import (
	"fmt"
	"strings"
)

// approachComparison is the approach page's comparison of every group
// with the rest, and of the time to a next purchase, as Markdown.
func approachComparison(v *View) string {
	var b strings.Builder
	for _, g := range v.M.Approaches {
		if !g.RepeatTest.Defined && !g.RetentionTest.Defined {
			continue
		}
		fmt.Fprintf(&b, "**%s** (%s customers). %s\n\n", Escape(g.Name), v.Fmt.Count(g.Accounts), approachBody(v, g))
	}
	np := v.M.NextPurchase
	if np.Test.Defined {
		var medians []string
		for _, g := range np.Groups {
			m := "not reached"
			if g.HasMedian {
				m = v.Fmt.Count(int(g.Median)) + " days"
			}
			medians = append(medians, fmt.Sprintf("%s for %s", m, Escape(g.Name)))
		}
		verdict := "no clear difference between the groups"
		if np.Test.Clear() {
			verdict = "a clear difference between the groups"
		}
		fmt.Fprintf(&b, "**Time to the next purchase.** Half of each group had bought again after %s (customers who have not are counted until %s). %s (%s, %s after correction).\n",
			strings.Join(medians, ", "), v.M.AsOf, upperFirst(verdict), np.Test.Test, v.Fmt.PValue(np.Test.Adjusted))
	}
	return b.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
