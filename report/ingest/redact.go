package ingest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Redaction says which names a report replaces with pseudonyms.
type Redaction struct {
	Accounts bool // accounts and referrers: "Account 0001", …
	Owners   bool // owners: "Owner A", …
}

// redactedField reports whether a column's cells are names that what
// replaces.
func (what Redaction) redactedField(f Field) bool {
	switch f {
	case FieldAccount, FieldAccountAlt, FieldReferredBy:
		return what.Accounts
	case FieldOwner:
		return what.Owners
	}
	return false
}

// redacted stands for a value that named someone and matches no
// pseudonym (a cell that was refused, say).
const redacted = "(redacted)"

// Redact replaces the names of accounts (with referrers) and of owners
// with pseudonyms wherever the result holds them: accounts, referrers,
// the deals' owners, likely duplicates, and the problems in those columns
// (their value becomes the pseudonym or "(redacted)", their detail
// "(redacted)"). Pseudonyms are numbered in the order of the names sorted
// (accounts by name then key, owners by name), so a history gets the same
// ones whatever the order of its rows.
func (r *Result) Redact(what Redaction) {
	if what == (Redaction{}) {
		return
	}
	accounts, owners := map[string]string{}, map[string]string{}
	if what.Accounts {
		accounts = r.redactAccounts()
		for i := range r.LikelyDuplicates {
			d := &r.LikelyDuplicates[i]
			d.A, d.B = pseudonymOf(accounts, d.A), pseudonymOf(accounts, d.B)
			d.Reason = redacted
		}
	}
	if what.Owners {
		owners = r.redactOwners()
	}
	fields := map[[2]string]Field{} // file and header → field
	for _, f := range r.Files {
		for _, c := range f.Columns {
			fields[[2]string{f.Path, c.Header}] = c.Field
		}
	}
	for i := range r.Problems {
		p := &r.Problems[i]
		f, ok := fields[[2]string{p.File, p.Column}]
		if !ok || !what.redactedField(f) {
			continue
		}
		if f == FieldOwner {
			p.Value = cmp.Or(owners[p.Value], redacted)
		} else {
			p.Value = pseudonymOf(accounts, p.Value)
		}
		p.Detail = redacted
	}
}

// pseudonymOf is the pseudonym of the account a name folds to.
func pseudonymOf(byKey map[string]string, name string) string {
	if name == "" {
		return ""
	}
	return cmp.Or(byKey[FoldAccount(name)], redacted)
}

// redactAccounts renames accounts and referrers and returns the
// pseudonym of each original key.
func (r *Result) redactAccounts() map[string]string {
	type named struct{ name, key string }
	seen := map[string]bool{}
	var all []named
	for _, list := range [][]Account{r.Accounts, r.Referrers} {
		for _, a := range list {
			if !seen[a.Key] {
				seen[a.Key] = true
				all = append(all, named{a.Name, a.Key})
			}
		}
	}
	slices.SortFunc(all, func(x, y named) int { return cmp.Or(cmp.Compare(x.name, y.name), cmp.Compare(x.key, y.key)) })
	width := max(4, len(fmt.Sprint(len(all))))
	byKey := make(map[string]string, len(all))
	for i, a := range all {
		byKey[a.key] = fmt.Sprintf("Account %0*d", width, i+1)
	}
	for _, list := range [][]Account{r.Accounts, r.Referrers} {
		for i := range list {
			p := byKey[list[i].Key]
			list[i] = Account{Name: p, Key: strings.ToLower(p)}
		}
	}
	return byKey
}

// redactOwners renames the deals' owners and returns each original's
// pseudonym.
func (r *Result) redactOwners() map[string]string {
	var names []string
	for _, a := range r.Attrs {
		if a.Owner != "" {
			names = append(names, a.Owner)
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	byName := make(map[string]string, len(names))
	for i, n := range names {
		byName[n] = "Owner " + letters(i)
	}
	for i := range r.Attrs {
		if o := r.Attrs[i].Owner; o != "" {
			r.Attrs[i].Owner = byName[o]
		}
	}
	return byName
}

// letters numbers in the manner of spreadsheet columns: A … Z, AA, AB, ….
func letters(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}
