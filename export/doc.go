// Package export tests `make html`: run.py executes notebooks headless through the GoNB
// kernel (nbclient), writes the executed copies, and has htmlpage.py (with the template
// in page/) write each as an HTML page that stands alone: pictures embedded, maths as
// MathML, nothing loaded from the network. bench/ drives notebooks with run.py's client.
//
// The package has no code of its own, only tests of the runner and the exporter on small
// notebooks (testdata/): how a failing cell stops its notebook and is reported, running
// on past errors, and pages made from markdown written every way the notebooks write it.
// The labs' own pages are checked by the lab tests (test/labs) with nbtest.CheckPage.
package export
