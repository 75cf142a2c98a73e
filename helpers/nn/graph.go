package nn

import (
	"fmt"

	"github.com/gomlx/compute/dtypes"
	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/layers"
	"github.com/gomlx/gomlx/ml/layers/regularizer"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/model/initializer"
	"github.com/gomlx/gomlx/ml/train"
	"github.com/gomlx/gomlx/ml/train/loss"
	"github.com/gomlx/gomlx/ml/train/optimizer"
)

// Variable names inside a layer's scope, as created by GoMLX's layers.Dense.
const (
	denseScope  = "dense"
	kernelName  = "weights"
	biasName    = "biases"
	weightsRoot = "/"
)

// kernelPath and biasPath are the GoMLX variable paths of layer l's weights.
func kernelPath(l LayerInfo) string {
	return model.JoinPath(weightsRoot, l.Name, denseScope, kernelName)
}
func biasPath(l LayerInfo) string { return model.JoinPath(weightsRoot, l.Name, denseScope, biasName) }

// forward builds the model on x and returns the last layer's pre-activation (logits) and its activation.
// Each layer is a GoMLX layers.Dense in the scope named after the layer; kernels are initialised
// Glorot-uniform and biases zero (GoMLX's GlorotUniformFn zeroes rank-1 variables). In a training graph, a
// layer with an L2 factor sets GoMLX's l2_regularization parameter on its own scope, which layers.Dense
// reads: it adds factor*sum(kernel^2) to the graph's regularization loss (train.GetRegularizationLoss).
func (m *Model) forward(scope *model.Scope, x *graph.Node, training bool) (logits, out *graph.Node) {
	scope = scope.WithInitializer(initializer.GlorotUniformFn(scope))
	for _, l := range m.layers {
		layerScope := scope.At("%s", l.Name)
		if training {
			layerScope.SetParam(regularizer.ParamL2, l.L2)
		}
		logits = layers.Dense(layerScope, x, true, l.Units)
		x = applyActivation(l.Activation, logits)
	}
	return logits, x
}

// trainGraph returns the GoMLX graph function of one training step: its inputs are a batch x [b, in] and
// its labels y ([b, out] float32 for the binary loss and the mean squared error, [b, 1] int32 class numbers
// for the sparse one); it computes the loss and applies one Adam update. The binary loss takes the last
// layer's pre-activation, the input of its sigmoid or the output of the linear layer of
// BinaryCrossentropyFromLogits (GoMLX's BinaryCrossentropyLogits: what Keras computes from a sigmoid
// output, but stable); the mean squared error takes the linear layer's outputs; the sparse
// one takes the model's outputs as the logits, as Keras's from_logits=True does (GoMLX's
// SparseCategoricalCrossEntropyLogits). The L2 penalties of the regularized kernels are added to the
// batch's mean loss, as Keras adds its regularization losses. It returns that loss, the one Keras logs.
func (m *Model) trainGraph(lr float64) func(scope *model.Scope, x, y *graph.Node) *graph.Node {
	return func(scope *model.Scope, x, y *graph.Node) *graph.Node {
		g := x.Graph()
		scope.Store().SetTraining(g, true)
		logits, out := m.forward(scope, x, true)
		var stepLoss *graph.Node
		if m.loss.name == sparseCategoricalName && !m.loss.fromLogits {
			stepLoss = sparseCrossEntropyOfProbabilities(y, out)
		} else if m.loss.name == sparseCategoricalName {
			stepLoss = loss.SparseCategoricalCrossEntropyLogits([]*graph.Node{y}, []*graph.Node{out})
		} else if m.loss.name == meanSquaredName {
			stepLoss = loss.MeanSquaredError([]*graph.Node{y}, []*graph.Node{out})
		} else {
			stepLoss = loss.BinaryCrossentropyLogits([]*graph.Node{y}, []*graph.Node{logits})
		}
		if penalty := train.GetRegularizationLoss(g); penalty != nil {
			stepLoss = graph.Add(stepLoss, penalty)
		}
		optimizer.Adam().LearningRate(lr).Betas(0.9, 0.999).Epsilon(1e-7).Done().UpdateGraph(scope, g, stepLoss)
		if m.regularized() {
			flushSubnormals(scope.Store(), g)
		}
		return stepLoss
	}
}

// predictGraph is the GoMLX graph function of Predict: the last layer's activations (for a linear last
// layer, its logits).
func (m *Model) predictGraph(scope *model.Scope, x *graph.Node) *graph.Node {
	_, out := m.forward(scope, x, false)
	return out
}

// checkCompiled validates the Compile arguments against the model.
func (m *Model) checkCompiled(call callNames) error {
	if !m.compiled {
		return fmt.Errorf("nn: model %q is not compiled: call model.Compile(loss, optimizer), e.g. model.Compile(nn.BinaryCrossentropy(), nn.Adam(0.001)), before %s", m.name, call.fit)
	}
	last := m.layers[len(m.layers)-1]
	switch {
	case m.loss.name == binaryName && !m.loss.fromLogits && last.Activation != Sigmoid:
		return fmt.Errorf("nn: model %q: nn.BinaryCrossentropy needs a last layer with \"sigmoid\" activation (probabilities), but %q has %q",
			m.name, last.Name, last.Activation)
	case m.loss.name == binaryName && m.loss.fromLogits && last.Activation != Linear:
		return fmt.Errorf("nn: model %q: nn.BinaryCrossentropyFromLogits needs a linear last layer (logits), but %q has %q",
			m.name, last.Name, last.Activation)
	case m.loss.name == meanSquaredName && last.Activation != Linear:
		return fmt.Errorf("nn: model %q: nn.MeanSquaredError needs a linear last layer, but %q has %q", m.name, last.Name, last.Activation)
	case m.loss.name == sparseCategoricalName && !m.loss.fromLogits && last.Activation != SoftmaxActivation:
		return fmt.Errorf("nn: model %q: nn.SparseCategoricalCrossentropy(false) expects probabilities from a softmax last layer: "+
			"better, make the last layer linear, nn.Dense(%d, nn.Linear), and compile with nn.SparseCategoricalCrossentropy(true): the loss then takes the logits "+
			"(the softmax is folded into it, which is numerically stable), and nn.Softmax turns Predict's logits into probabilities", m.name, last.Units)
	case m.loss.name == sparseCategoricalName && last.Units < 2:
		return fmt.Errorf("nn: model %q: nn.SparseCategoricalCrossentropy needs one unit per class in the last layer, but %q has %d", m.name, last.Name, last.Units)
	case m.loss.name != binaryName && m.loss.name != sparseCategoricalName && m.loss.name != meanSquaredName:
		return fmt.Errorf("nn: model %q: unsupported loss %q: use nn.BinaryCrossentropy(), nn.SparseCategoricalCrossentropy(true) or nn.MeanSquaredError()", m.name, m.loss.name)
	}
	if m.opt.name != "adam" {
		return fmt.Errorf("nn: model %q: unsupported optimizer %q: use nn.Adam(learningRate)", m.name, m.opt.name)
	}
	if !(m.opt.learningRate > 0) {
		return fmt.Errorf("nn: model %q: the learning rate must be positive, got nn.Adam(%g)", m.name, m.opt.learningRate)
	}
	return nil
}

// minNormalFloat32 is float32's smallest normal number, 2^-126: below it, the subnormal numbers.
const minNormalFloat32 = 0x1p-126

// flushSubnormals sets to zero, at the end of a training step, every float32 variable of store (the
// weights and the optimizer's moments) whose value is subnormal: smaller in magnitude than
// float32's smallest normal number. An L2 penalty drives the weights of units that stop learning
// towards zero step after step, and with them Adam's moments; once subnormal, every product with
// them takes the CPU's slow path (tens of times slower), which made a regularized network of the
// week-3 lab train about four times slower than the same network without the penalty, with most
// of its hidden weights subnormal. TensorFlow runs its CPU kernels with flush-to-zero, so this is
// what Keras computes too; it changes no value above 1.2e-38.
func flushSubnormals(store *model.Store, g *graph.Graph) {
	for v := range store.IterVariables() {
		if v.DType() != dtypes.Float32 {
			continue
		}
		x := v.NodeValue(g)
		tiny := graph.BroadcastToShape(graph.Scalar(g, dtypes.Float32, minNormalFloat32), x.Shape())
		v.SetNodeValue(graph.Where(graph.LessThan(graph.Abs(x), tiny), graph.ZerosLike(x), x))
	}
}

// regularized reports whether a layer of m has an L2 penalty.
func (m *Model) regularized() bool {
	for _, l := range m.layers {
		if l.L2 != 0 {
			return true
		}
	}
	return false
}
