package metrics

import "testing"

// The small history by owner of each customer's first purchase (worked
// from the table above history()):
//
//	Ann: Acme. Bought on 4 dates (repeat 1 of 1); after its first purchase
//	     50 + 200 + 100 − 30 = 320; referred Birch and Cedar ("Acme Inc"):
//	     2 referrals given; Ann's deals 4 won of 4. Approach: Collaborative.
//	Bob: Birch (2 dates) and Cedar (one date, two deals): repeat 1 of 2;
//	     after the first purchase 100 + 0 = 100 over 2; no referrals;
//	     deals 3 won of 5. Approaches: Collaborative (Cedar's largest
//	     first-day purchase with one), Competitive (Birch).
//	not recorded: Elm (one purchase); its 2 deals won of 2.
func TestOwners(t *testing.T) {
	m := Compute(history(), Options{})
	if len(m.Owners) != 3 {
		t.Fatalf("owners %+v", m.Owners)
	}
	ann, bob, none := m.Owners[0], m.Owners[1], m.Owners[2]
	if ann.Name != "Ann" || bob.Name != "Bob" || none.Name != NoValue {
		t.Fatalf("order %q %q %q, want by name with the unrecorded last", ann.Name, bob.Name, none.Name)
	}
	if ann.Accounts != 1 || bob.Accounts != 2 || none.Accounts != 1 {
		t.Errorf("accounts %d %d %d, want 1 2 1", ann.Accounts, bob.Accounts, none.Accounts)
	}
	wantRate(t, "Ann repeat", ann.RepeatRate, 1, 1)
	wantRate(t, "Bob repeat", bob.RepeatRate, 1, 2)
	wantRate(t, "none repeat", none.RepeatRate, 0, 1)
	wantRate(t, "Ann after first", ann.RevenuePerAccount, 320, 1)
	wantRate(t, "Bob after first", bob.RevenuePerAccount, 100, 2)
	wantRate(t, "Ann wins", ann.WinRate, 4, 4)
	wantRate(t, "Bob wins", bob.WinRate, 3, 5)
	if ann.ReferralsGiven != 2 || bob.ReferralsGiven != 0 {
		t.Errorf("referrals given %d %d, want 2 0", ann.ReferralsGiven, bob.ReferralsGiven)
	}
	if !ann.TooSmall || !bob.TooSmall || ann.RepeatTest.Defined {
		t.Errorf("groups under %d customers are flagged and not compared: %+v", MinGroup, ann.ApproachGroup)
	}
	if got := bob.Approaches; len(got) != 2 || got[0] != (Share{"Collaborative", 1}) || got[1] != (Share{"Competitive", 1}) {
		t.Errorf("Bob's approaches %+v", got)
	}
	if got := ann.Approaches; len(got) != 1 || got[0] != (Share{"Collaborative", 1}) {
		t.Errorf("Ann's approaches %+v", got)
	}
}

// Without an owner column there are no owner figures.
func TestNoOwners(t *testing.T) {
	specs := []dealSpec{{"Acme", d(2021, 3, 1), 100, won, "", "", "", "", -1}, {"Acme", d(2022, 3, 1), 100, won, "", "", "", "", -1}}
	if m := Compute(build(specs), Options{}); m.Owners != nil {
		t.Errorf("owners %+v", m.Owners)
	}
}

// An account's owner is that of its latest purchase naming one: Acme's
// last purchase (2023-05-01, Ann; the later credit is not a purchase),
// Birch's 2023 purchase names nobody, so its 2021 one (Bob) counts; Elm
// names no owner at all.
func TestAccountOwner(t *testing.T) {
	m := Compute(history(), Options{})
	want := map[string]string{"Acme": "Ann", "Birch": "Bob", "Cedar": "Bob", "Elm": ""}
	for _, a := range m.Accounts {
		if w, ok := want[a.Name]; ok && a.Owner != w {
			t.Errorf("%s: owner %q, want %q", a.Name, a.Owner, w)
		}
	}
}
