package ingest

import "testing"

// Dates written with month names in the languages exports come in, and
// the timestamps of shops and payment systems.
func TestParseDateMonthNamesAndTimestamps(t *testing.T) {
	for in, want := range map[string]string{
		"15 Apr, 2021 00:02:00":     "2021-04-15",
		"2021-03-04 10:11:12 -0500": "2021-03-04",
		"2024-02-29T23:59:59Z":      "2024-02-29",
		"5 de enero de 2024":        "2024-01-05",
		"12 févr. 2023":             "2023-02-12",
		"3 août 2022":               "2022-08-03",
		"1 juin 2022":               "2022-06-01",
		"1 juillet 2022":            "2022-07-01",
		"7. März 2021":              "2021-03-07",
		"9 maart 2020":              "2020-03-09",
		"14 ottobre 2019":           "2019-10-14",
		"2 outubro 2019":            "2019-10-02",
		"20. června 2023":           "2023-06-20",
		"20. července 2023":         "2023-07-20",
		"Jan 5, 2024":               "2024-01-05",
		"the 5th of May 2024":       "2024-05-05",
	} {
		d, _, slash, err := parseDate(in, false, false)
		if err != nil || slash || d.String() != want {
			t.Errorf("parseDate(%q) = %s, %v, %v; want %s", in, d, slash, err, want)
		}
	}
}
