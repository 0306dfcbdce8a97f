package chartpng

import (
	"os"
	"testing"
)

// BenchmarkPNG draws two of the sample report's charts (testdata: the
// retention bars and line, and the cohort heatmap, 960 px wide) at scale 2
// and encodes them: go test ./report/chartpng -bench PNG.
func BenchmarkPNG(b *testing.B) {
	f := testFonts(&testing.T{})
	for _, name := range []string{"retention", "heatmap"} {
		svg, err := os.ReadFile("testdata/" + name + ".svg")
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := f.PNG(string(svg), 2); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"-draw", func(b *testing.B) {
			for b.Loop() {
				if _, err := f.Image(string(svg), 2); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
