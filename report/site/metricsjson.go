package site

import (
	"encoding/json"

	"github.com/dealaudit/dealaudit/report/ingest"

	"github.com/dealaudit/dealaudit/report/metrics"
	"github.com/dealaudit/dealaudit/report/narrative"
)

// Input is one input file as metrics.json records it.
type Input struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	// Columns is each field and the header it was read from; Stages each
	// stage value, how often it occurred and how it was read.
	Columns map[string]string `json:"columns,omitempty"`
	Stages  []InputStage      `json:"stages,omitempty"`
}

// InputStage is one stage value of an input and its reading.
type InputStage struct {
	Value   string `json:"value"`
	Stage   string `json:"stage"`
	Count   int    `json:"count"`
	Reading string `json:"reading"` // vocabulary, assumed, configured, not recognised
}

// InputOf describes one input file as metrics.json records it.
func InputOf(path, sha string, f *ingest.FileInfo) Input {
	in := Input{Path: path, SHA256: sha}
	if f == nil {
		return in
	}
	in.Columns = map[string]string{}
	for _, m := range f.Columns {
		in.Columns[m.Field.String()] = m.Header
	}
	for _, st := range f.Stages {
		r := "vocabulary"
		switch {
		case st.Configured:
			r = "configured"
		case st.Assumed:
			r = "assumed"
		case st.Unrecognised:
			r = "not recognised"
		}
		in.Stages = append(in.Stages, InputStage{Value: st.Value, Stage: st.Stage.String(), Count: st.Count, Reading: r})
	}
	return in
}

// Meta is what metrics.json says about the run itself.
type Meta struct {
	Version string
	Inputs  []Input
	// AsOfGiven says the as-of date came from the options, not the data.
	AsOfGiven bool
	// Currency is the amounts' one currency, "" when the inputs do not say;
	// CurrencyGiven says it came from the options, not the files.
	Currency      string
	CurrencyGiven bool
	// Scope is Report.Scope.
	Scope string
	// Findings are the report's findings, in order.
	Findings []narrative.Finding
}

// jsonFinding is one finding, its title as plain text.
type jsonFinding struct {
	Kind  string `json:"kind"`
	Title string `json:"title"`
}

type jsonPeriod struct {
	Period             string       `json:"period"`
	Label              string       `json:"label"`
	Partial            bool         `json:"partial"`
	Span               jsonSpan     `json:"span"`
	Active             int          `json:"active_accounts"`
	New                int          `json:"new_accounts"`
	Retained           int          `json:"retained_accounts"`
	Reactivated        int          `json:"reactivated_accounts"`
	Churned            int          `json:"churned_accounts"`
	Retention          metrics.Rate `json:"retention_rate"`
	Revenue            float64      `json:"revenue"`
	NewRevenue         float64      `json:"new_revenue"`
	RepeatRevenue      float64      `json:"repeat_revenue"`
	RepeatShare        metrics.Rate `json:"repeat_revenue_share"`
	ReferredNew        int          `json:"referred_new_accounts"`
	ReferralRate       metrics.Rate `json:"referral_rate"`
	ReferredShare      metrics.Rate `json:"referred_revenue_share"`
	NRR                metrics.Rate `json:"nrr"`
	GRR                metrics.Rate `json:"grr"`
	Won                int          `json:"won_deals"`
	Lost               int          `json:"lost_deals"`
	WinRate            metrics.Rate `json:"win_rate"`
	AvgRetainedRevenue metrics.Rate `json:"avg_retained_revenue"`
	HiddenLoss         *float64     `json:"hidden_revenue_loss"`
	WalkedOut          float64      `json:"revenue_walked_out"`
	EarlyCredits       float64      `json:"credits_before_first_purchase"`
}

type jsonLossYear struct {
	Year        string       `json:"year"`
	Base        int          `json:"active_year_before"`
	Retention   metrics.Rate `json:"retention"`
	AvgRetained metrics.Rate `json:"avg_retained_revenue"`
	Loss        *float64     `json:"hidden_revenue_loss"`
	Gone        float64      `json:"walked_out_never_back"`
	Returned    float64      `json:"walked_out_came_back"`
}

type jsonSpan struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// jsonToDate is metrics.ToDate.
type jsonToDate struct {
	Label         string         `json:"label"`
	PrevLabel     string         `json:"previous_label"`
	Cur           jsonSpanFigure `json:"current"`
	Prev          jsonSpanFigure `json:"previous"`
	RevenueChange metrics.Rate   `json:"revenue_change"`
	RetentionTest jsonComparison `json:"retention_test"`
}

type jsonSpanFigure struct {
	Active    int          `json:"active_accounts"`
	New       int          `json:"new_accounts"`
	Revenue   float64      `json:"revenue"`
	Retention metrics.Rate `json:"retention_to_date"`
}

type jsonComparison struct {
	Test     string   `json:"test,omitempty"`
	P        *float64 `json:"p_value"`
	Adjusted *float64 `json:"p_value_holm"`
	Clear    bool     `json:"clear"`
}

func comparisonJSON(c metrics.Comparison) jsonComparison {
	return jsonComparison{Test: c.Test, P: ptr(c.P, c.Defined, 6), Adjusted: ptr(c.Adjusted, c.Defined, 6), Clear: c.Clear()}
}

func spanFigureJSON(f metrics.SpanFigures) jsonSpanFigure {
	return jsonSpanFigure{Active: f.Active, New: f.New, Revenue: metrics.Round(f.Revenue, 2), Retention: f.Retention}
}

type jsonGroup struct {
	Name    string       `json:"name"`
	Won     int          `json:"won"`
	Lost    int          `json:"lost"`
	WinRate metrics.Rate `json:"win_rate"`
}

type jsonApproach struct {
	Group             string       `json:"group"`
	Accounts          int          `json:"accounts"`
	MedianDiscount    *float64     `json:"median_first_discount"`
	RepeatRate        metrics.Rate `json:"repeat_rate"`
	Retention         metrics.Rate `json:"retention"`
	RevenuePerAccount metrics.Rate `json:"revenue_per_account_after_first"`
	ReferralsGiven    int          `json:"referrals_given"`
	WinRate           metrics.Rate `json:"win_rate"`
	TooSmall          bool         `json:"too_small"`
	// The same for every other group with a value, and the tests.
	RepeatRest    metrics.Rate   `json:"rest_repeat_rate"`
	RetentionRest metrics.Rate   `json:"rest_retention"`
	RevenueRest   metrics.Rate   `json:"rest_revenue_per_account_after_first"`
	RepeatTest    jsonComparison `json:"repeat_rate_test"`
	RetentionTest jsonComparison `json:"retention_test"`
}

// jsonOwner is an owner's customers: the figures of an approach group
// (group is the owner) and the first purchases' approach mix.
type jsonOwner struct {
	jsonApproach
	Mix []jsonShare `json:"first_purchase_mix"`
}

type jsonShare struct {
	Name     string `json:"name"`
	Accounts int    `json:"accounts"`
}

type jsonMetrics struct {
	Tool struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"tool"`
	Inputs []Input `json:"inputs"`
	// Scope names the accounts the report covers; absent for all.
	Scope    string `json:"scope,omitempty"`
	Currency string `json:"currency,omitempty"`
	// CurrencySource: "read from the files" or "given (currency: or --currency)".
	CurrencySource string `json:"currency_source,omitempty"`
	Options        struct {
		Period          string   `json:"period"`
		AsOf            string   `json:"as_of"`
		AsOfSource      string   `json:"as_of_source"`
		TargetRetention *float64 `json:"target_retention"`
		PartialRule     string   `json:"partial_periods_rule"`
	} `json:"options"`
	Deals struct {
		Won       int `json:"won"`
		Credits   int `json:"credits"`
		Lost      int `json:"lost"`
		Open      int `json:"open_not_used"`
		AfterAsOf int `json:"after_as_of_not_used"`
	} `json:"deals"`
	Headline struct {
		Customers             int          `json:"customers"`
		Revenue               float64      `json:"revenue"`
		LatestPeriod          *jsonPeriod  `json:"latest_period"`
		RepeatCustomerRate    metrics.Rate `json:"repeat_customer_rate"`
		ReferralRevenueShare  metrics.Rate `json:"referral_revenue_share"`
		ReferringCustomerRate metrics.Rate `json:"referring_customer_rate"`
		HiddenRevenueLoss     *float64     `json:"hidden_revenue_loss"`
		RevenueWalkedOut      float64      `json:"revenue_walked_out"`
	} `json:"headline"`
	Findings    []jsonFinding `json:"findings"`
	Periods     []jsonPeriod  `json:"periods"`
	ToDate      *jsonToDate   `json:"to_date"`
	Comparisons struct {
		Count           int            `json:"corrected_over"`
		RetentionChange jsonComparison `json:"retention_change"`
		Cohorts         jsonComparison `json:"cohorts"`
		ReferralRate    jsonComparison `json:"referral_rate_first_to_latest"`
	} `json:"comparisons"`
	TimeToSecond struct {
		Accounts   int              `json:"accounts"`
		MedianDays *float64         `json:"median_days"`
		Buckets    []metrics.Bucket `json:"distribution"`
	} `json:"time_to_second_deal"`
	Concentration struct {
		Top10         metrics.Rate `json:"top_10_accounts_share"`
		TopTenth      metrics.Rate `json:"top_10_percent_share"`
		TopTenthCount int          `json:"top_10_percent_accounts"`
	} `json:"revenue_concentration"`
	Referrals struct {
		ReferredAccounts      int          `json:"referred_accounts"`
		ReferralRevenueShare  metrics.Rate `json:"referral_revenue_share"`
		ReferringCustomerRate metrics.Rate `json:"referring_customer_rate"`
		ReferredWinRate       metrics.Rate `json:"referred_deals_win_rate"`
		OtherWinRate          metrics.Rate `json:"other_deals_win_rate"`
	} `json:"referrals"`
	WinRates struct {
		ByLeadSource []jsonGroup `json:"by_lead_source"`
		ByOwner      []jsonGroup `json:"by_owner"`
	} `json:"win_rates"`
	Approach struct {
		Basis  string         `json:"basis"`
		Groups []jsonApproach `json:"groups"`
	} `json:"negotiation_approach"`
	// Owners are the customers by who first won them; empty without an
	// owner column.
	Owners     []jsonOwner `json:"owners"`
	HiddenLoss struct {
		Formula         string         `json:"formula"`
		Benchmark       *float64       `json:"benchmark_retention"`
		BenchmarkSource string         `json:"benchmark_source"`
		Total           *float64       `json:"total"`
		WalkedOut       float64        `json:"revenue_walked_out"`
		Gone            float64        `json:"walked_out_never_back"`
		Returned        float64        `json:"walked_out_came_back"`
		Rule            string         `json:"rule"`
		Years           []jsonLossYear `json:"years"`
	} `json:"hidden_revenue_loss"`
}

func ptr(v float64, ok bool, decimals int) *float64 {
	if !ok {
		return nil
	}
	r := metrics.Round(v, decimals)
	return &r
}

// MetricsJSON renders metrics.json: the headline figures, every rate with
// its numerator and denominator, the options used, the inputs and their
// SHA-256, and the tool version.
func MetricsJSON(m *metrics.Metrics, meta Meta) ([]byte, error) {
	var j jsonMetrics
	j.Tool.Name, j.Tool.Version = "dealaudit", meta.Version
	j.Inputs, j.Currency, j.Scope = meta.Inputs, meta.Currency, meta.Scope
	j.Findings = make([]jsonFinding, len(meta.Findings))
	for i, f := range meta.Findings {
		j.Findings[i] = jsonFinding{Kind: f.Kind, Title: plainText(f.Title)}
	}
	switch {
	case meta.Currency != "" && meta.CurrencyGiven:
		j.CurrencySource = "given (currency: or --currency)"
	case meta.Currency != "":
		j.CurrencySource = "read from the files"
	}
	if j.Inputs == nil {
		j.Inputs = []Input{}
	}
	j.Options.Period = m.Period.String()
	j.Options.PartialRule = metrics.PartialRule
	j.Options.AsOf = m.AsOf.String()
	j.Options.AsOfSource = "latest close date of a won or lost deal"
	if meta.AsOfGiven {
		j.Options.AsOfSource = "given"
	}
	if m.Target != nil {
		j.Options.TargetRetention = ptr(*m.Target, true, 4)
	}
	j.Deals.Won, j.Deals.Credits, j.Deals.Lost, j.Deals.Open, j.Deals.AfterAsOf = m.WonDeals, m.Credits, m.LostDeals, m.OpenDeals, m.AfterAsOf

	j.Periods = make([]jsonPeriod, len(m.Periods))
	for i, p := range m.Periods {
		j.Periods[i] = jsonPeriod{Period: p.Label, Label: p.Display, Partial: p.Partial, Span: jsonSpan{p.Span.From.String(), p.Span.To.String()}, Active: p.Active, New: p.New, Retained: p.Retained, Reactivated: p.Reactivated,
			Churned: p.Churned, Retention: p.Retention, Revenue: metrics.Round(p.Revenue, 2), NewRevenue: metrics.Round(p.NewRevenue, 2),
			RepeatRevenue: metrics.Round(p.RepeatRevenue, 2), RepeatShare: p.RepeatShare, ReferredNew: p.ReferredNew,
			ReferralRate: p.ReferralRate, ReferredShare: p.ReferredShare, NRR: p.NRR, GRR: p.GRR, Won: p.Won, Lost: p.Lost, WinRate: p.WinRate,
			AvgRetainedRevenue: p.AvgRetained, HiddenLoss: ptr(p.Loss, p.LossDefined, 2), WalkedOut: metrics.Round(p.WalkedOut, 2),
			EarlyCredits: metrics.Round(p.EarlyCredits, 2)}
	}
	h := &j.Headline
	h.Customers, h.Revenue = m.Customers, metrics.Round(m.Revenue, 2)
	if m.Latest >= 0 {
		h.LatestPeriod = &j.Periods[m.Latest]
	}
	if t := m.ToDate; t != nil {
		j.ToDate = &jsonToDate{Label: t.Label, PrevLabel: t.PrevLabel, Cur: spanFigureJSON(t.Cur), Prev: spanFigureJSON(t.Prev),
			RevenueChange: t.Revenue, RetentionTest: comparisonJSON(t.RetentionTest)}
	}
	c := &j.Comparisons
	c.Count = m.Compared
	c.RetentionChange, c.Cohorts, c.ReferralRate = comparisonJSON(m.Changes.RetentionTest), comparisonJSON(m.CohortTest.Comparison), comparisonJSON(m.ReferralTest)
	h.RepeatCustomerRate, h.ReferralRevenueShare, h.ReferringCustomerRate = m.RepeatCustomerRate, m.ReferralRevenueShare, m.ReferringCustomerRate
	h.HiddenRevenueLoss = ptr(m.HiddenLoss.Total, m.HiddenLoss.Defined, 2)
	h.RevenueWalkedOut = metrics.Round(m.HiddenLoss.WalkedOut, 2)

	j.TimeToSecond.Accounts = m.TimeToSecond.Accounts
	j.TimeToSecond.MedianDays = ptr(m.TimeToSecond.Median, m.TimeToSecond.Defined, 1)
	j.TimeToSecond.Buckets = m.TimeToSecond.Buckets
	if j.TimeToSecond.Buckets == nil {
		j.TimeToSecond.Buckets = []metrics.Bucket{}
	}
	j.Concentration.Top10, j.Concentration.TopTenth, j.Concentration.TopTenthCount = m.Concentration.Top10, m.Concentration.TopTenth, m.Concentration.TenthCount
	r := &j.Referrals
	r.ReferredAccounts, r.ReferralRevenueShare, r.ReferringCustomerRate = m.ReferredAccounts, m.ReferralRevenueShare, m.ReferringCustomerRate
	r.ReferredWinRate, r.OtherWinRate = m.ReferredWinRate, m.OtherWinRate
	j.WinRates.ByLeadSource, j.WinRates.ByOwner = jsonGroups(m.WinRateBySource), jsonGroups(m.WinRateByOwner)
	j.Approach.Basis = m.ApproachBasis
	j.Approach.Groups = []jsonApproach{}
	for _, g := range m.Approaches {
		j.Approach.Groups = append(j.Approach.Groups, approachJSON(g))
	}
	j.Owners = []jsonOwner{}
	for _, g := range m.Owners {
		o := jsonOwner{jsonApproach: approachJSON(g.ApproachGroup), Mix: []jsonShare{}}
		for _, s := range g.Approaches {
			o.Mix = append(o.Mix, jsonShare{s.Name, s.Accounts})
		}
		j.Owners = append(j.Owners, o)
	}
	hl := &j.HiddenLoss
	hl.Formula = m.HiddenLoss.Formula
	hl.Benchmark = ptr(m.HiddenLoss.Benchmark, m.HiddenLoss.Defined, 4)
	hl.BenchmarkSource = m.HiddenLoss.BenchmarkSource
	hl.Total = ptr(m.HiddenLoss.Total, m.HiddenLoss.Defined, 2)
	hl.WalkedOut = metrics.Round(m.HiddenLoss.WalkedOut, 2)
	hl.Gone, hl.Returned, hl.Rule = metrics.Round(m.HiddenLoss.Gone, 2), metrics.Round(m.HiddenLoss.Returned, 2), m.HiddenLoss.Rule
	hl.Years = []jsonLossYear{}
	for _, y := range m.HiddenLoss.Years {
		hl.Years = append(hl.Years, jsonLossYear{Year: y.Year, Base: y.Base, Retention: y.Retention, AvgRetained: y.AvgRetained,
			Loss: ptr(y.Loss, y.LossDefined, 2), Gone: metrics.Round(y.Gone, 2), Returned: metrics.Round(y.Returned, 2)})
	}
	b, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func jsonGroups(gs []metrics.Group) []jsonGroup {
	out := make([]jsonGroup, len(gs))
	for i, g := range gs {
		out[i] = jsonGroup{Name: g.Name, Won: g.Won, Lost: g.Lost, WinRate: g.WinRate}
	}
	return out
}

func approachJSON(g metrics.ApproachGroup) jsonApproach {
	return jsonApproach{Group: g.Name, Accounts: g.Accounts,
		MedianDiscount: ptr(g.MedianDiscount, g.HasMedianDiscount, 4), RepeatRate: g.RepeatRate, Retention: g.Retention,
		RevenuePerAccount: g.RevenuePerAccount, ReferralsGiven: g.ReferralsGiven, WinRate: g.WinRate, TooSmall: g.TooSmall,
		RepeatRest: g.RepeatRest, RetentionRest: g.RetentionRest, RevenueRest: g.RevenueRest,
		RepeatTest: comparisonJSON(g.RepeatTest), RetentionTest: comparisonJSON(g.RetentionTest)}
}
