package site

// Render renders the whole report folder: the pages, report.html,
// email.html, the assets and the data tables of DIR/data. The tables and
// the workbook made of them are written on another goroutine while the
// charts are drawn.
func Render(r Report, meta Meta) (Files, error) {
	type tablesDone struct {
		files Files
		err   error
	}
	tables := make(chan tablesDone, 1)
	go func() {
		t := dataTables(r)
		wb, err := Workbook(t, workbookReadme(r), r.Style)
		t["data/audit.xlsx"] = wb
		tables <- tablesDone{t, err}
	}()
	files, err := Pages(r)
	done := <-tables
	if err != nil {
		return nil, err
	}
	if done.err != nil {
		return nil, done.err
	}
	if r.Text != nil {
		meta.Findings = r.Text.Findings
	}
	mj, err := MetricsJSON(r.M, meta)
	if err != nil {
		return nil, err
	}
	fj, err := ForecastJSON(r.F)
	if err != nil {
		return nil, err
	}
	files["data/metrics.json"] = mj
	files["data/forecast.json"] = fj
	for name, b := range done.files {
		files[name] = b
	}
	return files, nil
}

// dataTables are the CSV tables of DIR/data.
func dataTables(r Report) Files {
	files := Files{
		"data/quality.csv":   QualityCSV(r.Res),
		"data/periods.csv":   PeriodsCSV(r.M),
		"data/cohorts.csv":   CohortsCSV(r.M),
		"data/accounts.csv":  AccountsCSV(r.M, r.F),
		"data/referrers.csv": ReferrersCSV(r.M),
		"data/approach.csv":  ApproachCSV(r.M),
		"data/calllist.csv":  CallListCSV(r.M, r.F),
	}
	if len(r.M.Owners) > 0 {
		files["data/owners.csv"] = OwnersCSV(r.M)
	}
	return files
}
