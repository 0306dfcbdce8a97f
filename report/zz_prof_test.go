package report

import (
	"context"
	"os"
	"testing"
)

func TestZZProf(t *testing.T) {
	in := os.Getenv("PROF_IN")
	if in == "" {
		t.Skip()
	}
	cfg := Config{Inputs: []string{in}, Out: t.TempDir() + "/o", Period: "year"}
	o, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fit %v accounts %d repeat %d evals %d %d", o.FitTime, o.F.Accounts, o.F.RepeatBuyers, o.F.BGFit.Evals, o.F.GGFit.Evals)
}
