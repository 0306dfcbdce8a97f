package ingest

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestFoldAccount(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Globex Corp", "globex"},
		{"GLOBEX CORPORATION", "globex"},
		{"Globex Corp.", "globex"},
		{"globex, inc.", "globex"},
		{"  Globex   ", "globex"},
		{"The Globex Company", "globex"},
		{"Acme Widgets LLC", "acme widgets"},
		{"Acme Widgets, L.L.C.", "acme widgets"},
		{"Müller GmbH", "muller"},
		{"Société Générale S.A.", "societe generale sa"},
		{"Smith & Sons Ltd", "smith and sons"},
		{"Smith and Sons Limited", "smith and sons"},
		{"Company", "company"}, // only a suffix: kept
		{"Co-op Foods Co", "co op foods co"},
		{"The", "the"},
		{"00017", "00017"},
		{"AT&T Inc.", "at and t"},
		{"", ""},
		{"!!!", ""},
	}
	for _, tt := range tests {
		if got := FoldAccount(tt.in); got != tt.want {
			t.Errorf("FoldAccount(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDisplayNames(t *testing.T) {
	deals := map[string]int{}
	for _, n := range []string{"GLOBEX CORPORATION", "Globex Corp", "GLOBEX CORPORATION", "Globex Corp", "Initech", "initech", "Umbrella Corp", "Umbrella Corp.", "UMBRELLA"} {
		deals[n]++
	}
	keys := []string{"globex", "initech", "umbrella", "nodeals"}
	var counts []spellingCount
	for n, k := range deals {
		counts = append(counts, spellingCount{int32(slices.Index(keys, FoldAccount(n))), n, k})
	}
	names, multi := displayNames(len(keys), counts)
	// Ties: mixed case beats ALL CAPS and lower case, then the first in sort
	// order (the map gave the spellings in a random order); a key no
	// spelling has gets "".
	want := []string{"Globex Corp", "Initech", "Umbrella Corp", ""}
	if !reflect.DeepEqual(names, want) || multi != 3 {
		t.Errorf("displayNames = %q, %d; want %q, 3", names, multi, want)
	}
}

func TestLikelyDuplicates(t *testing.T) {
	names := map[string]string{}
	var keys []string
	for _, n := range []string{"Quarry Systems", "Quary Systems", "Initech", "Initech Europe", "Acme",
		"Acne", "Brightwater Foods International", "Brightwatter Foods Internationl", "00017", "00018",
		"001f4000003NkchAAC", "001f4000003NkciAAC", "Umbrella"} {
		k := FoldAccount(n)
		names[k] = n
		keys = append(keys, k)
	}
	got := likelyDuplicates(keys, func(k string) string { return names[k] })
	want := []LikelyDuplicate{
		{"Brightwater Foods International", "Brightwatter Foods Internationl", "names differ by a typo"},
		{"Initech", "Initech Europe", "one name is the other plus a word"},
		{"Quarry Systems", "Quary Systems", "names differ by a typo"},
	}
	// "Acme"/"Acne" are too short to call; ids are never compared.
	if !reflect.DeepEqual(got, want) {
		t.Errorf("likelyDuplicates =\n%v\nwant\n%v", got, want)
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"kitten", "sitting", 5, 3},
		{"kitten", "sitting", 1, 2},
		{"abc", "abc", 1, 0},
		{"", "abc", 5, 3},
		{"müller", "muller", 2, 1},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

// TestFoldASCIIAgrees: the one-pass fold of ASCII names gives what
// foldWords gives, on names and on random texts of letters, digits,
// dots, ampersands, spaces and punctuation, legal suffixes and "the".
func TestFoldASCIIAgrees(t *testing.T) {
	cases := []string{"", " ", ".", "...", "&", "A&B", "AT&T Inc.", "The Co", "the the acme", "The", "Inc",
		"Acme Inc. Ltd", "S.A.", "Globex Corp", "GLOBEX CORPORATION", "  Initech,  LLC ", ".net", "a . b", "the . co",
		"Highland Medical 11907", "x&.", "Acme-Widgets (UK) Ltd.", "THE THE", "co co co", "\x00a\tb\x7f"}
	words := []string{"the", "The", "inc", "Inc.", "co", "Corp", "LLC", "acme", "S.A.", "&", "AT&T", "x", "9", ".", "..", "-"}
	rng := rand.New(rand.NewPCG(5, 8))
	for range 100000 {
		var b strings.Builder
		for range 1 + rng.IntN(5) {
			if rng.IntN(3) == 0 {
				b.WriteString(words[rng.IntN(len(words))])
			} else {
				for range 1 + rng.IntN(6) {
					b.WriteByte(byte(rng.IntN(128)))
				}
			}
			b.WriteString([]string{" ", "  ", ",", "", "."}[rng.IntN(5)])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		if got, want := foldASCII(s), foldWords(s); got != want {
			t.Fatalf("foldASCII(%q) = %q, foldWords: %q", s, got, want)
		}
	}
}

// Email addresses are accounts compared without case, never folded
// further, and never paired as likely duplicates.
func TestFoldEmail(t *testing.T) {
	for in, want := range map[string]string{
		"Jane.Doe@Example.com": "jane.doe@example.com", " jane.doe@example.com ": "jane.doe@example.com",
		"jane.doe@example": "janedoe example", "Acme Inc.": "acme",
	} {
		if got := FoldAccount(in); got != want {
			t.Errorf("FoldAccount(%q) = %q, want %q", in, got, want)
		}
	}
	if FoldAccount("jane.doe@example.com") == FoldAccount("janedoe@example.com") {
		t.Error("dots inside an address were folded away")
	}
	keys := []string{"jane@example.com", "jane@exampl.com"}
	if d := likelyDuplicates(keys, func(k string) string { return k }); len(d) != 0 {
		t.Errorf("email addresses paired: %v", d)
	}
}

// Two-letter legal suffixes are names as often as suffixes ("Nguyên Sa",
// "Lee Co"): they stay in the key, and names that differ only by one are
// listed for review.
func TestFoldTwoLetterSuffixes(t *testing.T) {
	for in, want := range map[string]string{
		"Nguyên Sa": "nguyen sa", "nguyen": "nguyen", "Lee Co": "lee co", "LEE": "lee", "Lee, Co": "lee co", "Lee Co.": "lee co",
		"Banco Santander SA": "banco santander sa", "Acme S.A.": "acme sa", "Acme SA": "acme sa", "Globex AG": "globex ag",
		"Globex A.G.": "globex ag", "Initech Ltd": "initech", "Hooli GmbH": "hooli", "Co": "co",
	} {
		if got := FoldAccount(in); got != want {
			t.Errorf("FoldAccount(%q) = %q, want %q", in, got, want)
		}
	}
	d := likelyDuplicates([]string{"acme", "acme sa", "lee", "lee co", "nguyen", "nguyen van"}, func(k string) string { return k })
	want := []LikelyDuplicate{
		{A: "acme", B: "acme sa", Reason: "names differ by a legal suffix"},
		{A: "lee", B: "lee co", Reason: "names differ by a legal suffix"},
		{A: "nguyen", B: "nguyen van", Reason: "one name is the other plus a word"},
	}
	if !slices.Equal(d, want) {
		t.Errorf("review pairs %+v, want %+v", d, want)
	}
}
