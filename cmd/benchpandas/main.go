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
	"strconv"
	"strings"
	"time"
)

func main() {
	rows := flag.Int("rows", 1000000, "rows in the benchmark files")
	dir := flag.String("dir", "bench", "folder for inputs and outputs (git-ignored)")
	formats := flag.String("formats", "csv,xlsx", "comma-separated formats to measure")
	python := flag.String("python", "/usr/bin/python3", "the Python with pandas and openpyxl")
	flag.Parse()
	if err := run(*rows, *dir, strings.Split(*formats, ","), *python); err != nil {
		fmt.Fprintln(os.Stderr, "benchpandas:", err)
		os.Exit(1)
	}
}

type measure struct {
	seconds float64
	rssMB   float64
	err     error
}

func run(rows int, dir string, formats []string, python string) error {
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
		d := timed(bin, "build", "--quiet", "--force", "-o", filepath.Join(dir, "out-"+f), in)
		if d.err != nil {
			return d.err
		}
		p := measure{err: errors.New("skipped")}
		if havePandas {
			p = timed(python, script, in)
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
	fmt.Println("time × and mem × are dealaudit ÷ pandas: below 1 is better.")
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

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 5 {
		lines = lines[len(lines)-5:]
	}
	return strings.Join(lines, "\n")
}
