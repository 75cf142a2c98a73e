package sklearn

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/nprand"
	"github.com/mlspec-go/nnlab/internal/notebook"
	"gonum.org/v1/gonum/mat"
)

// MakeBlobs returns make_blobs(n_samples=nSamples, centers=centers,
// cluster_std=clusterStd, random_state=randomState): nSamples points in
// len(centers) Gaussian clusters, and each point's cluster index.
//
// As scikit-learn does it: the clusters get nSamples/len(centers) points
// each, the first nSamples%len(centers) one more; one numpy RandomState draws
// each cluster's points row by row (centre + clusterStd·gaussian for each
// coordinate), then shuffles the rows.
//
// It fails if centers is empty or its rows differ in length.
func MakeBlobs(nSamples int, centers [][]float64, clusterStd float64, randomState uint32) (*mat.Dense, []int) {
	if len(centers) == 0 || len(centers[0]) == 0 {
		notebook.Fail("sklearn.MakeBlobs: no centres")
	}
	nFeatures := len(centers[0])
	for i, c := range centers {
		if len(c) != nFeatures {
			notebook.Fail(fmt.Sprintf("sklearn.MakeBlobs: centre %d has %d coordinates, centre 0 has %d", i, len(c), nFeatures))
		}
	}
	r := nprand.NewRandomState(randomState)
	k := len(centers)
	data := make([]float64, 0, nSamples*nFeatures)
	labels := make([]int, 0, nSamples)
	for i, c := range centers {
		n := nSamples / k
		if i < nSamples%k {
			n++
		}
		for range n {
			for _, loc := range c {
				data = append(data, loc+float64(clusterStd*r.StandardNormal())) // rounded product, as numpy
			}
			labels = append(labels, i)
		}
	}
	order := make([]int, nSamples)
	for i := range order {
		order[i] = i
	}
	r.Shuffle(nSamples, func(i, j int) { order[i], order[j] = order[j], order[i] })
	X := mat.NewDense(nSamples, nFeatures, nil)
	y := make([]int, nSamples)
	for i, o := range order {
		X.SetRow(i, data[o*nFeatures:(o+1)*nFeatures])
		y[i] = labels[o]
	}
	return X, y
}
