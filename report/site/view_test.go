package site

import (
	"reflect"
	"strings"
	"testing"
)

// The templates' view is text, tables and flags: no type of the steps'
// internal results (ingest, metrics, forecast) reaches a template, so
// --templates does not depend on them.
func TestViewsHoldNoInternalTypes(t *testing.T) {
	for _, v := range []any{SectionsView{}, emailData{}, doc{}} {
		checkExported(t, reflect.TypeOf(v), reflect.TypeOf(v).Name(), map[reflect.Type]bool{})
	}
}

func checkExported(t *testing.T, typ reflect.Type, path string, seen map[reflect.Type]bool) {
	t.Helper()
	if seen[typ] {
		return
	}
	seen[typ] = true
	for _, internal := range []string{"/report/ingest", "/report/metrics", "/report/forecast"} {
		if strings.HasSuffix(typ.PkgPath(), internal) {
			t.Errorf("%s is %s, an internal result", path, typ)
		}
	}
	switch typ.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		checkExported(t, typ.Elem(), path+"[]", seen)
	case reflect.Struct:
		for i := range typ.NumField() {
			if f := typ.Field(i); f.IsExported() {
				checkExported(t, f.Type, path+"."+f.Name, seen)
			}
		}
	}
}
