package main

import (
	"fmt"
	"io"
	"runtime/debug"

	"github.com/dealaudit/dealaudit/report"
)

// version is the tool's version: the module version when installed with
// go install at a version, report.Version otherwise.
func version(info *debug.BuildInfo, ok bool) string {
	if ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return report.Version
}

func runVersion(stdout io.Writer) error {
	fmt.Fprintln(stdout, "dealaudit", version(debug.ReadBuildInfo()))
	return nil
}
