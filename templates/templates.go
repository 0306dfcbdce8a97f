// Package templates holds the built-in page layouts and styles of the
// report. A user file at the same relative path overrides one of these.
package templates

import "embed"

// FS holds the built-in templates.
//
//go:embed *.html *.css
var FS embed.FS
