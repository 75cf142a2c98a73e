// Package kernel tests what this folder is for: installing and launching the GoNB kernel
// the notebooks run on. The folder holds setup.sh (`make setup`: the virtualenv from
// requirements.txt, gonb, gopls and goimports, the kernelspec), gonb-kernel (how the
// kernelspec starts GoNB: PATH, GoMLX's backend, the module cache, nothing from $HOME),
// tied/gopls (gopls ended with its kernel) and the jupyter_server configuration setup
// installs for JupyterLab.
//
// The package has no code of its own, only tests: setup is quick when run again, the
// installed server configuration is the committed one and JupyterLab's own HTML export
// works with it, the committed notebooks carry the kernel's metadata, a notebook runs
// on the kernel (this module and the pinned modules linked, GoMLX's backend chosen),
// and the kernel needs nothing from the user's home or the network.
//
// The runner and HTML exporter of `make html` are in export/, the tests of what the
// labs print in test/labs, the harness both use in internal/nbtest.
package kernel
