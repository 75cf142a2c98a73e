// Package deps has no code: its test checks that each package a notebook imports links only what its
// job needs, since every GoNB cell links (and pays for) the packages of every declaration made so far.
package deps
