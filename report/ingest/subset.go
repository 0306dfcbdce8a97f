package ingest

// Subset returns what was read restricted to the accounts keep marks (by
// index into r.Accounts): their deals and deal ids, in order; the
// problems of their deals' rows and those about a whole file or column
// (row 0); the likely duplicates that name one of them. The tables
// (Accounts, Referrers, Attrs) are shared with r, as are the facts about
// whole files (Files, OpenIncomplete, Spellings, LineItems, Currency):
// they describe the inputs, which the subset was read from whole.
//
// A problem row that is no kept deal (a skipped row, a duplicate merged
// away) belongs to no account and stays with r alone.
func (r *Result) Subset(keep []bool) *Result {
	s := *r
	s.Deals = nil
	s.ids.spans = nil
	type place struct {
		file string
		row  int
	}
	rows := map[place]bool{}
	names := map[string]bool{}
	for i := range r.Deals {
		d := &r.Deals[i]
		if !keep[d.Account] {
			continue
		}
		s.Deals = append(s.Deals, *d)
		if i < len(r.ids.spans) {
			s.ids.spans = append(s.ids.spans, r.ids.spans[i])
		}
		if int(d.File) < len(r.Files) {
			rows[place{r.Files[d.File].Path, int(d.Row)}] = true
		}
		names[r.Accounts[d.Account].Name] = true
	}
	s.Problems = nil
	for _, p := range r.Problems {
		if p.Row == 0 || rows[place{p.File, p.Row}] {
			s.Problems = append(s.Problems, p)
		}
	}
	s.LikelyDuplicates = nil
	for _, ld := range r.LikelyDuplicates {
		if names[ld.A] || names[ld.B] {
			s.LikelyDuplicates = append(s.LikelyDuplicates, ld)
		}
	}
	return &s
}
