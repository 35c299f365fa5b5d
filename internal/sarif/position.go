package sarif

import (
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
)

// posn is a position as token.Position prints it.
type posn struct {
	file      string
	line, col int // 1-based; 0 when absent; col counts bytes
}

// parsePosn parses "file:line:col", "file:line" or "file", the forms
// token.Position.String prints ("-" for no position). The line and
// column are taken from the right, so a file name may hold colons.
func parsePosn(s string) (posn, bool) {
	if s == "" || s == "-" {
		return posn{}, false
	}
	var nums []int
	rest := s
	for len(nums) < 2 {
		i := strings.LastIndexByte(rest, ':')
		if i < 0 {
			break
		}
		n, err := strconv.Atoi(rest[i+1:])
		if err != nil || n < 0 {
			break
		}
		nums = append(nums, n)
		rest = rest[:i]
	}
	if rest == "" {
		return posn{}, false
	}
	p := posn{file: rest}
	switch len(nums) {
	case 1:
		p.line = nums[0]
	case 2:
		p.line, p.col = nums[1], nums[0]
	}
	return p, true
}

// artifact names a file: relative to the root, with the uriBaseId
// %SRCROOT%, when it is under the root, else by an absolute file URI.
func (c *converter) artifact(name string) artifactLocation {
	abs, err := filepath.Abs(name)
	if err != nil {
		abs = name
	}
	if rel, ok := within(c.root, abs); ok {
		return artifactLocation{URI: relativeURI(rel), URIBaseID: SrcRoot}
	}
	if c.realRoot != "" {
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			if rel, ok := within(c.realRoot, real); ok {
				return artifactLocation{URI: relativeURI(rel), URIBaseID: SrcRoot}
			}
		}
	}
	return artifactLocation{URI: fileURI(abs)}
}

// within reports the path of file relative to dir, if file is under dir.
func within(dir, file string) (string, bool) {
	rel, err := filepath.Rel(dir, file)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return rel, true
}

// relativeURI is the relative URI reference of a relative file path.
func relativeURI(rel string) string {
	// url.URL escapes what needs escaping and writes "./" before a
	// first segment with a colon, which would read as a scheme.
	return (&url.URL{Path: filepath.ToSlash(rel)}).String()
}

// fileURI is the file URI of an absolute file path.
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// srcFile is a source file, read to convert byte columns and offsets
// into lines and UTF-16 columns.
type srcFile struct {
	ok    bool   // the file could be read
	data  []byte // its content
	lines []int  // the offset at which each line starts
}

func newSrcFile(data []byte, ok bool) *srcFile {
	f := &srcFile{ok: ok, data: data, lines: []int{0}}
	for i, b := range data {
		if b == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	return f
}

// column converts a 1-based byte column on a 1-based line into a
// 1-based column in UTF-16 code units. Without the file, or past its
// end, it returns the byte column.
func (f *srcFile) column(line, col int) int {
	if !f.ok || line < 1 || line > len(f.lines) || col < 1 {
		return col
	}
	start := f.lines[line-1]
	end := start + col - 1
	if end > len(f.data) {
		return col
	}
	return 1 + utf16Len(f.data[start:end])
}

// position converts a 0-based byte offset into a 1-based line and a
// 1-based column in UTF-16 code units. It reports false without the
// file or when the offset is past its end.
func (f *srcFile) position(off int) (line, col int, ok bool) {
	if !f.ok || off < 0 || off > len(f.data) {
		return 0, 0, false
	}
	// The last line starting at or before off.
	lo, hi := 0, len(f.lines)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if f.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1, 1 + utf16Len(f.data[f.lines[lo]:off]), true
}

// utf16Len is the length of UTF-8 text in UTF-16 code units. An invalid
// byte counts as one unit, as it becomes U+FFFD.
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		b = b[size:]
	}
	return n
}
