package site

// Render renders the whole report folder: the pages, report.html,
// email.html, the assets and the data tables of DIR/data. accounts.csv, a
// row per account, is written on another goroutine while the charts are
// drawn.
func Render(r Report, meta Meta) (Files, error) {
	accounts := make(chan []byte, 1)
	go func() { accounts <- AccountsCSV(r.M, r.F) }()
	files, err := Pages(r)
	accountsCSV := <-accounts
	if err != nil {
		return nil, err
	}
	mj, err := MetricsJSON(r.M, meta)
	if err != nil {
		return nil, err
	}
	fj, err := ForecastJSON(r.F)
	if err != nil {
		return nil, err
	}
	files["data/quality.csv"] = QualityCSV(r.Res)
	files["data/metrics.json"] = mj
	files["data/forecast.json"] = fj
	files["data/periods.csv"] = PeriodsCSV(r.M)
	files["data/cohorts.csv"] = CohortsCSV(r.M)
	files["data/accounts.csv"] = accountsCSV
	files["data/referrers.csv"] = ReferrersCSV(r.M)
	files["data/approach.csv"] = ApproachCSV(r.M)
	files["data/calllist.csv"] = CallListCSV(r.M, r.F)
	if len(r.M.Owners) > 0 {
		files["data/owners.csv"] = OwnersCSV(r.M)
	}
	// The workbook holds the tables above: it comes last.
	wb, err := Workbook(files, workbookReadme(r), r.Style)
	if err != nil {
		return nil, err
	}
	files["data/audit.xlsx"] = wb
	return files, nil
}
