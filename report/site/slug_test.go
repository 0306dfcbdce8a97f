package site

import (
	"slices"
	"testing"
)

// Folder names are safe on every file system and distinct even where
// case or accents are not told apart.
func TestSlugs(t *testing.T) {
	in := []string{"../x", "CON", "Alice", "alice", "José Díaz", "Jose Diaz", "", "...", "nul", "com1", "COM10", "Ann  O'Neil & Co.",
		"con-1", "Привет", "a/b\\c", "名前", "ﬁnance", "x"}
	want := []string{"x", "con-1", "alice", "alice-2", "jose-diaz", "jose-diaz-2", "value", "value-2", "nul-1", "com1-1", "com10", "ann-o-neil-co",
		"con-1-2", "value-3", "a-b-c", "value-4", "finance", "x-2"}
	if got := Slugs(in); !slices.Equal(got, want) {
		t.Errorf("Slugs:\n got %q\nwant %q", got, want)
	}
	long := slug("Ánna abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij")
	if len(long) > maxSlug || long[len(long)-1] == '-' {
		t.Errorf("long slug %q: %d bytes", long, len(long))
	}
}
