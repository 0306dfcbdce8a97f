package site

import "testing"

func TestNowrap(t *testing.T) {
	for cell, want := range map[string]bool{
		"2021-08-04": true, "$26,873": true, "49.7–62.9%": true, "2025 to 30 Jun": true, "1.235 €": true,
		"CHF 1,234.50": true, "-5 on 2024": true, "Collaborative": false, "Acme Holdings 2": false,
		"": false, "12345678901234567890123456": false, "Q3 2024": true,
	} {
		if got := nowrap(cell); got != want {
			t.Errorf("nowrap(%q) = %v, want %v", cell, got, want)
		}
	}
}

func TestOnline(t *testing.T) {
	for base, want := range map[string]string{
		"":                                   "",
		"https://example.com/audit/":         "https://example.com/audit/data/metrics.json",
		"https://example.com/audit":          "https://example.com/audit/data/metrics.json",
		"https://example.com/a/report.html":  "https://example.com/a/data/metrics.json",
		"https://example.com/a/?k=v#summary": "https://example.com/a/data/metrics.json",
	} {
		if got := online(base, "data/metrics.json"); got != want {
			t.Errorf("online(%q) = %q, want %q", base, got, want)
		}
	}
}
