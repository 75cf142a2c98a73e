package notebook

import (
	"errors"
	"fmt"
	"io"
)

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
