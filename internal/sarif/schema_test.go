package sarif

// A JSON Schema (draft 04) validator for the tests: enough of it for
// the official SARIF 2.1.0 schema, so that the converter's output is
// checked against the schema without a dependency.
//
// testdata/sarif-schema-2.1.0.json is the OASIS schema, errata 01
// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
// as github.com/owenrumney/go-sarif/v3 v3.3.1 embeds it verbatim in
// pkg/report/v210/sarif/schema.go.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"net/url"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// keywords are the schema keywords the validator knows: those it
// checks, and the annotations it ignores.
var keywords = map[string]bool{
	"$ref": true, "type": true, "enum": true, "required": true,
	"properties": true, "additionalProperties": true, "items": true,
	"minItems": true, "uniqueItems": true, "minimum": true, "maximum": true,
	"pattern": true, "anyOf": true, "oneOf": true, "format": true,
	// annotations
	"$schema": true, "id": true, "title": true, "description": true,
	"default": true, "definitions": true,
}

type validator struct {
	root map[string]any
}

var (
	schemaOnce sync.Once
	schemaVal  *validator
	schemaErr  error
)

// sarifSchema loads the SARIF schema once.
func sarifSchema(t *testing.T) *validator {
	t.Helper()
	schemaOnce.Do(func() {
		data, err := os.ReadFile("testdata/sarif-schema-2.1.0.json")
		if err != nil {
			schemaErr = err
			return
		}
		var root map[string]any
		if err := decodeJSON(data, &root); err != nil {
			schemaErr = err
			return
		}
		schemaVal = &validator{root: root}
	})
	if schemaErr != nil {
		t.Fatal(schemaErr)
	}
	return schemaVal
}

// decodeJSON decodes with numbers kept as json.Number, so that integers
// can be told from other numbers.
func decodeJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}

// Validate returns the instance's violations of the schema, each as
// "JSON pointer: problem".
func (v *validator) Validate(instance any) []string {
	var errs []string
	v.validate(v.root, instance, "", &errs)
	return errs
}

func (v *validator) validate(schema map[string]any, inst any, path string, errs *[]string) {
	fail := func(format string, args ...any) {
		p := path
		if p == "" {
			p = "/"
		}
		*errs = append(*errs, p+": "+fmt.Sprintf(format, args...))
	}
	for k := range schema {
		if !keywords[k] {
			fail("schema keyword %q is not supported by the test validator", k)
		}
	}
	if ref, ok := schema["$ref"].(string); ok {
		// In draft 04, $ref replaces the rest of the schema.
		target, err := v.resolve(ref)
		if err != nil {
			fail("%v", err)
			return
		}
		v.validate(target, inst, path, errs)
		return
	}

	if typ, ok := schema["type"]; ok {
		var types []string
		switch typ := typ.(type) {
		case string:
			types = []string{typ}
		case []any:
			for _, t := range typ {
				types = append(types, t.(string))
			}
		}
		if !slices.ContainsFunc(types, func(t string) bool { return hasType(inst, t) }) {
			fail("type %s, want %s", typeName(inst), strings.Join(types, " or "))
			return
		}
	}
	if enum, ok := schema["enum"].([]any); ok {
		if !slices.ContainsFunc(enum, func(e any) bool { return equalJSON(e, inst) }) {
			fail("%v is not one of %v", inst, enum)
		}
	}

	switch inst := inst.(type) {
	case map[string]any:
		for _, r := range asSlice(schema["required"]) {
			if _, ok := inst[r.(string)]; !ok {
				fail("required property %q is missing", r)
			}
		}
		props, _ := schema["properties"].(map[string]any)
		for _, k := range sortedKeys(inst) {
			sub := path + "/" + k
			if ps, ok := props[k]; ok {
				v.validate(ps.(map[string]any), inst[k], sub, errs)
				continue
			}
			switch ap := schema["additionalProperties"].(type) {
			case bool:
				if !ap {
					fail("property %q is not allowed", k)
				}
			case map[string]any:
				v.validate(ap, inst[k], sub, errs)
			}
		}
	case []any:
		if n, ok := schema["minItems"].(json.Number); ok {
			if least, _ := n.Int64(); int64(len(inst)) < least {
				fail("%d items, want at least %d", len(inst), least)
			}
		}
		if u, _ := schema["uniqueItems"].(bool); u {
			for i := range inst {
				for j := i + 1; j < len(inst); j++ {
					if equalJSON(inst[i], inst[j]) {
						fail("items %d and %d are equal, and must be unique", i, j)
					}
				}
			}
		}
		switch items := schema["items"].(type) {
		case map[string]any:
			for i, item := range inst {
				v.validate(items, item, fmt.Sprintf("%s/%d", path, i), errs)
			}
		case nil:
		default:
			fail("schema items of type %T not supported by the test validator", items)
		}
	case json.Number:
		x := number(inst)
		if n, ok := schema["minimum"].(json.Number); ok && x.Cmp(number(n)) < 0 {
			fail("%s is less than the minimum %s", inst, n)
		}
		if n, ok := schema["maximum"].(json.Number); ok && x.Cmp(number(n)) > 0 {
			fail("%s is more than the maximum %s", inst, n)
		}
	case string:
		if p, ok := schema["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(inst) {
			fail("%q does not match %q", inst, p)
		}
		if f, ok := schema["format"].(string); ok {
			if err := checkFormat(f, inst); err != nil {
				fail("%q is not a %s: %v", inst, f, err)
			}
		}
	}

	if anyOf, ok := schema["anyOf"].([]any); ok {
		matched := false
		var first []string
		for _, s := range anyOf {
			var sub []string
			v.validate(s.(map[string]any), inst, path, &sub)
			if len(sub) == 0 {
				matched = true
				break
			}
			if first == nil {
				first = sub
			}
		}
		if !matched {
			fail("matches none of anyOf, the first failing with %v", first)
		}
	}
	if one, ok := schema["oneOf"].([]any); ok {
		n := 0
		for _, s := range one {
			var sub []string
			v.validate(s.(map[string]any), inst, path, &sub)
			if len(sub) == 0 {
				n++
			}
		}
		if n != 1 {
			fail("matches %d of oneOf, want exactly 1", n)
		}
	}
}

// resolve resolves a reference within the schema document.
func (v *validator) resolve(ref string) (map[string]any, error) {
	ptr, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return nil, fmt.Errorf("reference %q is outside the schema", ref)
	}
	var node any = v.root
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, ok := node.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("reference %q does not resolve", ref)
		}
		if node, ok = m[tok]; !ok {
			return nil, fmt.Errorf("reference %q does not resolve", ref)
		}
	}
	m, ok := node.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("reference %q is not a schema", ref)
	}
	return m, nil
}

// checkFormat checks the formats the SARIF schema uses, loosely.
func checkFormat(format, s string) error {
	switch format {
	case "uri":
		u, err := url.Parse(s)
		if err != nil {
			return err
		}
		if u.Scheme == "" {
			return fmt.Errorf("no scheme")
		}
	case "uri-reference":
		_, err := url.Parse(s)
		return err
	case "date-time":
		_, err := time.Parse(time.RFC3339Nano, s)
		return err
	default:
		return fmt.Errorf("format %q not supported by the test validator", format)
	}
	return nil
}

func hasType(inst any, t string) bool {
	switch t {
	case "object":
		_, ok := inst.(map[string]any)
		return ok
	case "array":
		_, ok := inst.([]any)
		return ok
	case "string":
		_, ok := inst.(string)
		return ok
	case "boolean":
		_, ok := inst.(bool)
		return ok
	case "null":
		return inst == nil
	case "number":
		_, ok := inst.(json.Number)
		return ok
	case "integer":
		n, ok := inst.(json.Number)
		return ok && number(n).IsInt()
	}
	return false
}

func typeName(inst any) string {
	switch inst := inst.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	case nil:
		return "null"
	case json.Number:
		if number(inst).IsInt() {
			return "integer"
		}
		return "number"
	}
	return fmt.Sprintf("%T", inst)
}

// number is a JSON number, exactly.
func number(n json.Number) *big.Rat {
	r, ok := new(big.Rat).SetString(n.String())
	if !ok {
		panic("bad JSON number " + n.String())
	}
	return r
}

// equalJSON reports whether two decoded JSON values are equal.
func equalJSON(a, b any) bool {
	switch a := a.(type) {
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, av := range a {
			bv, ok := b[k]
			if !ok || !equalJSON(av, bv) {
				return false
			}
		}
		return true
	case []any:
		b, ok := b.([]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !equalJSON(a[i], b[i]) {
				return false
			}
		}
		return true
	case json.Number:
		b, ok := b.(json.Number)
		return ok && number(a).Cmp(number(b)) == 0
	default:
		return a == b
	}
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestValidatorCoversSchema checks that the validator knows every
// keyword of the SARIF schema and that every reference resolves, so
// that no part of the schema goes unchecked.
func TestValidatorCoversSchema(t *testing.T) {
	v := sarifSchema(t)
	if id, _ := v.root["id"].(string); !strings.Contains(id, "sarif-schema-2.1.0") {
		t.Fatalf("schema id %q: not the SARIF 2.1.0 schema", id)
	}
	var walk func(path string, s map[string]any)
	walk = func(path string, s map[string]any) {
		for k, val := range s {
			if !keywords[k] {
				t.Errorf("%s: keyword %q not supported by the test validator", path, k)
			}
			switch k {
			case "properties", "definitions":
				for name, sub := range val.(map[string]any) {
					walk(path+"/"+k+"/"+name, sub.(map[string]any))
				}
			case "items", "additionalProperties":
				if sub, ok := val.(map[string]any); ok {
					walk(path+"/"+k, sub)
				}
			case "anyOf", "oneOf":
				for i, sub := range val.([]any) {
					walk(fmt.Sprintf("%s/%s/%d", path, k, i), sub.(map[string]any))
				}
			case "$ref":
				if _, err := v.resolve(val.(string)); err != nil {
					t.Errorf("%s: %v", path, err)
				}
			case "pattern":
				if _, err := regexp.Compile(val.(string)); err != nil {
					t.Errorf("%s: %v", path, err)
				}
			case "format":
				if err := checkFormat(val.(string), "https://example.com/x"); err != nil && strings.Contains(err.Error(), "not supported") {
					t.Errorf("%s: %v", path, err)
				}
			}
		}
	}
	walk("#", v.root)
}

// TestValidatorRejects checks that the validator finds what is wrong
// with logs that break the schema, each in one way.
func TestValidatorRejects(t *testing.T) {
	v := sarifSchema(t)
	const valid = `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
		{"message": {"text": "m"}, "ruleId": "r",
		 "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.go"}, "region": {"startLine": 1}}}],
		 "relatedLocations": [{"id": 1, "message": {"text": "a"}}, {"id": 2, "message": {"text": "b"}}],
		 "fixes": [{"artifactChanges": [{"artifactLocation": {"uri": "a.go"}, "replacements": [{"deletedRegion": {"byteOffset": 0}}]}]}]}]}]}`
	tests := []struct {
		name, old, new, want string
	}{
		{"valid", "", "", ""},
		{"required", `"version": "2.1.0", `, ``, `required property "version"`},
		{"enum", `"2.1.0"`, `"2.0.0"`, `is not one of`},
		{"additionalProperties", `"ruleId": "r"`, `"ruleId": "r", "rule_id": "r"`, `property "rule_id" is not allowed`},
		{"type", `"name": "x"`, `"name": 3`, `type integer, want string`},
		{"integer", `"startLine": 1`, `"startLine": 1.5`, `type number, want integer`},
		{"minimum", `"startLine": 1`, `"startLine": 0`, `less than the minimum`},
		{"minItems", `"replacements": [{"deletedRegion": {"byteOffset": 0}}]`, `"replacements": []`, `0 items, want at least 1`},
		{"uniqueItems", `{"id": 2, "message": {"text": "b"}}`, `{"id": 1, "message": {"text": "a"}}`, `must be unique`},
		{"anyOf", `"deletedRegion": {"byteOffset": 0}`, `"deletedRegion": {"endLine": 3}`, `matches none of anyOf`},
		{"format", `"uri": "a.go"`, `"uri": "%zz"`, `is not a uri-reference`},
		{"ref", `"message": {"text": "m"}`, `"message": {"txt": "m"}`, `property "txt" is not allowed`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := strings.Replace(valid, tt.old, tt.new, 1)
			if tt.old != "" && doc == valid {
				t.Fatalf("%q is not in the sample", tt.old)
			}
			var inst any
			if err := decodeJSON([]byte(doc), &inst); err != nil {
				t.Fatal(err)
			}
			errs := v.Validate(inst)
			if tt.want == "" {
				if len(errs) > 0 {
					t.Fatalf("valid log rejected: %v", errs)
				}
				return
			}
			if !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, tt.want) }) {
				t.Fatalf("got %v, want an error containing %q", errs, tt.want)
			}
		})
	}
}
