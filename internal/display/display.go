// Package display shows pictures in the output of a GoNB notebook cell, through GoNB's
// gonbui: [DisplayPNG], and [Show], the body of the picture packages' Show functions
// (helpers/digitplot, helpers/figures). It is apart from internal/notebook so that only
// the packages that draw link gonbui.
package display

import (
	"errors"
	"fmt"
	"io"

	"github.com/janpfeifer/gonb/gonbui"
)

// ErrNoDisplay is returned by [DisplayPNG] when the program was not started by GoNB,
// so there is no cell to show a picture in.
var ErrNoDisplay = errors.New("not running in a GoNB notebook")

// CanDisplay reports whether GoNB's display pipes are there (gonbui.IsNotebook), that
// is whether [DisplayPNG] has a cell to show pictures in.
func CanDisplay() bool { return gonbui.IsNotebook }

// DisplayPNG shows the PNG image b in the cell and waits until GoNB has taken it: GoNB
// reads displays from a pipe concurrently with the cell's stdout, so without the wait
// the picture could lose its place among the outputs, or be lost when the cell ends.
// It returns [ErrNoDisplay] outside a notebook, and gonbui's error if the pipes broke.
func DisplayPNG(b []byte) error {
	if !CanDisplay() {
		return ErrNoDisplay
	}
	gonbui.DisplayPNG(b)
	gonbui.Sync()
	return gonbui.Error()
}

// Show is the body of the Show functions of the picture packages (helpers/digitplot,
// helpers/figures), which a learner calls bare in a cell: it renders a PNG with render,
// shows it in the cell with [DisplayPNG], and never panics. Any error is printed on w
// (the package's standard error, which GoNB shows in the cell) and returned:
//
//   - render's own error, as it is;
//   - a panic in render (in a learner's function, say), as "<pkg>: drawing failed: <value>";
//   - notNotebook, the calling package's own error, when there is no cell to show the
//     picture in ([ErrNoDisplay]);
//   - a broken pipe to GoNB, as "<pkg>: sending the figure to GoNB: <error>".
func Show(w io.Writer, pkg string, notNotebook error, render func() ([]byte, error)) error {
	err := show(pkg, notNotebook, render)
	if err != nil {
		fmt.Fprintln(w, err)
	}
	return err
}

func show(pkg string, notNotebook error, render func() ([]byte, error)) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: drawing failed: %v", pkg, r)
		}
	}()
	b, err := render()
	if err != nil {
		return err
	}
	err = DisplayPNG(b)
	switch {
	case errors.Is(err, ErrNoDisplay):
		return notNotebook
	case err != nil:
		return fmt.Errorf("%s: sending the figure to GoNB: %w", pkg, err)
	}
	return nil
}
