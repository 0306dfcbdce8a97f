package metrics

import (
	"cmp"
	"slices"
)

// OwnerGroup is the customers one owner first won (the owner of each
// customer's first purchase, as its approach is that purchase's), with
// the figures of an approach group: repeat purchase, retention, revenue
// after the first purchase and referrals, each compared with every other
// owner's customers; WinRate is that of the deals the owner closed.
type OwnerGroup struct {
	ApproachGroup
	// Approaches is how the owner's customers' first purchases were
	// negotiated (the approach, or the discount band without one), most
	// customers first.
	Approaches []Share
}

// Share is a count of customers with one value.
type Share struct {
	Name     string
	Accounts int
}

// owners fills m.Owners when any deal names an owner. Runs after
// approaches, whose basis (approach or discount band) it uses for the mix.
func (m *Metrics) owners(accts []*account, refs referrals, last Period, t *tallies) {
	named := false
	for _, a := range accts {
		named = named || a.owner != ""
	}
	if !named {
		return
	}
	ownerOf := func(a *account) string {
		if a.owner == "" {
			return NoValue
		}
		return a.owner
	}
	mix := map[string]map[string]int{}
	groups, samples := customerGroups(accts, refs, last, &t.owner, ownerOf, func(a *account, owner string) {
		if mix[owner] == nil {
			mix[owner] = map[string]int{}
		}
		mix[owner][m.approachOf(a)]++
	})
	restTests(groups, samples)
	slices.SortFunc(groups, func(a, b ApproachGroup) int {
		if (a.Name == NoValue) != (b.Name == NoValue) {
			if a.Name == NoValue {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.Name, b.Name)
	})
	m.Owners = make([]OwnerGroup, len(groups))
	for i, g := range groups {
		m.Owners[i] = OwnerGroup{ApproachGroup: g, Approaches: shares(mix[g.Name])}
	}
}

// approachOf is the approach group an account is in, by m.ApproachBasis:
// its first purchase's approach, or its discount band.
func (m *Metrics) approachOf(a *account) string {
	switch {
	case m.ApproachBasis == "approach" && a.approach != "":
		return a.approach
	case m.ApproachBasis != "approach" && a.hasDiscount:
		return discountBand(a.discount)
	}
	return NoValue
}

// shares lists counts by value, most first, ties by name.
func shares(counts map[string]int) []Share {
	out := make([]Share, 0, len(counts))
	for name, n := range counts {
		out = append(out, Share{name, n})
	}
	slices.SortFunc(out, func(a, b Share) int {
		if a.Accounts != b.Accounts {
			return b.Accounts - a.Accounts
		}
		return cmp.Compare(a.Name, b.Name)
	})
	return out
}
