package ingest

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// StageReading is what a stage value was read as: the stage, and whether
// the reading was assumed (a word that could go either way), configured
// (stages: in dealaudit.yaml) or not recognised (no word of it is known).
type StageReading struct {
	Stage        Stage
	Assumed      bool
	Configured   bool
	Unrecognised bool
}

// stageWords is stageVocabulary indexed: by each entry's first word, its
// entries longest first; and every entry's phrase read as a whole value.
type stageWords struct {
	byFirst map[string][]stageEntry
	whole   map[string]StageReading
}

var stageIndex = indexStages(stageVocabulary)

func indexStages(vocab []stageEntry) *stageWords {
	w := &stageWords{byFirst: map[string][]stageEntry{}, whole: map[string]StageReading{}}
	for _, e := range vocab {
		first, _, _ := strings.Cut(e.phrase, " ")
		w.byFirst[first] = append(w.byFirst[first], e)
	}
	for _, es := range w.byFirst {
		slices.SortStableFunc(es, func(a, b stageEntry) int { return len(b.phrase) - len(a.phrase) })
	}
	for _, e := range vocab {
		w.whole[e.phrase] = w.scan(e.phrase)
	}
	return w
}

// readStage reads a stage or status value; configured maps folded values
// (StageKey) to the stages dealaudit.yaml gives them.
func readStage(v string, configured map[string]Stage) StageReading {
	var buf [96]byte
	k := foldStage(buf[:0], v)
	if st, ok := configured[string(k)]; ok {
		return StageReading{Stage: st, Configured: true}
	}
	if len(k) == 0 {
		return StageReading{Stage: Open}
	}
	if r, ok := stageIndex.whole[string(k)]; ok {
		return r
	}
	return stageIndex.scan(string(k))
}

// scan reads the folded value k: a negation anywhere decides it ("closed
// won t proceed" is lost); otherwise the entries whose phrases stand in k
// as whole words, the longest where several start at one word (so
// "partially refunded" is not "refunded"), and the strongest kind of them.
func (w *stageWords) scan(k string) StageReading {
	if e, ok := w.find(k, true); ok {
		return StageReading{Stage: e.stage}
	}
	e, ok := w.find(k, false)
	if !ok {
		return StageReading{Stage: Open, Unrecognised: true}
	}
	return StageReading{Stage: e.stage, Assumed: e.kind == kindAssumed}
}

// find returns the strongest negation in k (negations), or else the
// strongest of the longest entries at each word.
func (w *stageWords) find(k string, negations bool) (stageEntry, bool) {
	best, found := stageEntry{}, false
	for i := 0; i < len(k); {
		end := strings.IndexByte(k[i:], ' ')
		if end < 0 {
			end = len(k)
		} else {
			end += i
		}
		next := end + 1
		for _, e := range w.byFirst[k[i:end]] {
			if (e.kind == kindNegation) != negations {
				continue
			}
			rest := k[i:]
			if strings.HasPrefix(rest, e.phrase) && (len(rest) == len(e.phrase) || rest[len(e.phrase)] == ' ') {
				if !found || e.kind < best.kind {
					best, found = e, true
				}
				if !negations {
					next = i + len(e.phrase) + 1 // the words it covers are read with it
				}
				break
			}
		}
		i = next
	}
	return best, found
}

// StageKey is a stage value as readStage and stages: in dealaudit.yaml
// compare it: its words, lower case and without accents, one space apart.
func StageKey(v string) string { return string(foldStage(nil, v)) }

// foldStage appends the words of v to b: letters and digits, lower case,
// accents off, one space apart.
func foldStage(b []byte, v string) []byte {
	if !isASCII(v) {
		if s, _, err := transform.String(stripMarks, strings.ToValidUTF8(v, " ")); err == nil {
			v = s
		}
	}
	space := false
	for _, r := range v {
		if r < utf8.RuneSelf {
			c := byte(r)
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			default:
				space = len(b) > 0
				continue
			}
			if space {
				b = append(b, ' ')
				space = false
			}
			b = append(b, c)
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = len(b) > 0
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return b
}
