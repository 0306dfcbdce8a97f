package metrics

import (
	"sync"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// Options say how to compute.
type Options struct {
	Period PeriodKind
	// AsOf is the date the report is as of; when AsOfSet is false it is the
	// latest close date of a won or lost deal. Deals after it are ignored
	// (and counted).
	AsOf    ingest.Date
	AsOfSet bool
	// Target is the retention rate hidden revenue loss is measured
	// against; nil means the best complete year with at least 30 accounts active the year before (hiddenLoss).
	Target *float64
	// Whole, when set, is what a subset's figures take from the history
	// it was taken from (WholeOf): its coverage, so that the subset's
	// periods are partial or complete as that history's are, whatever its
	// own first deal, and its referrals.
	Whole *Whole
}

// Coverage is the days a history covers, as its periods were judged
// partial: from Start to the as-of date, which may fall up to Slack days
// before a period's end with the period still complete.
type Coverage struct {
	Start ingest.Date
	Slack int
}

// Metrics holds every figure of the report.
type Metrics struct {
	Period PeriodKind
	AsOf   ingest.Date
	Target *float64
	// Coverage is how the periods were judged partial.
	Coverage Coverage

	// Deals used: won (purchases, amount >= 0), credits (won, amount < 0)
	// and lost deals up to AsOf. Open deals are never used.
	WonDeals, Credits, LostDeals int
	// AfterAsOf counts won and lost deals after AsOf, which are ignored.
	AfterAsOf int
	// OpenDeals counts open deals, which are never used.
	OpenDeals int

	Customers int     // accounts with a purchase
	Revenue   float64 // all won revenue up to AsOf, credits included

	Periods []PeriodRow
	// PooledRetention is customer retention over all periods: accounts
	// retained / accounts active the period before, summed.
	PooledRetention Rate
	// Latest is the index in Periods of the last complete period, -1 when
	// there is none: headline figures, changes and findings are of
	// complete periods only.
	Latest int
	// Changes are the latest complete period's headline figures against
	// the one before (when that is complete too).
	Changes Changes
	// ToDate compares a partial last period with the same days of the
	// period before; nil when the last period is complete.
	ToDate *ToDate
	// CohortTest tests whether the cohorts' retention one period after
	// their first differs.
	CohortTest CohortTest
	// ReferralTest compares the referral rate of the first period with
	// the latest complete one's.
	ReferralTest Comparison
	// Enough says whether there are enough customers and complete periods
	// to conclude from.
	Enough Enough
	// Compared is how many comparisons Holm's correction was over.
	Compared int
	Cohorts  []CohortCell
	Accounts []Account // by lifetime revenue, largest first
	// ByStatus counts the accounts of each status and their lifetime
	// revenue.
	ByStatus [NumStatus]StatusCount

	RepeatCustomerRate Rate // accounts with purchases on 2+ dates / customers
	TimeToSecond       TimeToSecond
	Concentration      Concentration

	Referrers             []Referrer
	ReferredAccounts      int
	ReferringCustomerRate Rate // customers who referred anyone / customers
	ReferralRevenueShare  Rate // lifetime revenue of referred accounts / revenue
	ReferredWinRate       Rate // win rate of deals with a referral source or referrer
	OtherWinRate          Rate

	WinRateBySource []Group
	WinRateByOwner  []Group

	ApproachBasis string // "approach" or "discount band"
	Approaches    []ApproachGroup
	// Owners are the customers grouped by who first won them, by name;
	// none when the history has no owner column.
	Owners []OwnerGroup
	// NextPurchase is the time to a second purchase by approach group.
	NextPurchase NextPurchase

	HiddenLoss HiddenLoss
}

// PeriodRow is one row of periods.csv.
type PeriodRow struct {
	Period Period
	Label  string
	// Partial: the data starts after the period's start or the as-of date
	// is before its end; Span is the days covered, Display the label that
	// says so ("2025 to 30 Jun"; Label when complete).
	Partial                                     bool
	Span                                        Span
	Display                                     string
	Active, New, Retained, Reactivated, Churned int
	Retention                                   Rate // retained / active(P-1)
	Revenue, NewRevenue, RepeatRevenue          float64
	// EarlyCredits are credits dated before their account's first
	// purchase (or of an account with none): in Revenue, but neither new
	// nor repeat revenue, so Revenue = New + Repeat + EarlyCredits.
	EarlyCredits    float64
	RepeatShare     Rate // repeat / revenue
	ReferredNew     int
	ReferralRate    Rate // referred new / new
	ReferredRevenue float64
	ReferredShare   Rate // revenue of referred accounts / revenue
	NRR, GRR        Rate
	Won, Lost       int
	WinRate         Rate
	// Hidden revenue loss in P = max(0, benchmark - retention) x
	// active(P-1) x AvgRetained; defined when retention and AvgRetained are.
	AvgRetained Rate    // revenue in P of retained accounts / retained accounts
	Loss        float64 // hidden revenue loss in P
	LossDefined bool
	WalkedOut   float64 // revenue in P-1 of the accounts that churned in P
}

// CohortCell is one row of cohorts.csv: cohort c in period c+Index.
type CohortCell struct {
	Cohort           string
	Index            int
	Period           string
	CohortAccounts   int
	Active           int
	Logo             Rate // active / cohort accounts
	Revenue          float64
	RevenueRetention Rate // revenue / the cohort's revenue in its own period
}

// Account is one row of accounts.csv.
type Account struct {
	Name, Key         string
	Index             int32       // in ingest.History.Accounts
	FirstWon, LastWon ingest.Date // purchases only; zero when never won
	Won, Lost         int
	Revenue           float64
	PurchaseDates     int
	MedianGap         float64 // days between distinct purchase dates
	HasGap            bool
	Status            Status
	Referred          bool
	ReferredBy        string
	ReferralsMade     int
	ReferralRevenue   float64 // lifetime revenue of the accounts it referred
	FirstApproach     string
	FirstDiscount     float64
	HasFirstDiscount  bool
	Owner             string // of the latest purchase that names one: who handled the account last
}

// Referrer is one row of referrers.csv.
type Referrer struct {
	Name            string
	IsCustomer      bool
	Referred        int
	ReferredRevenue float64
}

// Group is a win rate for one value of a field.
type Group struct {
	Name      string
	Won, Lost int
	WinRate   Rate
}

// TimeToSecond is the time from a customer's first to its second purchase
// date.
type TimeToSecond struct {
	Accounts int // customers with a second purchase date
	Median   float64
	Defined  bool
	Buckets  []Bucket
}

// Bucket is one bar of a distribution.
type Bucket struct {
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Concentration is the share of revenue from the largest accounts.
type Concentration struct {
	Top10      Rate // revenue of the 10 largest accounts / revenue
	TopTenth   Rate // revenue of the largest 10% of accounts / revenue
	TenthCount int  // how many accounts the top 10% is
}

// ApproachGroup is one row of approach.csv.
type ApproachGroup struct {
	Name              string
	Accounts          int
	MedianDiscount    float64
	HasMedianDiscount bool
	RepeatRate        Rate // accounts with 2+ purchase dates / accounts
	Retention         Rate // pooled over periods: retained / active the period before
	RevenuePerAccount Rate // revenue after the first purchase date / accounts
	ReferralsGiven    int
	WinRate           Rate // deals negotiated this way: won / (won + lost)
	TooSmall          bool // fewer than 10 accounts
	// RepeatRest and RetentionRest are the same rates for the customers of
	// every other group with an approach recorded, and RepeatTest and
	// RetentionTest the tests of the difference (undefined for groups too
	// small, and for the group without a value).
	RepeatRest, RetentionRest Rate
	RepeatTest, RetentionTest Comparison
	RevenueRest               Rate // revenue after the first purchase per account of the rest
	// ReferralsPer and ReferralsRest are the customers referred per
	// customer of the group and of the rest.
	ReferralsPer, ReferralsRest Rate
	// RetentionAdjusted is the retention difference from the rest within
	// strata of first-purchase cohort and segment.
	RetentionAdjusted Adjusted
}

// Positions returns a function that finds where an account is in
// accounts by its index in ingest.History.Accounts and its key: through an
// array by index, checked by key, where a map by key would hash every key;
// by key (through a map made on first need) where the index does not give
// that key, as for accounts of another history. It returns -1 for an
// account not there, and is safe for concurrent use.
func Positions(accounts []Account) func(index int32, key string) int {
	byIndex := []int32{}
	for i := range accounts {
		if k := int(accounts[i].Index); k >= 0 {
			for k >= len(byIndex) {
				byIndex = append(byIndex, -1)
			}
			byIndex[k] = int32(i)
		}
	}
	byKey := sync.OnceValue(func() map[string]int {
		m := make(map[string]int, len(accounts))
		for i := range accounts {
			m[accounts[i].Key] = i
		}
		return m
	})
	return func(index int32, key string) int {
		if index >= 0 && int(index) < len(byIndex) {
			if i := byIndex[index]; i >= 0 && accounts[i].Key == key {
				return int(i)
			}
		}
		if i, ok := byKey()[key]; ok {
			return i
		}
		return -1
	}
}
