// Package compare reads two report folders and says what changed between
// the audits: the headline figures then and now and whether each change
// is clear, the accounts lost and won back in between, the hidden revenue
// loss, and the findings.
package compare

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// Audit is what compare reads of one report folder: data/metrics.json and
// data/accounts.csv.
type Audit struct {
	Dir                 string
	Version             string // the dealaudit that built it
	Period, AsOf, Scope string
	Currency            string
	Customers           int
	Revenue             float64
	Latest              *Period // the latest complete period; nil when there is none
	RepeatCustomerRate  Rate
	HiddenLoss          *float64 // nil when there was no benchmark
	Benchmark           *float64
	BenchmarkSource     string
	WalkedOut           float64
	// Findings are the report's findings in order; HasFindings is false
	// for a report written before metrics.json listed them.
	Findings    []Finding
	HasFindings bool
	Accounts    map[string]Account // by name
}

// Period is one period's headline figures, as metrics.json writes them.
type Period struct {
	Label        string  `json:"label"`
	Active       int     `json:"active_accounts"`
	Revenue      float64 `json:"revenue"`
	Retention    Rate    `json:"retention_rate"`
	RepeatShare  Rate    `json:"repeat_revenue_share"`
	NRR          Rate    `json:"nrr"`
	ReferralRate Rate    `json:"referral_rate"`
	WinRate      Rate    `json:"win_rate"`
}

// Rate is a rate as metrics.json writes it: null value when undefined.
type Rate struct {
	Value *float64 `json:"value"`
	Num   float64  `json:"numerator"`
	Den   float64  `json:"denominator"`
}

// Finding is one finding as metrics.json lists it.
type Finding struct {
	Kind  string `json:"kind"`
	Title string `json:"title"`
}

// Account is one row of accounts.csv.
type Account struct {
	Name, Status      string
	FirstWon, LastWon string // YYYY-MM-DD, "" when never won
	Revenue           float64
}

// metricsFile is the part of metrics.json compare reads.
type metricsFile struct {
	Tool struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"tool"`
	Scope    string `json:"scope"`
	Currency string `json:"currency"`
	Options  struct {
		Period string `json:"period"`
		AsOf   string `json:"as_of"`
	} `json:"options"`
	Headline struct {
		Customers          int     `json:"customers"`
		Revenue            float64 `json:"revenue"`
		Latest             *Period `json:"latest_period"`
		RepeatCustomerRate Rate    `json:"repeat_customer_rate"`
	} `json:"headline"`
	Findings   *[]Finding `json:"findings"`
	HiddenLoss struct {
		Benchmark *float64 `json:"benchmark_retention"`
		Source    string   `json:"benchmark_source"`
		Total     *float64 `json:"total"`
		WalkedOut float64  `json:"revenue_walked_out"`
	} `json:"hidden_revenue_loss"`
}

// Read reads the report folder dir.
func Read(dir string) (*Audit, error) {
	p := filepath.Join(dir, "data", "metrics.json")
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &Error{fmt.Sprintf("%s is not a dealaudit report folder: it has no data/metrics.json (give the folder a build wrote with -o)", dir)}
	}
	if err != nil {
		return nil, err
	}
	var mf metricsFile
	if err := json.Unmarshal(b, &mf); err != nil {
		return nil, &Error{fmt.Sprintf("%s: not the metrics.json a dealaudit build writes: %v", p, err)}
	}
	if mf.Tool.Name != "dealaudit" || mf.Options.AsOf == "" {
		return nil, &Error{fmt.Sprintf("%s: not the metrics.json a dealaudit build writes (no tool name or as-of date)", p)}
	}
	a := &Audit{Dir: dir, Version: mf.Tool.Version, Period: mf.Options.Period, AsOf: mf.Options.AsOf, Scope: mf.Scope,
		Currency: mf.Currency, Customers: mf.Headline.Customers, Revenue: mf.Headline.Revenue, Latest: mf.Headline.Latest,
		RepeatCustomerRate: mf.Headline.RepeatCustomerRate,
		HiddenLoss:         mf.HiddenLoss.Total, Benchmark: mf.HiddenLoss.Benchmark, BenchmarkSource: mf.HiddenLoss.Source,
		WalkedOut: mf.HiddenLoss.WalkedOut, HasFindings: mf.Findings != nil}
	if mf.Findings != nil {
		a.Findings = *mf.Findings
	}
	if a.Accounts, err = readAccounts(filepath.Join(dir, "data", "accounts.csv")); err != nil {
		return nil, err
	}
	return a, nil
}

// accountColumns are the columns of accounts.csv compare reads.
var accountColumns = []string{"account", "first_won", "last_won", "revenue", "status"}

func readAccounts(p string) (map[string]Account, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, &Error{fmt.Sprintf("%s: %v (the report folder is incomplete: rebuild it)", p, unwrap(err))}
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) == 0 {
		return nil, &Error{fmt.Sprintf("%s: not the accounts.csv a dealaudit build writes: %v", p, err)}
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, c := range accountColumns {
		if _, ok := col[c]; !ok {
			return nil, &Error{fmt.Sprintf("%s: no %s column: not the accounts.csv a dealaudit build writes", p, c)}
		}
	}
	out := make(map[string]Account, len(rows)-1)
	for i, r := range rows[1:] {
		rev, err := strconv.ParseFloat(r[col["revenue"]], 64)
		if err != nil {
			return nil, &Error{fmt.Sprintf("%s: row %d, column revenue: %q is not a number", p, i+2, r[col["revenue"]])}
		}
		name := r[col["account"]] // as written, neutralised or not: both audits write it alike
		out[name] = Account{Name: name, Status: r[col["status"]], FirstWon: r[col["first_won"]], LastWon: r[col["last_won"]], Revenue: rev}
	}
	return out, nil
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Error is a folder compare cannot use, or two it cannot compare.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }
