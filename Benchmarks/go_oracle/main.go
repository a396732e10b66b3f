// Command go_oracle answers, for Benchmarks/navigation_go.py, what go/types says each identifier of a Go
// file uses: one JSON request per line on stdin ({"file": REL}), one JSON line back with every use in that
// file and the position of the object it denotes. The tree is a copy of GOROOT/src (ROOT), so a file's
// package is type-checked from GOROOT with the source importer and positions map back by relative path.
//
//	go run ./go_oracle ROOT
package main

import (
	"bufio"
	"encoding/json"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
)

type target struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Kind   string `json:"kind"`
	Local  bool   `json:"local"`
}

type use struct {
	Line   int     `json:"line"`
	Column int     `json:"column"`
	Name   string  `json:"name"`
	Member bool    `json:"member"`
	Target *target `json:"target"`
}

func main() {
	root, _ := filepath.Abs(os.Args[1])
	goroot := filepath.Join(build.Default.GOROOT, "src")
	build.Default.CgoEnabled = false
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	checked := map[string]*types.Info{}
	files := map[string]*ast.File{}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var req struct{ File string }
		if json.Unmarshal(in.Bytes(), &req) != nil {
			out.Encode([]use{})
			continue
		}
		dir := filepath.Dir(filepath.Join(goroot, req.File))
		info, ok := checked[dir]
		if !ok {
			info = check(fset, imp, dir, files)
			checked[dir] = info
		}
		f := files[filepath.Join(goroot, req.File)]
		result := []use{}
		if f != nil && info != nil {
			ast.Inspect(f, func(n ast.Node) bool {
				id, ok := n.(*ast.Ident)
				if !ok {
					return true
				}
				obj := info.Uses[id]
				if obj == nil {
					return true
				}
				p := fset.Position(id.Pos())
				u := use{Line: p.Line, Column: p.Column, Name: id.Name}
				if sel, ok := parentSelector(f, id); ok && sel {
					u.Member = true
				}
				if obj.Pos().IsValid() {
					tp := fset.Position(obj.Pos())
					if rel, err := filepath.Rel(goroot, tp.Filename); err == nil && !strings.HasPrefix(rel, "..") {
						local := obj.Parent() != nil && obj.Parent() != obj.Pkg().Scope() && obj.Parent() != types.Universe
						u.Target = &target{File: rel, Line: tp.Line, Column: tp.Column, Kind: kind(obj), Local: local}
					}
				}
				result = append(result, u)
				return true
			})
		}
		out.Encode(result)
	}
	_ = root
}

func check(fset *token.FileSet, imp types.Importer, dir string, files map[string]*ast.File) *types.Info {
	pkg, err := build.ImportDir(dir, 0)
	if err != nil {
		return nil
	}
	var parsed []*ast.File
	for _, name := range pkg.GoFiles {
		path := filepath.Join(dir, name)
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		files[path] = f
		parsed = append(parsed, f)
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: imp, Error: func(error) {}, FakeImportC: true}
	conf.Check(pkg.ImportPath, fset, parsed, info)
	return info
}

func parentSelector(f *ast.File, id *ast.Ident) (bool, bool) {
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		if n.Pos() > id.Pos() || n.End() < id.End() {
			return false
		}
		if s, ok := n.(*ast.SelectorExpr); ok && s.Sel == id {
			found = true
			return false
		}
		return true
	})
	return found, true
}

func kind(obj types.Object) string {
	switch o := obj.(type) {
	case *types.PkgName:
		return "package"
	case *types.TypeName:
		return "type"
	case *types.Func:
		if o.Type().(*types.Signature).Recv() != nil {
			return "method"
		}
		return "func"
	case *types.Var:
		if o.IsField() {
			return "field"
		}
		return "var"
	case *types.Const:
		return "const"
	case *types.Label:
		return "label"
	}
	return "other"
}
