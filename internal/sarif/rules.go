package sarif

import (
	"slices"
	"strings"
	"unicode"

	"github.com/blockcheck/blockcheck/analyzer"
)

// HelpURI is the page that documents every rule: the analyzer's package
// documentation. A rule's helpUri adds the anchor of its section.
const HelpURI = "https://pkg.go.dev/github.com/blockcheck/blockcheck/analyzer"

// ruleNames are the rules' names: SARIF wants an identifier that says
// what is wrong, where the id is a short key.
var ruleNames = map[string]string{
	string(analyzer.Sleep):     "SleepIgnoresCancellation",
	string(analyzer.Chan):      "ChannelOperationWithoutWayOut",
	string(analyzer.Sync):      "SyncWaitIgnoresCancellation",
	string(analyzer.HTTP):      "HTTPRequestWithoutContext",
	string(analyzer.SQL):       "SQLCallWithoutContext",
	string(analyzer.Exec):      "CommandWithoutContext",
	string(analyzer.Net):       "NetworkCallWithoutContext",
	string(analyzer.Syscall):   "BlockingSystemCall",
	string(analyzer.EventLoop): "BlockingCallInEventLoop",
	string(analyzer.Custom):    "UserDeclaredBlockingCall",
	"directive":                "IgnoreWithoutReason",
	"internal":                 "InternalError",
}

// directiveDoc documents the "directive" rule, in the form of doc.go's
// "# Rule" sections; it is what doc.go's "# Suppression" says.
const directiveDoc = `A //blockcheck:ignore directive without a reason. An ignore
silences the findings on its line or the line below; in a function's
doc comment, every finding in that function and every finding reached
through it. It must say why the findings do not apply: an ignore
without a reason silences nothing and is reported itself.

	WRONG: time.Sleep(warmup) //blockcheck:ignore
	RIGHT: time.Sleep(warmup) //blockcheck:ignore warm-up pause, bounded and measured`

// internalDoc documents the "internal" rule.
const internalDoc = `blockcheck crashed while analysing a package. The crash is reported
as one finding that names the package and the function being analysed,
and the other packages are analysed as usual. Please report it; the
-stack flag adds the stack to the message.`

// baseRules are the rules every log lists: one per rule family, in the
// order of analyzer.Families, then "directive" and "internal".
func baseRules() []rule {
	var rules []rule
	for _, rd := range analyzer.Rules() {
		r := docRule(string(rd.Family), rd.Text, "Rule "+string(rd.Family), "warning")
		if slices.Contains(analyzer.DefaultOff, rd.Family) {
			off := false
			r.DefaultConfiguration.Enabled = &off
		}
		rules = append(rules, r)
	}
	rules = append(rules,
		docRule("directive", directiveDoc, "Suppression", "warning"),
		docRule("internal", internalDoc, "Analyzer blockcheck", "error"))
	return rules
}

// unknownRule is the rule of a category the converter does not know.
func unknownRule(id string) rule {
	return docRule(id, "A finding of blockcheck in the category "+id+".", "", "warning")
}

// docRule builds a rule from its documentation, written as a "# Rule"
// section of doc.go is: paragraphs of prose, then examples indented by
// a tab, each starting with WRONG: or RIGHT: and continued by lines
// aligned with the text after the label. heading is the section's
// heading in the package documentation, "" for none.
func docRule(id, text, heading, level string) rule {
	d := parseDoc(text)
	name := ruleNames[id]
	if name == "" {
		name = identifier(id)
	}
	short := id
	if len(d.prose) > 0 {
		short = firstSentence(d.prose[0])
	}
	uri := HelpURI
	if heading != "" {
		uri += "#" + headingID(heading)
	}
	return rule{
		ID:               id,
		Name:             name,
		ShortDescription: message{Text: short},
		FullDescription:  message{Text: strings.Join(d.prose, "\n\n")},
		Help: message{
			Text:     strings.TrimSpace(text),
			Markdown: d.markdown(),
		},
		HelpURI:              uri,
		DefaultConfiguration: configuration{Level: level},
	}
}

// ruleDoc is a rule's documentation, parsed.
type ruleDoc struct {
	prose    []string  // paragraphs, each on one line
	examples []example // in order
}

// An example is a piece of code, marked wrong or right.
type example struct {
	label string // "WRONG", "RIGHT" or ""
	code  string
}

func parseDoc(text string) ruleDoc {
	var d ruleDoc
	var para []string
	endPara := func() {
		if len(para) > 0 {
			d.prose = append(d.prose, strings.Join(para, " "))
			para = nil
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		switch {
		case strings.TrimSpace(line) == "":
			endPara()
		case strings.HasPrefix(line, "\t"):
			endPara()
			line = line[1:]
			label, code, ok := strings.Cut(line, ": ")
			if ok && (label == "WRONG" || label == "RIGHT") {
				d.examples = append(d.examples, example{label: label, code: code})
				continue
			}
			// A continuation line: aligned with the text after "WRONG: ".
			line = strings.TrimPrefix(line, strings.Repeat(" ", min(len("WRONG: "), leadingSpaces(line))))
			if n := len(d.examples); n > 0 {
				d.examples[n-1].code += "\n" + line
			} else {
				d.examples = append(d.examples, example{code: line})
			}
		default:
			para = append(para, strings.TrimSpace(line))
		}
	}
	endPara()
	return d
}

// markdown renders the documentation as Markdown: the prose, then each
// example as a block of Go code under its label.
func (d ruleDoc) markdown() string {
	var b strings.Builder
	for i, p := range d.prose {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(escapeMarkdown(p))
	}
	for _, ex := range d.examples {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		switch ex.label {
		case "WRONG":
			b.WriteString("Wrong:\n\n")
		case "RIGHT":
			b.WriteString("Right:\n\n")
		}
		fence := "```"
		for strings.Contains(ex.code, fence) {
			fence += "`"
		}
		b.WriteString(fence + "go\n" + ex.code + "\n" + fence)
	}
	return b.String()
}

// escapeMarkdown escapes the characters of prose that Markdown would
// read as emphasis, code, links or HTML: *sql.DB is a pointer, not the
// start of emphasis.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// firstSentence is the first sentence of a paragraph: up to the first
// period that a space and a capital letter follow.
func firstSentence(p string) string {
	for i := 0; i+2 < len(p); i++ {
		if p[i] == '.' && p[i+1] == ' ' && unicode.IsUpper(rune(p[i+2])) {
			return p[:i+1]
		}
	}
	return p
}

// headingID is the anchor that pkg.go.dev gives a heading of a doc
// comment, as (*go/doc/comment.Heading).DefaultID computes it.
func headingID(heading string) string {
	var b strings.Builder
	b.WriteString("hdr-")
	for _, r := range heading {
		if r < 0x80 && (r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// identifier makes a rule name of an id: "foo-bar" becomes "FooBar".
func identifier(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "Finding"
	}
	return b.String()
}

func leadingSpaces(s string) int {
	return len(s) - len(strings.TrimLeft(s, " "))
}
