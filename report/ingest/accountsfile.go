package ingest

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// readAccountNames reads an account export (Salesforce's Account.csv, or
// any file with an id and a name column) into a map from id to name.
//
// Different ids whose names fold to one key become one account; each such
// id is reported, since the tool cannot tell a duplicate account record
// from two companies with one name.
func readAccountNames(path string, limits Limits, problem func(Problem)) (map[string]string, error) {
	var idCol, nameCol int
	isHeader := func(cells []string) bool {
		idCol, nameCol = -1, -1
		for i, c := range cells {
			k := foldHeader(c)
			if idCol < 0 && slices.Contains(accountExportIDs, k) {
				idCol = i
			}
			if nameCol < 0 && slices.Contains(accountExportNames, k) {
				nameCol = i
			}
		}
		return idCol >= 0 && nameCol >= 0
	}
	in, err := openInput(path, "", limits, isHeader)
	if err != nil {
		if fe, ok := err.(*FileError); ok && strings.HasPrefix(fe.Msg, "expected a header row") {
			fe.Msg = "expected an account export with an Id and a Name column (for --accounts), found no such header row in the first 30 rows"
		}
		return nil, err
	}
	defer in.close()
	m := map[string]string{}
	firstID := map[string]string{} // folded name → first id with it
	for {
		cells, row, err := in.src.next()
		if err == io.EOF {
			return m, nil
		}
		if err != nil {
			return nil, &FileError{Path: path, Msg: fmt.Sprintf("cannot read past row %d", row), Err: err}
		}
		if idCol < len(cells) && nameCol < len(cells) {
			id, name := normalizeID(cells[idCol]), strings.TrimSpace(cells[nameCol])
			if id != "" && name != "" {
				m[strings.Clone(id)] = strings.Clone(name)
				k := FoldAccount(name)
				if other, dup := firstID[k]; dup && other != id {
					problem(Problem{File: path, Row: row, Column: in.header[nameCol], Value: name, Kind: "account name shared by several ids",
						Detail: fmt.Sprintf("ids %s and %s", other, id), Action: "merged: their deals count as one account"})
				} else if !dup {
					firstID[k] = id
				}
			}
		}
	}
}
