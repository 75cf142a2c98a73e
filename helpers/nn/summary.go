package nn

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/mlspec-go/nnlab/internal/notebook"
)

// Keras's summary layout for sequential models: 65 characters per line, columns starting at 0, 29 and 55.
const (
	summaryWidth = 65
	summaryCol2  = 29
	summaryCol3  = 55
)

// Summary prints the model's table to stdout, in the layout of Keras's model.summary().
// For an invalid or nil model it ends the cell with the model's error instead (see
// notebook.Fail: outside a cell, it panics with it).
func (m *Model) Summary() {
	fmt.Fprint(os.Stdout, notebook.Must(m.SummaryString()))
}

// SummaryString returns the text Summary prints: the layers with their output shapes and parameter counts,
// then the totals with thousands separators, laid out like Keras (65-character rules, columns at 29 and 55).
// Lines carry no trailing spaces; the text ends with a newline.
// For an invalid or nil model it returns the model's error.
func (m *Model) SummaryString() (string, error) {
	if err := m.check(); err != nil {
		return "", err
	}
	var sb strings.Builder
	under := strings.Repeat("_", summaryWidth) + "\n"
	equal := strings.Repeat("=", summaryWidth) + "\n"
	fmt.Fprintf(&sb, "Model: %q\n", m.name)
	sb.WriteString(under)
	sb.WriteString(summaryRow("Layer (type)", "Output Shape", "Param #"))
	sb.WriteString(equal)
	for i, l := range m.layers {
		sb.WriteString(summaryRow(
			fmt.Sprintf("%s (%s)", l.Name, l.Type),
			fmt.Sprintf("(None, %d)", l.Units),
			strconv.Itoa(l.Params)))
		if i < len(m.layers)-1 {
			sb.WriteString(under)
		}
	}
	sb.WriteString(equal)
	total := m.NumParams()
	fmt.Fprintf(&sb, "Total params: %s\n", thousands(total))
	fmt.Fprintf(&sb, "Trainable params: %s\n", thousands(total))
	sb.WriteString("Non-trainable params: 0\n")
	sb.WriteString(under)
	return sb.String(), nil
}

// summaryRow lays out three fields like Keras's print_row: each field is cut to its column,
// and at least one space separates it from the next.
func summaryRow(fields ...string) string {
	positions := []int{summaryCol2, summaryCol3, summaryWidth}
	line := ""
	for i, f := range fields {
		if i > 0 {
			line = line[:len(line)-1] + " "
		}
		line += f
		if len(line) > positions[i] {
			line = line[:positions[i]]
		}
		line += strings.Repeat(" ", positions[i]-len(line))
	}
	return strings.TrimRight(line, " ") + "\n"
}

// thousands formats n with commas every three digits: 10431 -> "10,431".
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
