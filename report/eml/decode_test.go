package eml

import (
	"encoding/base64"
	"io"
	"mime/quotedprintable"
	"strings"
	"testing"
)

func decode(t *testing.T, cte string, b []byte) []byte {
	t.Helper()
	switch strings.ToLower(cte) {
	case "base64":
		out, err := base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(b)))
		if err != nil {
			t.Fatal(err)
		}
		return out
	case "quoted-printable":
		out, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(string(b))))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	return b
}
