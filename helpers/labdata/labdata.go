// Package labdata makes and loads the data sets of the course's labs,
// as the course's helper files make them, so that every array is the
// course's own:
//
//   - [GenData] and [GenBlobs]: the week-3 lab's generated sets
//     (gen_data and gen_blobs of its helper file), from numpy's legacy
//     generator and scikit-learn's make_blobs;
//   - [LoadCoffeeData]: the coffee-roasting set of week 1's optional labs,
//     from numpy's default_rng(2);
//   - [Load] and [PrepareDataset]: the comma-separated files of week 3's two
//     optional labs, built into the package (the course ships them in the
//     labs' data/ folders; the bytes are the course's).
package labdata

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"io/fs"
	"sort"
	"strconv"

	"github.com/mlspec-go/nnlab/helpers/nprand"
	"github.com/mlspec-go/nnlab/helpers/sklearn"
	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/internal/notebook"
)

// Linspace returns numpy's linspace(start, stop, n): n evenly spaced values,
// start + i·step with step = (stop − start)/(n − 1), the last exactly stop.
func Linspace(start, stop float64, n int) []float64 {
	out := make([]float64, n)
	if n == 1 {
		out[0] = start
		return out
	}
	step := (stop - start) / float64(n-1)
	for i := range out {
		out[i] = float64(i)*step + start
	}
	out[n-1] = stop
	return out
}

// GenData is the week-3 lab's gen_data(m, seed, scale): m points x evenly
// spaced on [0, 49], the ideal targets x², and noisy targets
// x² + scale·x²·(u − 0.5) with u uniform from np.random.seed(seed). It
// returns x, y, and x and x² again as the ideal curve (the course's x_ideal,
// y_ideal). The course calls GenData(18, 2, 0.7) and GenData(40, 5, 0.7).
func GenData(m int, seed uint32, scale float64) (x, y, xIdeal, yIdeal []float64) {
	x = Linspace(0, 49, m)
	u := nprand.NewRandomState(seed).RandomSample(m)
	yIdeal = make([]float64, m)
	y = make([]float64, m)
	for i, v := range x {
		yIdeal[i] = v * v
		y[i] = yIdeal[i] + float64(float64(scale*yIdeal[i])*(u[i]-0.5))
	}
	xIdeal = append([]float64(nil), x...)
	return x, y, xIdeal, yIdeal
}

// BlobCenters are the centres of the week-3 lab's six classes.
var BlobCenters = [][]float64{{-1, 0}, {1, 0}, {0, 1}, {0, -1}, {-2, 1}, {-2, -1}}

// GenBlobs is the week-3 lab's gen_blobs(): make_blobs(n_samples=800,
// centers=BlobCenters, cluster_std=0.4, random_state=2). It returns the
// 800×2 points, their classes 0..5, the centres, the number of classes (6)
// and the spread (0.4).
func GenBlobs() (X *mat.Dense, y []int, centers [][]float64, classes int, std float64) {
	const m = 800
	classes, std = 6, 0.4
	centers = make([][]float64, len(BlobCenters))
	for i, c := range BlobCenters {
		centers[i] = append([]float64(nil), c...)
	}
	X, y = sklearn.MakeBlobs(m, centers, std, 2)
	return X, y, centers, classes, std
}

// LoadCoffeeData is load_coffee_data() of the coffee-roasting labs: 200
// roasts drawn from numpy's default_rng(2), temperature (°C, 150 to 285) in
// column 0 and duration (minutes, 11.5 to 15.5) in column 1, and Y (200×1)
// 1 for a good roast: 175 < t < 260, 12 < d < 15 and d ≤ −3/85·t + 21.
func LoadCoffeeData() (X, Y *mat.Dense) {
	u := nprand.DefaultRNG(2).Random(400)
	X = mat.NewDense(200, 2, nil)
	Y = mat.NewDense(200, 1, nil)
	slope := -3.0 / (260 - 175)
	for i := range 200 {
		t := float64(u[2*i]*(285-150)) + 150 // each product rounded, as numpy
		d := float64(u[2*i+1]*4) + 11.5
		X.Set(i, 0, t)
		X.Set(i, 1, d)
		limit := float64(slope*t) + 21
		if t > 175 && t < 260 && d > 12 && d < 15 && d <= limit {
			Y.Set(i, 0, 1)
		}
	}
	return X, Y
}

//go:embed data/*.csv
var files embed.FS

// Names lists the files [Load] knows, e.g. "data_w3_ex1.csv".
func Names() []string {
	entries, _ := fs.ReadDir(files, "data")
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// Load returns the rows of one of the course's comma-separated files
// (numpy's np.loadtxt(name, delimiter=',')): "data_w3_ex1.csv" (50×2),
// "data_w3_ex2.csv" (200×3), "c2w3_lab2_data1.csv" .. "c2w3_lab2_data4.csv".
func Load(name string) (*mat.Dense, error) {
	raw, err := files.ReadFile("data/" + name)
	if err != nil {
		return nil, fmt.Errorf("labdata: no file %q; the files are %v", name, Names())
	}
	records, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("labdata: reading %s: %w", name, err)
	}
	cols := len(records[0])
	data := make([]float64, 0, len(records)*cols)
	for i, rec := range records {
		for _, field := range rec {
			v, err := strconv.ParseFloat(field, 64)
			if err != nil {
				return nil, fmt.Errorf("labdata: %s line %d: %w", name, i+1, err)
			}
			data = append(data, v)
		}
	}
	return mat.NewDense(len(records), cols, data), nil
}

// MustLoad is [Load] for notebooks: an error ends the cell with its message alone (elsewhere it
// panics with it).
func MustLoad(name string) *mat.Dense { return notebook.Must(Load(name)) }

// Split holds a data set cut into training, cross-validation and test rows:
// inputs X (one row per example) and targets y.
type Split struct {
	XTrain, XCV, XTest *mat.Dense
	YTrain, YCV, YTest []float64
}

// SplitData cuts the rows of X and targets y 60/20/20 as the week-3 labs do:
// train_test_split(X, y, test_size=0.40, random_state=seed), then the held
// out 40 % again with test_size=0.50 and the same seed.
func SplitData(X *mat.Dense, y []float64, seed uint32) Split {
	n, _ := X.Dims()
	train, rest := sklearn.TrainTestSplit(n, 0.40, seed)
	cv, test := sklearn.TrainTestSplit(len(rest), 0.50, seed)
	cv, test = sklearn.Take(rest, cv), sklearn.Take(rest, test)
	return Split{
		XTrain: sklearn.TakeRows(X, train), YTrain: sklearn.Take(y, train),
		XCV: sklearn.TakeRows(X, cv), YCV: sklearn.Take(y, cv),
		XTest: sklearn.TakeRows(X, test), YTest: sklearn.Take(y, test),
	}
}

// PrepareDataset is prepare_dataset(filename) of the optional labs' utils:
// it loads the file, takes the last column as the targets and the others as
// the inputs, and splits them 60/20/20 with random_state=80.
func PrepareDataset(name string) (Split, error) {
	data, err := Load(name)
	if err != nil {
		return Split{}, err
	}
	n, c := data.Dims()
	X := mat.DenseCopyOf(data.Slice(0, n, 0, c-1))
	y := mat.Col(nil, c-1, data)
	return SplitData(X, y, 80), nil
}

// MustPrepareDataset is [PrepareDataset] for notebooks: an error ends the
// cell with its message alone (elsewhere it panics with it).
func MustPrepareDataset(name string) Split { return notebook.Must(PrepareDataset(name)) }
