package exercise

import "math"

// isClose is numpy's isclose(a, b, atol=atol) with its default rtol of 1e-5:
// |a-b| <= atol + 1e-5·|b|. NaN is never close.
func isClose(a, b, atol float64) bool {
	return math.Abs(a-b) <= atol+1e-5*math.Abs(b)
}
