package npfmt

import "strings"

// array is a 1-D or 2-D array ready to lay out: its shape and a function
// that returns the formatted element at a (row-major) position.
type array struct {
	shape []int
	word  func(index []int) string
}

// size is the number of elements.
func size(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// shownIndices lists the positions along one axis of length n that a print
// shows: all of them, or the first and last edgeItems when summarising.
func shownIndices(n int, summarise bool) []int {
	if !summarise || n <= 2*edgeItems {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	idx := make([]int, 0, 2*edgeItems)
	for i := 0; i < edgeItems; i++ {
		idx = append(idx, i)
	}
	for i := n - edgeItems; i < n; i++ {
		idx = append(idx, i)
	}
	return idx
}

// shownFlat returns the row-major flat offsets of the elements a print shows
// (numpy picks the number format from these only).
func shownFlat(shape []int, summarise bool) []int {
	switch len(shape) {
	case 1:
		return shownIndices(shape[0], summarise)
	case 2:
		var flat []int
		cols := shownIndices(shape[1], summarise)
		for _, r := range shownIndices(shape[0], summarise) {
			for _, c := range cols {
				flat = append(flat, r*shape[1]+c)
			}
		}
		return flat
	}
	panic("npfmt: only 1-D and 2-D arrays are supported")
}

// layout arranges the words like numpy's _formatArray: brackets, separators
// of one space, lines wrapped at lineWidth with a hanging indent, rows of a
// 2-D array on their own lines, and "..." where a summarised axis is cut.
func (a array) layout(summarise bool) string {
	if size(a.shape) == 0 {
		return "[]"
	}
	index := make([]int, 0, len(a.shape))
	return a.recurse(index, " ", lineWidth, summarise)
}

func (a array) recurse(index []int, hangingIndent string, currWidth int, summarise bool) string {
	axis := len(index)
	axesLeft := len(a.shape) - axis
	if axesLeft == 0 {
		return a.word(index)
	}
	nextHangingIndent := hangingIndent + " "
	nextWidth := currWidth - 1 // room for the closing ']'
	n := a.shape[axis]
	showSummary := summarise && 2*edgeItems < n
	leading, trailing := 0, n
	if showSummary {
		leading, trailing = edgeItems, edgeItems
	}
	sub := func(i int) string {
		return a.recurse(append(index[:axis:axis], i), nextHangingIndent, nextWidth, summarise)
	}

	var s strings.Builder
	if axesLeft == 1 {
		elemWidth := currWidth - 1 // len(']') > len(separator.rstrip())
		line := hangingIndent
		for i := 0; i < leading; i++ {
			line = extendLine(&s, line, sub(i), elemWidth, hangingIndent)
			line += " "
		}
		if showSummary {
			line = extendLine(&s, line, "...", elemWidth, hangingIndent)
			line += " "
		}
		for i := trailing; i > 1; i-- {
			line = extendLine(&s, line, sub(n-i), elemWidth, hangingIndent)
			line += " "
		}
		line = extendLine(&s, line, sub(n-1), elemWidth, hangingIndent)
		s.WriteString(line)
	} else {
		lineSep := strings.Repeat("\n", axesLeft-1)
		for i := 0; i < leading; i++ {
			s.WriteString(hangingIndent + sub(i) + lineSep)
		}
		if showSummary {
			s.WriteString(hangingIndent + "..." + lineSep)
		}
		for i := trailing; i > 1; i-- {
			s.WriteString(hangingIndent + sub(n-i) + lineSep)
		}
		s.WriteString(hangingIndent + sub(n-1))
	}
	return "[" + s.String()[len(hangingIndent):] + "]"
}

// extendLine appends word to line, first flushing line to s when the word
// would overflow width (unless the line holds nothing but its indent).
func extendLine(s *strings.Builder, line, word string, width int, nextLinePrefix string) string {
	if len(line)+len(word) > width && len(line) > len(nextLinePrefix) {
		s.WriteString(strings.TrimRight(line, " ") + "\n")
		line = nextLinePrefix
	}
	return line + word
}
