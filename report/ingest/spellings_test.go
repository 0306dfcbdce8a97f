package ingest

import (
	"fmt"
	"testing"
)

// The spelling table finds every spelling added, under its own index,
// through growth, and tells apart spellings whose hashes are equal.
func TestSpellingTable(t *testing.T) {
	tab := newSpellingTable(0)
	const n = 5000
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("Account %d", i)
		if tab.find(tab.hash(names[i]), names[i]) != nil {
			t.Fatalf("%q found before it was added", names[i])
		}
		tab.add(tab.hash(names[i]), names[i], int32(i), i%7 == 0)
	}
	if tab.n != n || len(tab.slots) < 2*n {
		t.Errorf("%d spellings in %d slots: want %d, at most half full", tab.n, len(tab.slots), n)
	}
	for i, s := range names {
		sl := tab.find(tab.hash(s), s)
		if sl == nil || sl.idx != int32(i) || sl.name != s || sl.keyless != (i%7 == 0) {
			t.Fatalf("find(%q) = %+v, want index %d", s, sl, i)
		}
	}
	if tab.find(tab.hash("Account 5000"), "Account 5000") != nil {
		t.Error("found a spelling never added")
	}

	// Every spelling with one hash: the names alone tell them apart (four
	// spellings stay within the first 16 slots, so none is moved by a
	// resize, which places spellings by their real hashes).
	same := newSpellingTable(0)
	for i, s := range []string{"Acme", "ACME", "Acme Inc", ""} {
		if same.find(42, s) != nil {
			t.Fatalf("%q found before it was added", s)
		}
		same.add(42, s, int32(i), false)
	}
	for i, s := range []string{"Acme", "ACME", "Acme Inc", ""} {
		if sl := same.find(42, s); sl == nil || sl.idx != int32(i) {
			t.Errorf("find(%q) with a shared hash = %+v, want index %d", s, sl, i)
		}
	}
	if same.find(42, "acme") != nil {
		t.Error("a spelling sharing the hash but not the text was found")
	}
}
