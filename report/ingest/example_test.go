package ingest_test

import (
	"context"
	"fmt"

	"github.com/dealaudit/dealaudit/report/ingest"
)

func ExampleRead() {
	res, err := ingest.Read(context.Background(), []string{"testdata/title_trailer.csv"}, ingest.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	f := res.Files[0]
	fmt.Printf("header in row %d, %d trailer rows skipped\n", f.HeaderRow, f.Trailers)
	for _, d := range res.Deals {
		fmt.Println(res.AccountOf(&d).Name, d.Close, d.Stage, d.Amount)
	}
	for _, p := range res.Problems {
		fmt.Printf("row %d: %s (%s)\n", p.Row, p.Kind, p.Action)
	}
	// Output:
	// header in row 4, 3 trailer rows skipped
	// Globex Corp 2024-01-15 won 1000
	// Globex Corp 2024-03-02 won 500
	// Initech 2024-02-10 lost 2000
	// Initech 2024-06-30 open 0
	// row 1: title row above the header (skipped)
	// row 2: title row above the header (skipped)
	// row 6: account spelling merged (fixed)
	// row 10: trailer row below the data (skipped)
	// row 11: trailer row below the data (skipped)
	// row 12: trailer row below the data (skipped)
}

func ExampleFoldAccount() {
	fmt.Println(ingest.FoldAccount("Globex Corp"))
	fmt.Println(ingest.FoldAccount("GLOBEX CORPORATION"))
	fmt.Println(ingest.FoldAccount("Müller GmbH"))
	fmt.Println(ingest.FoldAccount("Société Générale S.A."))
	// Output:
	// globex
	// globex
	// muller
	// societe generale sa
}

func ExampleMatchHeader() {
	for _, h := range []string{"Account Name", "Deal - Won time", "StageName", "Opportunity Name"} {
		f, _ := ingest.MatchHeader(h)
		fmt.Printf("%s → %s\n", h, f)
	}
	// Output:
	// Account Name → account
	// Deal - Won time → close_date
	// StageName → stage
	// Opportunity Name → none
}
