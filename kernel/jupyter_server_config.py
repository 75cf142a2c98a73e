# jupyter_server configuration for the JupyterLab of .venv: kernel/setup.sh installs this
# file into .venv/etc/jupyter, next to jupyter_server_config.json. It makes Go (gonb) the
# default kernel and gives JupyterLab's own HTML export (File > Save and Export Notebook As >
# HTML, which the server answers at /nbconvert/html/<path>, sanitized unless the dialog's
# "Sanitize HTML output" box is unticked) two Jinja filters in place of nbconvert's, for
# every notebook. `make html` (export/run.py, export/htmlpage.py) does not read this file.
#
# - clean_html: nbconvert's sanitizer (the same bleach call) that also allows
#   <details>/<summary> and the tags markdown renders (<p>, <h1>..<h6>, <br>, <hr>, table
#   parts); scripts, styles, event handlers, forms and iframes are still escaped.
# - highlight_code: nbconvert's highlighter; when language_info names no pygments_lexer
#   (GoNB's notebooks), it uses language_info.name ("go"), then the kernelspec's language,
#   as export/htmlpage.py does for `make html`. A lexer the notebook names is used as is.
#
# Why nbconvert's own filters fall short here: docs/design.md, "JupyterLab's HTML export".
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
