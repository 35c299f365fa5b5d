package analyzer

import (
	"go/ast"
	"go/token"
	"strings"
)

// Directives are comments that speak to blockcheck:
//
//	//blockcheck:ignore reason   on the line, the line above, or in a
//	                             function's doc comment
//	//blockcheck:entry           in a function's doc comment
const (
	ignorePrefix = "//blockcheck:ignore"
	entryPrefix  = "//blockcheck:entry"
)

type directive struct {
	pos    token.Pos
	reason string
}

type directives struct {
	fset  *token.FileSet
	lines map[string]map[int]*directive // file name -> line -> ignore
	funcs map[*ast.CommentGroup]*directive
	entry map[*ast.FuncDecl]bool
	bad   []*directive // ignores without a reason
	// spaced are comments that would be directives but for a space
	// after the slashes ("// blockcheck:ignore"), which makes them
	// plain comments; reason holds the directive's name.
	spaced []*directive
}

// parseDirectives reads every directive of the package's files.
func parseDirectives(fset *token.FileSet, files []*ast.File) *directives {
	d := &directives{
		fset:  fset,
		lines: map[string]map[int]*directive{},
		funcs: map[*ast.CommentGroup]*directive{},
		entry: map[*ast.FuncDecl]bool{},
	}
	for _, f := range files {
		docs := map[*ast.CommentGroup]*ast.FuncDecl{}
		for _, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Doc != nil {
				docs[fd.Doc] = fd
			}
		}
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				switch {
				case hasDirective(c.Text, ignorePrefix):
					// The reason is the text after the directive, up to a
					// comment written after it.
					reason, _, _ := strings.Cut(c.Text[len(ignorePrefix):], "//")
					dir := &directive{pos: c.Pos(), reason: strings.TrimSpace(reason)}
					if dir.reason == "" {
						d.bad = append(d.bad, dir)
						continue
					}
					if docs[cg] != nil {
						d.funcs[cg] = dir
						continue
					}
					p := fset.Position(c.Pos())
					if d.lines[p.Filename] == nil {
						d.lines[p.Filename] = map[int]*directive{}
					}
					d.lines[p.Filename][p.Line] = dir
				case hasDirective(c.Text, entryPrefix):
					if fd := docs[cg]; fd != nil {
						d.entry[fd] = true
					}
				default:
					if name := spacedDirective(c.Text); name != "" {
						d.spaced = append(d.spaced, &directive{pos: c.Pos(), reason: name})
					}
				}
			}
		}
	}
	return d
}

// hasDirective reports whether text is the directive prefix, alone or
// followed by a space.
func hasDirective(text, prefix string) bool {
	rest, ok := strings.CutPrefix(text, prefix)
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}

// spacedDirective is the directive a comment was meant to be, with
// white space between the slashes and the directive ("//
// blockcheck:ignore"), or "".
func spacedDirective(text string) string {
	rest, ok := strings.CutPrefix(text, "//")
	if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
		return ""
	}
	rest = "//" + strings.TrimLeft(rest, " \t")
	for _, prefix := range []string{ignorePrefix, entryPrefix} {
		if hasDirective(rest, prefix) {
			return prefix
		}
	}
	return ""
}

// onFunc is the ignore directive of a function's doc comment, if any.
func (d *directives) onFunc(doc *ast.CommentGroup) *directive {
	if doc == nil {
		return nil
	}
	return d.funcs[doc]
}

// suppressed reports whether a finding at pos is silenced by an ignore
// on its line or the line above, or on a function of its chain.
func (d *directives) suppressed(pos token.Pos, chain []*funcInfo) bool {
	p := d.fset.Position(pos)
	if lines := d.lines[p.Filename]; lines != nil && (lines[p.Line] != nil || lines[p.Line-1] != nil) {
		return true
	}
	for _, fi := range chain {
		if fi != nil && fi.ignore != nil {
			return true
		}
	}
	return false
}
