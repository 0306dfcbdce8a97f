package metrics

import "github.com/dealaudit/dealaudit/report/ingest"

// IsPurchase reports whether a deal is a purchase: won, with an amount of
// 0 or more. A won deal with a negative amount is a credit (a refund, a
// cancellation, a credit note): it lowers revenue but is not a purchase.
// Lost and open deals are neither. Every figure and the forecast count
// purchases by this rule.
func IsPurchase(d *ingest.Deal) bool { return d.Stage == ingest.Won && purchaseAmount(d.Amount) }

// purchaseAmount reports whether a won deal of this amount is a purchase
// rather than a credit.
func purchaseAmount(amount float64) bool { return amount >= 0 }
