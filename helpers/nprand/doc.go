// Package nprand gives numpy's random streams in Go, bit for bit, so that the
// labs' data sets, splits and shuffles are the course's very arrays.
//
// Two of numpy's generators feed the course's data:
//
//   - [RandomState]: numpy's legacy generator, MT19937 seeded as
//     np.random.seed(n) and np.random.RandomState(n) seed it, with its
//     uniform doubles (random_sample, rand, np.random.sample), its Gaussian
//     (the polar method, second value cached: randn, normal), its bounded
//     integers (randint) and its Fisher-Yates permutation and shuffle.
//     scikit-learn's random_state=n is this generator (make_blobs,
//     train_test_split).
//   - [Generator]: np.random.default_rng(n), a PCG64 generator seeded through
//     a [SeedSequence], with its uniform doubles (random); the coffee-roasting
//     data comes from default_rng(2).
//
// Go's math/rand and gonum's samplers give other numbers for the same seed.
// The tests compare every stream with a file numpy 2.4.6 wrote
// (testdata/make_golden.py).
package nprand
