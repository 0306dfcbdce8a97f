// Command benchpandas measures dealaudit against the pandas script a user
// would write instead (pandas_audit.py), side by side on the same files:
// wall time and peak memory of each, from /usr/bin/time -v, and the ratio.
//
//	go run ./cmd/benchpandas -rows 1000000
//
// It writes the inputs with cmd/samplegen into bench/ if they are missing,
// builds dealaudit, and skips pandas with a message where Debian's
// python3-pandas and python3-openpyxl are not installed.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	rows := flag.Int("rows", 1000000, "rows in the benchmark files")
	dir := flag.String("dir", "bench", "folder for inputs and outputs (git-ignored)")
	formats := flag.String("formats", "csv,xlsx", "comma-separated formats to measure")
	python := flag.String("python", "/usr/bin/python3", "the Python with pandas and openpyxl")
	runs := flag.Int("runs", 3, "runs of each, alternating; the medians are reported")
	flag.Parse()
	if *runs < 1 {
		fmt.Fprintln(os.Stderr, "benchpandas: -runs must be at least 1")
		os.Exit(2)
	}
	if err := run(*rows, *dir, strings.Split(*formats, ","), *python, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "benchpandas:", err)
		os.Exit(1)
	}
}

type measure struct {
	seconds float64
	rssMB   float64
	err     error
}

func run(rows int, dir string, formats []string, python string, runs int) error {
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		return errors.New("needs /usr/bin/time (Debian package time)")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	bin := filepath.Join(dir, "dealaudit")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/dealaudit").CombinedOutput(); err != nil {
		return fmt.Errorf("building dealaudit: %v\n%s", err, out)
	}
	script := filepath.Join("cmd", "benchpandas", "pandas_audit.py")
	havePandas := exec.Command(python, "-c", "import pandas, openpyxl").Run() == nil
	if !havePandas {
		fmt.Println("pandas or openpyxl missing: apt-get install python3-pandas python3-openpyxl; measuring dealaudit only")
	}
	fmt.Printf("%-6s %10s %14s %14s %14s %14s %8s %8s\n", "format", "rows", "dealaudit s", "dealaudit MB", "pandas s", "pandas MB", "time ×", "mem ×")
	for _, f := range formats {
		in := filepath.Join(dir, fmt.Sprintf("%d.%s", rows, f))
		if _, err := os.Stat(in); err != nil {
			fmt.Fprintf(os.Stderr, "writing %s ...\n", in)
			if out, err := exec.Command("go", "run", "./cmd/samplegen", "-rows", strconv.Itoa(rows), "-o", in).CombinedOutput(); err != nil {
				return fmt.Errorf("samplegen: %v\n%s", err, out)
			}
		}
		// Alternating runs share whatever else the machine is doing.
		var ds, pss []measure
		for range runs {
			d := timed(bin, "build", "--quiet", "--force", "-o", filepath.Join(dir, "out-"+f), in)
			if d.err != nil {
				return d.err
			}
			ds = append(ds, d)
			if havePandas {
				pss = append(pss, timed(python, script, in))
			}
		}
		d := median(ds)
		p := measure{err: errors.New("skipped")}
		if havePandas {
			p = median(pss)
		}
		ps, pm, rt, rm := "-", "-", "-", "-"
		if p.err == nil {
			ps, pm = fmt.Sprintf("%.2f", p.seconds), fmt.Sprintf("%.0f", p.rssMB)
			rt, rm = fmt.Sprintf("%.2f", d.seconds/p.seconds), fmt.Sprintf("%.2f", d.rssMB/p.rssMB)
		} else if havePandas {
			fmt.Fprintln(os.Stderr, "pandas:", p.err)
		}
		fmt.Printf("%-6s %10d %14.2f %14.0f %14s %14s %8s %8s\n", f, rows, d.seconds, d.rssMB, ps, pm, rt, rm)
	}
	fmt.Printf("Medians of %d runs each. time × and mem × are dealaudit ÷ pandas: below 1 is better.\n", runs)
	return nil
}

var (
	elapsedRE = regexp.MustCompile(`Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)`)
	rssRE     = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)
)

// timed runs a command under /usr/bin/time -v.
func timed(name string, args ...string) measure {
	cmd := exec.Command("/usr/bin/time", append([]string{"-v", name}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Stdout = nil
	start := time.Now()
	err := cmd.Run()
	if err != nil {
		return measure{err: fmt.Errorf("%s: %v\n%s", name, err, tail(stderr.String()))}
	}
	m := measure{seconds: time.Since(start).Seconds()}
	if e := elapsedRE.FindStringSubmatch(stderr.String()); e != nil {
		h, _ := strconv.Atoi(e[1])
		mm, _ := strconv.Atoi(e[2])
		ss, _ := strconv.ParseFloat(e[3], 64)
		m.seconds = float64(h)*3600 + float64(mm)*60 + ss
	}
	if r := rssRE.FindStringSubmatch(stderr.String()); r != nil {
		kb, _ := strconv.ParseFloat(r[1], 64)
		m.rssMB = kb / 1024
	}
	return m
}

// median returns the median time and the median peak memory of the runs
// (each on its own), or the first error.
func median(ms []measure) measure {
	var secs, rss []float64
	for _, m := range ms {
		if m.err != nil {
			return m
		}
		secs, rss = append(secs, m.seconds), append(rss, m.rssMB)
	}
	mid := func(v []float64) float64 {
		slices.Sort(v)
		n := len(v)
		if n%2 == 0 {
			return (v[n/2-1] + v[n/2]) / 2
		}
		return v[n/2]
	}
	return measure{seconds: mid(secs), rssMB: mid(rss)}
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 5 {
		lines = lines[len(lines)-5:]
	}
	return strings.Join(lines, "\n")
}
