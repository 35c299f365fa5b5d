package sarif

// The inputs in testdata are real output of blockcheck, with the
// directory they were made in replaced by @ROOT@; testdata/src holds
// the source files they name (see testdata/README.md).

import (
	"bytes"
	"encoding/json"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
)

// srcRoot is the absolute path of testdata/src.
func srcRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("testdata", "src"))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// input reads a testdata input, with @ROOT@ made testdata/src.
func input(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	quoted, _ := json.Marshal(srcRoot(t))
	return bytes.ReplaceAll(data, []byte("@ROOT@"), quoted[1:len(quoted)-1])
}

// convert converts the input with opts, checks the output against the
// SARIF schema and the rules of the format the schema cannot express,
// and returns it decoded.
func convert(t *testing.T, in []byte, opts Options) *sarifLog {
	t.Helper()
	var out bytes.Buffer
	if err := opts.Convert(bytes.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	var inst any
	if err := decodeJSON(out.Bytes(), &inst); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.Bytes())
	}
	if errs := sarifSchema(t).Validate(inst); len(errs) > 0 {
		t.Fatalf("output does not validate against the SARIF 2.1.0 schema:\n%s\n\n%s", strings.Join(errs, "\n"), out.Bytes())
	}
	var log sarifLog
	if err := json.Unmarshal(out.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	checkConsistent(t, &log)
	return &log
}

// checkConsistent checks what SARIF requires beyond its schema.
func checkConsistent(t *testing.T, log *sarifLog) {
	t.Helper()
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	rules := run.Tool.Driver.Rules
	ids := map[string]bool{}
	for _, r := range rules {
		if ids[r.ID] {
			t.Errorf("rule %q listed twice", r.ID)
		}
		ids[r.ID] = true
	}
	for i, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(rules) || rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d: ruleIndex %d does not name rule %q", i, res.RuleIndex, res.RuleID)
		}
		seen := map[int]bool{}
		for _, rl := range res.RelatedLocations {
			if rl.ID < 1 || seen[rl.ID] {
				t.Errorf("result %d: related location id %d not positive and unique", i, rl.ID)
			}
			seen[rl.ID] = true
		}
		var regions []*region
		for _, l := range append(slices.Clone(res.Locations), res.RelatedLocations...) {
			if l.PhysicalLocation != nil && l.PhysicalLocation.Region != nil {
				regions = append(regions, l.PhysicalLocation.Region)
			}
		}
		for _, f := range res.Fixes {
			for _, ch := range f.ArtifactChanges {
				for _, rep := range ch.Replacements {
					regions = append(regions, &rep.DeletedRegion)
				}
			}
		}
		for _, r := range regions {
			if r.EndLine != 0 && (r.EndLine < r.StartLine || r.EndLine == r.StartLine && r.EndColumn < r.StartColumn) {
				t.Errorf("result %d: region %+v ends before it starts", i, *r)
			}
		}
	}
}

// find returns the result at uri:line, failing if there is none.
func find(t *testing.T, log *sarifLog, uri string, line int) result {
	t.Helper()
	for _, r := range log.Runs[0].Results {
		pl := r.Locations[0].PhysicalLocation
		if pl.ArtifactLocation.URI == uri && pl.Region.StartLine == line {
			return r
		}
	}
	t.Fatalf("no result at %s:%d", uri, line)
	return result{}
}

func TestRules(t *testing.T) {
	log := convert(t, input(t, "shop.json"), Options{})
	d := log.Runs[0].Tool.Driver
	if d.Name != "blockcheck" || d.Version != "devel" || d.InformationURI != InformationURI {
		t.Errorf("driver %q %q %q", d.Name, d.Version, d.InformationURI)
	}
	var want []string
	for _, f := range analyzer.Families {
		want = append(want, string(f))
	}
	want = append(want, "directive", "internal")
	var got []string
	for _, r := range d.Rules {
		got = append(got, r.ID)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("rules %v, want %v", got, want)
	}
	docs := analyzer.Rules()
	for i, r := range d.Rules {
		if r.Name == "" || strings.ContainsAny(r.Name, " -") {
			t.Errorf("rule %s: name %q is not an identifier", r.ID, r.Name)
		}
		short := r.ShortDescription.Text
		if !strings.HasSuffix(short, ".") || strings.Contains(short, "\n") || !strings.HasPrefix(r.FullDescription.Text, short) {
			t.Errorf("rule %s: shortDescription %q is not the first sentence of %q", r.ID, short, r.FullDescription.Text)
		}
		if !strings.HasPrefix(r.HelpURI, HelpURI+"#hdr-") {
			t.Errorf("rule %s: helpUri %q", r.ID, r.HelpURI)
		}
		wantLevel := "warning"
		if r.ID == "internal" {
			wantLevel = "error"
		}
		if r.DefaultConfiguration.Level != wantLevel {
			t.Errorf("rule %s: level %q, want %q", r.ID, r.DefaultConfiguration.Level, wantLevel)
		}
		// The chanaudit rule is off by default, and says so; the others
		// leave SARIF's default (enabled).
		if off := r.DefaultConfiguration.Enabled != nil && !*r.DefaultConfiguration.Enabled; off != (r.ID == "chanaudit") {
			t.Errorf("rule %s: enabled %v", r.ID, r.DefaultConfiguration.Enabled)
		}
		if i < len(docs) {
			if r.Help.Text != docs[i].Text {
				t.Errorf("rule %s: help text is not the doc.go section", r.ID)
			}
			// Every example of the doc is a code block of the markdown.
			for _, line := range strings.Split(docs[i].Text, "\n") {
				for _, label := range []string{"WRONG: ", "RIGHT: "} {
					if _, code, ok := strings.Cut(line, label); ok && !strings.Contains(r.Help.Markdown, "```go\n"+code+"\n") {
						t.Errorf("rule %s: markdown has no code block starting with %q:\n%s", r.ID, code, r.Help.Markdown)
					}
				}
			}
		}
	}

	if sleep := d.Rules[0]; sleep.HelpURI != HelpURI+"#hdr-Rule_sleep" {
		t.Errorf("sleep helpUri %q", sleep.HelpURI)
	}
}

// TestDocRule checks how a rule is made of a doc.go section, on a
// section that does not change when doc.go does.
func TestDocRule(t *testing.T) {
	const text = "time.Sleep and *sql.DB calls, with <-time.After. There is more\nto say.\n\n" +
		"\tWRONG: time.Sleep(backoff)\n" +
		"\tRIGHT: t := time.NewTimer(backoff)\n" +
		"\t       select {\n" +
		"\t       case <-ctx.Done():\n" +
		"\t           return ctx.Err()\n" +
		"\t       case <-t.C:\n" +
		"\t       }\n\n" +
		"Closing words."
	r := docRule("sleep", text, "Rule sleep", "warning")
	if got, want := r.ShortDescription.Text, "time.Sleep and *sql.DB calls, with <-time.After."; got != want {
		t.Errorf("shortDescription %q, want %q", got, want)
	}
	if got, want := r.FullDescription.Text, "time.Sleep and *sql.DB calls, with <-time.After. There is more to say.\n\nClosing words."; got != want {
		t.Errorf("fullDescription %q, want %q", got, want)
	}
	if r.Help.Text != text {
		t.Errorf("help text %q", r.Help.Text)
	}
	want := "time.Sleep and \\*sql.DB calls, with \\<-time.After. There is more to say.\n\nClosing words." +
		"\n\nWrong:\n\n```go\ntime.Sleep(backoff)\n```" +
		"\n\nRight:\n\n```go\nt := time.NewTimer(backoff)\nselect {\ncase <-ctx.Done():\n    return ctx.Err()\ncase <-t.C:\n}\n```"
	if r.Help.Markdown != want {
		t.Errorf("markdown\n%s\nwant\n%s", r.Help.Markdown, want)
	}
	if r.Name != "SleepIgnoresCancellation" || r.HelpURI != HelpURI+"#hdr-Rule_sleep" || r.DefaultConfiguration.Level != "warning" {
		t.Errorf("rule %+v", r)
	}
}

// TestHeadingID checks the helpUri anchors against go/doc/comment,
// which pkg.go.dev uses.
func TestHeadingID(t *testing.T) {
	for _, h := range []string{"Rule sleep", "Rule eventloop", "Suppression", "Règle é-1"} {
		want := (&comment.Heading{Text: []comment.Text{comment.Plain(h)}}).DefaultID()
		if got := headingID(h); got != want {
			t.Errorf("headingID(%q) = %q, want %q", h, got, want)
		}
	}
}

func TestShop(t *testing.T) {
	root := srcRoot(t)
	log := convert(t, input(t, "shop.json"), Options{Root: filepath.Join(root, "shop"), Version: "v1.2.3"})
	run := log.Runs[0]
	if run.Tool.Driver.Version != "v1.2.3" {
		t.Errorf("version %q", run.Tool.Driver.Version)
	}
	if got, want := run.OriginalURIBaseIDs[SrcRoot].URI, fileURI(filepath.Join(root, "shop"))+"/"; got != want {
		t.Errorf("%%SRCROOT%% is %q, want %q", got, want)
	}
	if !run.Invocations[0].ExecutionSuccessful || len(run.Invocations[0].ToolExecutionNotifications) > 0 {
		t.Errorf("invocation %+v", run.Invocations[0])
	}
	var got []string
	for _, r := range run.Results {
		pl := r.Locations[0].PhysicalLocation
		if pl.ArtifactLocation.URIBaseID != SrcRoot {
			t.Errorf("%s: uriBaseId %q", pl.ArtifactLocation.URI, pl.ArtifactLocation.URIBaseID)
		}
		got = append(got, r.RuleID+" "+pl.ArtifactLocation.URI)
	}
	want := []string{
		"chan api/search.go",
		"exec api/server.go",
		"chan api/server.go",
		"eventloop worker/notify.go",
		"sleep worker/notify.go",
	}
	if !slices.Equal(got, want) {
		t.Errorf("results\n%v\nwant\n%v", got, want)
	}

	// A finding reached through another package: the code flow runs
	// from the handler through the call into package store to the
	// call that blocks.
	r := find(t, log, "api/server.go", 47)
	if r.RuleID != "exec" || r.Level != "warning" || !strings.HasPrefix(r.Message.Text, "call to (*store.Catalog).DiskUsage in HTTP handler") {
		t.Errorf("result %s %s %q", r.RuleID, r.Level, r.Message.Text)
	}
	if reg := *r.Locations[0].PhysicalLocation.Region; reg != (region{StartLine: 47, StartColumn: 16, EndLine: 47, EndColumn: 37}) {
		t.Errorf("region %+v", reg)
	}
	if len(r.CodeFlows) != 1 || len(r.CodeFlows[0].ThreadFlows) != 1 {
		t.Fatalf("code flows %+v", r.CodeFlows)
	}
	var steps []string
	for _, s := range r.CodeFlows[0].ThreadFlows[0].Locations {
		pl := s.Location.PhysicalLocation
		steps = append(steps, pl.ArtifactLocation.URI+":"+itoa(pl.Region.StartLine)+":"+itoa(pl.Region.StartColumn)+" "+s.Location.Message.Text)
	}
	wantSteps := []string{
		"api/server.go:45:18 entry point: HTTP handler (*Server).handleStatus",
		"store/store.go:54:19 (*store.Catalog).DiskUsage blocks in exec.Command at store.go:55",
		"api/server.go:47:16 " + r.Message.Text,
	}
	if !slices.Equal(steps, wantSteps) {
		t.Errorf("code flow\n%s\nwant\n%s", strings.Join(steps, "\n"), strings.Join(wantSteps, "\n"))
	}
	if len(r.RelatedLocations) != 2 || r.RelatedLocations[1].ID != 2 ||
		r.RelatedLocations[1].PhysicalLocation.ArtifactLocation.URI != "store/store.go" ||
		r.RelatedLocations[1].PhysicalLocation.Region.EndLine != 0 {
		t.Errorf("related locations %+v", r.RelatedLocations)
	}
	if len(r.Fixes) != 0 {
		t.Errorf("fixes %+v", r.Fixes)
	}

	// The abandoned result channel: its fix gives the channel a buffer.
	r = find(t, log, "api/search.go", 20)
	if len(r.Fixes) != 1 {
		t.Fatalf("fixes %+v", r.Fixes)
	}
	f := r.Fixes[0]
	if f.Description.Text != "Give the channel a buffer of 1" || len(f.ArtifactChanges) != 1 ||
		f.ArtifactChanges[0].ArtifactLocation != (artifactLocation{URI: "api/search.go", URIBaseID: SrcRoot}) ||
		len(f.ArtifactChanges[0].Replacements) != 1 {
		t.Fatalf("fix %+v", f)
	}
	rep := f.ArtifactChanges[0].Replacements[0]
	if rep.InsertedContent == nil || rep.InsertedContent.Text != ", 1" {
		t.Errorf("inserted content %+v", rep.InsertedContent)
	}
	dr := rep.DeletedRegion
	if *dr.ByteOffset != 465 || *dr.ByteLength != 0 || dr.StartLine != 18 || dr.StartColumn != 38 || dr.EndLine != 18 || dr.EndColumn != 38 {
		t.Errorf("deleted region %+v (byteOffset %d, byteLength %d)", dr, *dr.ByteOffset, *dr.ByteLength)
	}
	src := readSrc(t, "shop/api/search.go")
	fixed := applyFix(t, src, f)
	if line := strings.Split(string(fixed), "\n")[17]; !strings.Contains(line, "results := make(chan []store.Product, 1)") {
		t.Errorf("fixed line 18: %q", line)
	}
}

// TestVetStream converts what `go vet -vettool=blockcheck -json` prints:
// one object per package, empty ones included.
func TestVetStream(t *testing.T) {
	root := filepath.Join(srcRoot(t), "shop")
	vet := convert(t, input(t, "shop.vet.json"), Options{Root: root})
	single := convert(t, input(t, "shop.json"), Options{Root: root})
	var a, b []string
	for _, r := range vet.Runs[0].Results {
		a = append(a, r.RuleID+" "+r.Message.Text)
	}
	for _, r := range single.Runs[0].Results {
		b = append(b, r.RuleID+" "+r.Message.Text)
	}
	if !slices.Equal(a, b) {
		t.Errorf("go vet stream gives\n%s\nthe command gives\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
}

// TestTick converts a run with -test: every finding comes twice, from
// the package and its test variant. It has an ignore without a reason,
// fixes and a line with non-ASCII text.
func TestTick(t *testing.T) {
	root := srcRoot(t)
	in := input(t, "tick.json")
	if n := bytes.Count(in, []byte(`"category"`)); n != 8 {
		t.Fatalf("the input has %d diagnostics, want 8", n)
	}
	log := convert(t, in, Options{Root: root})
	run := log.Runs[0]
	if len(run.Results) != 4 {
		t.Fatalf("%d results, want 4 (the test variant's are the same)", len(run.Results))
	}

	dir := run.Results[3]
	if dir.RuleID != "directive" || run.Tool.Driver.Rules[dir.RuleIndex].ID != "directive" {
		t.Fatalf("last result %s, want the directive", dir.RuleID)
	}
	// A diagnostic without an end: the region runs to the end of the
	// line.
	if reg := *dir.Locations[0].PhysicalLocation.Region; reg != (region{StartLine: 22, StartColumn: 31}) {
		t.Errorf("directive region %+v", reg)
	}
	if len(dir.CodeFlows) != 0 || len(dir.RelatedLocations) != 0 || len(dir.Fixes) != 0 {
		t.Errorf("directive has a code flow, related locations or fixes: %+v", dir)
	}

	// Line 18 is `	ch <- "«" + v + "»"`: « and » are two bytes each
	// and one UTF-16 code unit each.
	push := find(t, log, "tick/tick.go", 18)
	if reg := *push.Locations[0].PhysicalLocation.Region; reg != (region{StartLine: 18, StartColumn: 2, EndLine: 18, EndColumn: 21}) {
		t.Errorf("send region %+v, want columns 2 to 21 in UTF-16 code units", reg)
	}
	if len(push.Fixes) != 1 {
		t.Fatalf("fixes %+v", push.Fixes)
	}
	dr := push.Fixes[0].ArtifactChanges[0].Replacements[0].DeletedRegion
	if *dr.ByteOffset != 331 || *dr.ByteLength != 21 || dr.StartLine != 18 || dr.StartColumn != 2 || dr.EndLine != 18 || dr.EndColumn != 21 {
		t.Errorf("deleted region %+v (byteOffset %d, byteLength %d)", dr, *dr.ByteOffset, *dr.ByteLength)
	}

	// Every fix applies, and the source still parses.
	src := readSrc(t, "tick/tick.go")
	for _, r := range run.Results {
		for _, f := range r.Fixes {
			fixed := applyFix(t, src, f)
			if _, err := parser.ParseFile(token.NewFileSet(), "tick.go", fixed, 0); err != nil {
				t.Errorf("%s: source after the fix %q does not parse: %v\n%s", r.RuleID, f.Description.Text, err, fixed)
			}
		}
	}
	fixed := applyFix(t, src, push.Fixes[0])
	if !bytes.Contains(fixed, []byte("\tselect {\n\tcase ch <- \"«\" + v + \"»\":\n\tcase <-ctx.Done():\n")) {
		t.Errorf("fixed source:\n%s", fixed)
	}
}

// TestPackageError converts a run on a package that does not type-check.
func TestPackageError(t *testing.T) {
	in := input(t, "bad.json")
	// The test variant fails the same way: one notification.
	in = append(in, []byte(`{"example.com/bad/bad [example.com/bad/bad.test]": {"blockcheck": {"error": "analysis skipped due to errors in package"}}}`)...)
	log := convert(t, in, Options{Root: srcRoot(t)})
	inv := log.Runs[0].Invocations[0]
	if inv.ExecutionSuccessful {
		t.Error("executionSuccessful is true")
	}
	if len(inv.ToolExecutionNotifications) != 1 {
		t.Fatalf("notifications %+v", inv.ToolExecutionNotifications)
	}
	n := inv.ToolExecutionNotifications[0]
	if n.Level != "error" || n.Message.Text != "blockcheck: package example.com/bad/bad: analysis skipped due to errors in package" {
		t.Errorf("notification %+v", n)
	}

	// results is an empty array, not null: code scanning wants it.
	var out bytes.Buffer
	if err := Convert(bytes.NewReader(in), srcRoot(t), &out); err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Runs []struct {
			Results json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	if string(raw.Runs[0].Results) != "[]" {
		t.Errorf("results %s, want []", raw.Runs[0].Results)
	}
}

func TestEmpty(t *testing.T) {
	for _, in := range []string{"", "{}\n", "{}\n{}\n"} {
		log := convert(t, []byte(in), Options{})
		if len(log.Runs[0].Results) != 0 || !log.Runs[0].Invocations[0].ExecutionSuccessful {
			t.Errorf("%q: %+v", in, log.Runs[0])
		}
	}
}

func TestDecode(t *testing.T) {
	in := "# example.com/a\n" +
		`{"example.com/b": {"blockcheck": [{"category": "sleep", "posn": "/r/b.go:1:2", "end": "/r/b.go:1:5", "message": "m"}]}, "example.com/a": {"blockcheck": null}}` +
		"\n# example.com/c\n" +
		`{"example.com/c [example.com/c.test]": {"blockcheck": {"error": "boom"}}}`
	pkgs, err := Decode(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pkgs {
		for _, a := range p.Analyzers {
			got = append(got, p.Path()+" "+a.Name+" "+itoa(len(a.Diagnostics))+" "+a.Error)
		}
	}
	want := []string{"example.com/a blockcheck 0 ", "example.com/b blockcheck 1 ", "example.com/c blockcheck 0 boom"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}

	for _, bad := range []string{
		"{} x",
		`{"p": {"blockcheck": "x"}}`,
		`{"p": {"blockcheck": {"errors": "x"}}}`,
		`[1]`,
	} {
		if _, err := Decode(strings.NewReader(bad)); err == nil {
			t.Errorf("Decode(%q) succeeded", bad)
		}
	}
}

// TestUnknownCategory: a category the converter does not know gets a
// rule of its own.
func TestUnknownCategory(t *testing.T) {
	in := `{"p": {"blockcheck": [
		{"category": "new-family", "posn": "/r/a.go:3:1", "end": "/r/a.go:3:1", "message": "x"},
		{"posn": "/r/a.go:4:1", "end": "/r/a.go:4:1", "message": "y"},
		{"category": "new-family", "posn": "/r/a.go:5:1", "end": "/r/a.go:5:1", "message": "z"}]}}`
	log := convert(t, []byte(in), Options{Root: "/r"})
	rules := log.Runs[0].Tool.Driver.Rules
	n := len(analyzer.Families) + 2
	if len(rules) != n+2 || rules[n].ID != "new-family" || rules[n].Name != "NewFamily" || rules[n+1].ID != "blockcheck" {
		t.Errorf("rules %+v", rules[n:])
	}
}

func TestArtifact(t *testing.T) {
	root := t.TempDir()
	c := &converter{root: root}
	tests := []struct {
		file string
		want artifactLocation
	}{
		{filepath.Join(root, "a", "b.go"), artifactLocation{URI: "a/b.go", URIBaseID: SrcRoot}},
		{filepath.Join(root, "a b", "c%d.go"), artifactLocation{URI: "a%20b/c%25d.go", URIBaseID: SrcRoot}},
		{filepath.Join(root, "a:b.go"), artifactLocation{URI: "./a:b.go", URIBaseID: SrcRoot}},
		{filepath.Join(root, "..", "dep", "x.go"), artifactLocation{URI: fileURI(filepath.Join(filepath.Dir(root), "dep", "x.go"))}},
		{"/go/pkg/mod/example.com/m@v1.0.0/x.go", artifactLocation{URI: "file:///go/pkg/mod/example.com/m@v1.0.0/x.go"}},
	}
	for _, tt := range tests {
		if got := c.artifact(tt.file); got != tt.want {
			t.Errorf("artifact(%q) = %+v, want %+v", tt.file, got, tt.want)
		}
	}

	// A file outside the root, in a finding: an absolute URI and no
	// uriBaseId, which the schema accepts.
	in := `{"p": {"blockcheck": [{"category": "net", "posn": "/elsewhere/x.go:3:1", "end": "/elsewhere/x.go:3:9", "message": "x",
		"related": [{"posn": "` + filepath.ToSlash(filepath.Join(root, "in.go")) + `:1:1", "end": "", "message": "entry point"}]}]}}`
	log := convert(t, []byte(in), Options{Root: root})
	r := log.Runs[0].Results[0]
	if got := r.Locations[0].PhysicalLocation.ArtifactLocation; got != (artifactLocation{URI: "file:///elsewhere/x.go"}) {
		t.Errorf("location %+v", got)
	}
	if got := r.RelatedLocations[0].PhysicalLocation.ArtifactLocation; got != (artifactLocation{URI: "in.go", URIBaseID: SrcRoot}) {
		t.Errorf("related location %+v", got)
	}
}

func TestParsePosn(t *testing.T) {
	tests := []struct {
		in   string
		want posn
		ok   bool
	}{
		{"/a/b.go:12:3", posn{"/a/b.go", 12, 3}, true},
		{"/a/b.go:12", posn{"/a/b.go", 12, 0}, true},
		{"/a/b.go", posn{"/a/b.go", 0, 0}, true},
		{`C:\a\b.go:12:3`, posn{`C:\a\b.go`, 12, 3}, true},
		{"-", posn{}, false},
		{"", posn{}, false},
		{":1:2", posn{}, false},
	}
	for _, tt := range tests {
		got, ok := parsePosn(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parsePosn(%q) = %+v, %v, want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestColumns(t *testing.T) {
	f := newSrcFile([]byte("ab\n\t«x» 😀y\n"), true)
	for _, tt := range []struct{ line, byteCol, want int }{
		{1, 1, 1}, {1, 3, 3}, {2, 1, 1}, {2, 2, 2}, {2, 4, 3}, {2, 5, 4}, {2, 7, 5}, {2, 8, 6}, {2, 12, 8},
		{9, 4, 4}, // past the end: the byte column
	} {
		if got := f.column(tt.line, tt.byteCol); got != tt.want {
			t.Errorf("column(%d, %d) = %d, want %d", tt.line, tt.byteCol, got, tt.want)
		}
	}
	for _, tt := range []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {4, 2, 2}, {6, 2, 3}, {15, 2, 9}, {16, 3, 1},
	} {
		if line, col, ok := f.position(tt.off); !ok || line != tt.line || col != tt.col {
			t.Errorf("position(%d) = %d:%d %v, want %d:%d", tt.off, line, col, ok, tt.line, tt.col)
		}
	}
	if _, _, ok := f.position(17); ok {
		t.Error("position past the end succeeded")
	}
	if got := newSrcFile(nil, false).column(3, 7); got != 7 {
		t.Errorf("column without the file = %d, want the byte column", got)
	}
}

func readSrc(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "src", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// applyFix applies a fix's replacements, by their byte offsets, to the
// source of its one file.
func applyFix(t *testing.T, src []byte, f fix) []byte {
	t.Helper()
	if len(f.ArtifactChanges) != 1 {
		t.Fatalf("fix changes %d files", len(f.ArtifactChanges))
	}
	reps := slices.Clone(f.ArtifactChanges[0].Replacements)
	slices.SortFunc(reps, func(a, b replacement) int { return *b.DeletedRegion.ByteOffset - *a.DeletedRegion.ByteOffset })
	out := slices.Clone(src)
	for _, r := range reps {
		start, end := *r.DeletedRegion.ByteOffset, *r.DeletedRegion.ByteOffset+*r.DeletedRegion.ByteLength
		var text []byte
		if r.InsertedContent != nil {
			text = []byte(r.InsertedContent.Text)
		}
		out = slices.Concat(out[:start], text, out[end:])
	}
	return out
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
