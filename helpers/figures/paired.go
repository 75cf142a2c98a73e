package figures

import "image/color"

// Paired is matplotlib's "Paired" colour map: twelve colours in light/dark pairs.
var Paired = []color.RGBA{
	rgb(0xa6, 0xce, 0xe3), rgb(0x1f, 0x78, 0xb4), rgb(0xb2, 0xdf, 0x8a), rgb(0x33, 0xa0, 0x2c),
	rgb(0xfb, 0x9a, 0x99), rgb(0xe3, 0x1a, 0x1c), rgb(0xfd, 0xbf, 0x6f), rgb(0xff, 0x7f, 0x00),
	rgb(0xca, 0xb2, 0xd6), rgb(0x6a, 0x3d, 0x9a), rgb(0xff, 0xff, 0x99), rgb(0xb1, 0x59, 0x28),
}

// ClassColours are the multiclass lab's dkcolors, plt.cm.Paired((1,3,7,9,5,11)): the dark colour of
// each pair, so class 0 is blue, 1 green, 2 orange, 3 purple, 4 red and 5 brown.
var ClassColours = []color.RGBA{Paired[1], Paired[3], Paired[7], Paired[9], Paired[5], Paired[11]}

// DarkBlue is the course's dlc["dldarkblue"], the edge of the "bad roast" circles.
var DarkBlue = rgb(0x0D, 0x5B, 0xDC)
