package format

import (
	"testing"

	"github.com/dealaudit/dealaudit/report/metrics"
)

func TestStyles(t *testing.T) {
	r := metrics.Rate{Num: 99, Den: 145, Defined: true, Low: 0.603125348540651, High: 0.752958234756177, HasInterval: true}
	const nb = "\u00a0"
	for _, c := range []struct {
		locale, code                    string
		money, small, compact, big, pct string
		interval, count                 string
	}{
		{"en-US", "USD", "$1,235", "$12.50", "$763.8k", "$3.73M", "68.3%", "95% interval 60.3–75.3%", "21,610,089"},
		{"de-DE", "EUR", "1.235" + nb + "€", "12,50" + nb + "€", "763,8k" + nb + "€", "3,73M" + nb + "€", "68,3" + nb + "%", "95% interval 60,3–75,3" + nb + "%", "21.610.089"},
		{"fr-FR", "EUR", "1" + nb + "235" + nb + "€", "12,50" + nb + "€", "763,8k" + nb + "€", "3,73M" + nb + "€", "68,3" + nb + "%", "95% interval 60,3–75,3" + nb + "%", "21" + nb + "610" + nb + "089"},
		{"es-ES", "EUR", "1.235" + nb + "€", "12,50" + nb + "€", "763,8k" + nb + "€", "3,73M" + nb + "€", "68,3" + nb + "%", "95% interval 60,3–75,3" + nb + "%", "21.610.089"},
		{"en-GB", "GBP", "£1,235", "£12.50", "£763.8k", "£3.73M", "68.3%", "95% interval 60.3–75.3%", "21,610,089"},
		{"en-GB", "USD", "US$1,235", "US$12.50", "US$763.8k", "US$3.73M", "68.3%", "95% interval 60.3–75.3%", "21,610,089"},
		{"en-US", "CHF", "CHF" + nb + "1,235", "CHF" + nb + "12.50", "CHF" + nb + "763.8k", "CHF" + nb + "3.73M", "68.3%", "95% interval 60.3–75.3%", "21,610,089"},
		{"en-US", "", "1,235", "12.50", "763.8k", "3.73M", "68.3%", "95% interval 60.3–75.3%", "21,610,089"},
	} {
		s, err := New(c.locale, c.code)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range []struct{ what, got, want string }{
			{"money", s.Money(1234.5), c.money},
			{"small money", s.Money(12.5), c.small},
			{"compact", s.MoneyCompact(763790), c.compact},
			{"compact millions", s.MoneyCompact(3733187), c.big},
			{"percent", s.Pct(r), c.pct},
			{"interval", s.Interval(r), c.interval},
			{"count", s.Count(21610089), c.count},
		} {
			if g.got != g.want {
				t.Errorf("%s %s %s: %q, want %q", c.locale, c.code, g.what, g.got, g.want)
			}
		}
	}
	if s, _ := New("en-US", "USD"); s.Money(-250.4) != "-$250" || s.MoneyCompact(-2_500_000) != "-$2.50M" {
		t.Errorf("negative amounts: %q %q", s.Money(-250.4), s.MoneyCompact(-2_500_000))
	}
	if _, err := New("xx-!!", ""); err == nil {
		t.Error("a bad locale is accepted")
	}
	if _, err := New("en-US", "DOLLARS"); err == nil {
		t.Error("a bad currency is accepted")
	}
}
