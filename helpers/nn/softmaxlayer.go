package nn

import (
	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/layers/activation"
)

// applyActivation applies a layer's activation to its values z (batch x units).
func applyActivation(a Activation, z *graph.Node) *graph.Node {
	if a == SoftmaxActivation {
		return graph.Softmax(z, -1)
	}
	return activation.Apply(a.gomlx(), z)
}

// sparseCrossEntropyOfProbabilities is Keras's SparseCategoricalCrossentropy(from_logits=False): the
// mean of -log(p[label]) over the batch, from probabilities clipped to [1e-7, 1-1e-7], as Keras
// clips them. labels are [b, 1] int32 classes, probs [b, classes].
func sparseCrossEntropyOfProbabilities(labels, probs *graph.Node) *graph.Node {
	b, classes := probs.Shape().Dimensions[0], probs.Shape().Dimensions[1]
	onehot := graph.Reshape(graph.OneHot(labels, classes, probs.DType()), b, classes)
	p := graph.ReduceSum(graph.Mul(onehot, probs), -1) // each example's probability of its label
	// GoMLX's Clip has no gradient; Max and Min do (0 outside the range, as Keras's clip_by_value).
	p = graph.MinScalar(graph.MaxScalar(p, kerasEpsilon), 1-kerasEpsilon)
	return graph.ReduceAllMean(graph.Neg(graph.Log(p)))
}
