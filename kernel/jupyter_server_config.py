# The server half of JupyterLab's "File > Save and Export Notebook As > HTML":
# kernel/setup.sh installs this file into .venv/etc/jupyter, next to
# jupyter_server_config.json. JupyterLab's export opens
# /nbconvert/html/<path>?download=true&sanitize_html=true (its dialog's "Sanitize HTML
# output" box is ticked by default; unticked, the query is only download=true), and
# jupyter_server builds nbconvert's HTMLExporter from this server's config, so the two
# Jinja filters below replace nbconvert's for that export. `make html` (export/run.py,
# export/htmlpage.py) does not read this file.
#
# - clean_html: what the sanitizing export runs every markdown cell, raw cell, code
#   cell input and HTML/markdown output through. nbconvert's own (a fixed bleach
#   allowlist, not configurable: nbconvert issue #2016) escapes <details>/<summary>,
#   and also <p>, <h1>..<h6>, <br> and <hr>, so every paragraph showed a literal <p>.
#   This one is the same bleach call with those tags allowed as well; scripts, styles,
#   event handlers, forms and iframes are still escaped.
# - highlight_code: GoNB reports language_info.pygments_lexer "", which nbconvert takes
#   for IPython. Here an empty pygments_lexer falls back on language_info.name ("go"),
#   then the kernelspec's language, as export/htmlpage.py does for `make html`.
#   Notebooks that name a lexer (ipykernel's "ipython3") are highlighted as before.
import bleach
import jinja2
from nbconvert.filters.highlight import Highlight2HTML

c = get_config()  # noqa: F821 (traitlets provides it to config files)

_TAGS = [
    # nbconvert's clean_html: bleach's defaults and these.
    *bleach.ALLOWED_TAGS, "div", "pre", "code", "span", "table", "tr", "td",
    # The collapsible blocks the notebooks' markdown writes by hand.
    "details", "summary",
    # What markdown itself renders.
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "del", "thead", "tbody", "th",
]
_ATTRIBUTES = {**bleach.ALLOWED_ATTRIBUTES, "*": ["class", "id"], "details": ["open"]}


def clean_html(element):
    """nbconvert's clean_html filter, allowing _TAGS and _ATTRIBUTES."""
    element = element.decode() if isinstance(element, bytes) else str(element)
    return bleach.clean(element, tags=_TAGS, attributes=_ATTRIBUTES)


@jinja2.pass_context
def highlight_code(context, source, language=None, metadata=None):
    """nbconvert's highlight_code filter, taking the notebook's language when
    language_info names no pygments lexer."""
    if not language:
        meta = context.get("nb", {}).get("metadata", {})
        info = meta.get("language_info", {})
        language = info.get("pygments_lexer") or info.get("name") or meta.get("kernelspec", {}).get("language")
    return Highlight2HTML(pygments_lexer=language)(source, language, metadata)


c.HTMLExporter.filters = {"clean_html": clean_html, "highlight_code": highlight_code}

# Go is the default kernel: JupyterLab's "New notebook" and /api/kernelspecs' "default" are
# gonb, not the python3 kernel that ipykernel (which the lock pulls in) also installs.
c.MultiKernelManager.default_kernel_name = "gonb"
