package ingest

// AccountOf returns the account of d.
func (h *History) AccountOf(d *Deal) *Account { return &h.Accounts[d.Account] }

// ReferrerOf returns the account d names as its referrer, nil when none.
func (h *History) ReferrerOf(d *Deal) *Account {
	if d.ReferredBy == 0 {
		return nil
	}
	return &h.Referrers[d.ReferredBy-1]
}

// AttrsOf returns the descriptive fields of d.
func (h *History) AttrsOf(d *Deal) *Attrs { return &h.Attrs[d.Attrs] }

// Builder makes a History from deals given one at a time, for histories
// made by hand (tests, generators): Read makes its own.
type Builder struct {
	h         History
	accounts  map[string]int32 // key → index
	referrers map[string]int32 // as written → 1 + index
	attrs     map[Attrs]int32
}

// Add appends d as a deal of the account named account, with the
// descriptive fields a and the referrer named referredBy ("" for none);
// it sets d's indexes. The first spelling of a key names its account.
func (b *Builder) Add(d Deal, account string, a Attrs, referredBy string) {
	if b.accounts == nil {
		b.accounts, b.referrers, b.attrs = map[string]int32{}, map[string]int32{}, map[Attrs]int32{{}: 0}
		b.h.Attrs = []Attrs{{}}
	}
	key := FoldAccount(account)
	i, ok := b.accounts[key]
	if !ok {
		i = int32(len(b.h.Accounts))
		b.accounts[key] = i
		b.h.Accounts = append(b.h.Accounts, Account{Name: account, Key: key})
	}
	d.Account = i
	d.ReferredBy = 0
	if referredBy != "" {
		r, ok := b.referrers[referredBy]
		if !ok {
			b.h.Referrers = append(b.h.Referrers, Account{Name: referredBy, Key: FoldAccount(referredBy)})
			r = int32(len(b.h.Referrers))
			b.referrers[referredBy] = r
		}
		d.ReferredBy = r
	}
	j, ok := b.attrs[a]
	if !ok {
		j = int32(len(b.h.Attrs))
		b.attrs[a] = j
		b.h.Attrs = append(b.h.Attrs, a)
	}
	d.Attrs = j
	b.h.Deals = append(b.h.Deals, d)
}

// History returns the history built so far (later Adds do not change it).
func (b *Builder) History() *History {
	h := b.h
	if h.Attrs == nil {
		h.Attrs = []Attrs{{}}
	}
	return &h
}
