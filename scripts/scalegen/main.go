// Command scalegen writes a Go module with one package of generated
// blocking calls, for scripts/scale: blockcheck's cost should grow in
// step with the number of findings.
//
//	scalegen -shape funcs -n 3000 -files 10 DIR
//
// Shapes (n is the number of findings, rounded down to a whole shape):
//
//	funcs       n/3 functions, each taking a context and calling
//	            time.Sleep, http.Get and (*sql.DB).Query
//	big         one function taking a context that makes all n calls
//	goroutines  one function taking a context that starts n goroutines,
//	            each sleeping
//
// Every time.Sleep and Query finding comes with a suggested fix.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
)

const header = `package scale

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

var (
	_ = context.TODO
	_ = sql.Open
	_ = http.Get
	_ = time.Sleep
)
`

func main() {
	shape := flag.String("shape", "funcs", "funcs, big or goroutines")
	n := flag.Int("n", 3000, "number of findings")
	files := flag.Int("files", 1, "number of files the package is spread over")
	flag.Parse()
	if flag.NArg() != 1 || *files < 1 {
		log.Fatal("usage: scalegen [-shape S] [-n N] [-files F] DIR")
	}
	dir := flag.Arg(0)
	if err := os.MkdirAll(filepath.Join(dir, "scale"), 0o755); err != nil {
		log.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	write("go.mod", "module example.com/scale\n\ngo 1.22\n")
	bodies := Generate(*shape, *n, *files)
	for i, body := range bodies {
		write(filepath.Join("scale", fmt.Sprintf("scale%d.go", i)), body)
	}
}

// Generate returns the files of the package.
func Generate(shape string, n, files int) []string {
	out := make([]strings.Builder, files)
	for i := range out {
		out[i].WriteString(header)
	}
	switch shape {
	case "funcs":
		for i := range n / 3 {
			b := &out[i*files/max(n/3, 1)]
			fmt.Fprintf(b, "\nfunc F%d(ctx context.Context, db *sql.DB, url, q string) error {\n", i)
			b.WriteString("\ttime.Sleep(time.Second)\n")
			b.WriteString("\tif _, err := http.Get(url); err != nil {\n\t\treturn err\n\t}\n")
			b.WriteString("\t_, err := db.Query(q)\n\treturn err\n}\n")
		}
	case "big":
		// One function per file, n/files calls in each.
		for f := range files {
			b := &out[f]
			per := n / files
			fmt.Fprintf(b, "\nfunc Big%d(ctx context.Context, db *sql.DB, url, q string) error {\n", f)
			for i := range per {
				switch i % 3 {
				case 0:
					b.WriteString("\ttime.Sleep(time.Second)\n")
				case 1:
					b.WriteString("\thttp.Get(url)\n")
				case 2:
					b.WriteString("\tdb.Query(q)\n")
				}
			}
			b.WriteString("\treturn nil\n}\n")
		}
	case "goroutines":
		for f := range files {
			b := &out[f]
			per := n / files
			fmt.Fprintf(b, "\nfunc Spawn%d(ctx context.Context) {\n", f)
			for range per {
				b.WriteString("\tgo func() { time.Sleep(time.Second) }()\n")
			}
			b.WriteString("}\n")
		}
	default:
		log.Fatalf("unknown shape %q", shape)
	}
	texts := make([]string, files)
	for i := range out {
		texts[i] = out[i].String()
	}
	return texts
}
