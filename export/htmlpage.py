"""The HTML page of an executed notebook, made to stand alone (export/run.py writes it).

PageExporter is nbconvert's HTMLExporter on the "lab" template, with these differences:

- Maths in markdown, as nbconvert's MarkdownWithMath finds it (``$...$`` inline, ``$$...$$``
  displayed; never inside code), is MathML made by latex2mathml, which browsers render without
  a script. A formula latex2mathml cannot convert raises PageError naming it. Displayed maths
  is a block of its own: it ends the paragraph it is written in.
- The template export/page/index.html.j2 loads no script from the network (no MathJax,
  require.js, mermaid or widget manager); pictures are embedded.
- Raw HTML in markdown is kept as written. With embed_images, nbconvert re-serialises every
  piece of raw HTML through BeautifulSoup, which closes its open tags; here only a piece that
  holds an <img> goes through it.
- A ``<details>`` block, from a line that starts with ``<details>`` to the line that starts
  with its matching ``</details>``, is one block: its ``<summary>`` (rendered as inline
  markdown) first, then its body rendered as markdown, dedented, whatever blank lines surround
  it. Such lines inside the body's code count too. A block without its ``</details>`` raises
  PageError.
- The page's title is the text of the notebook's first level-1 heading.
- Code cells are highlighted with the language's name when language_info names no pygments
  lexer (GoNB reports ``pygments_lexer: ""``, which nbconvert would read as IPython).

The notebook itself is not changed.
"""

import copy
import pathlib
import re

import jinja2
from latex2mathml.converter import convert as latex_to_mathml
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

TEMPLATE = pathlib.Path(__file__).resolve().parent / "page"

# The line that opens a <details> block (a rule of the block parser: multiline, at a line start).
_DETAILS_OPEN = r"^ {0,3}<(?i:details)(?P<details_attrs>\s[^>]*)?>"
# A line's opening or closing <details> tag, to find the </details> that closes a block.
_DETAILS_TAG = re.compile(r"^[ \t]*<(/?)details(?:\s[^>]*)?>", re.I | re.M)
# The <summary> a block starts with.
_SUMMARY = re.compile(r"\s*<summary(\s[^>]*)?>(.*?)</summary>[ \t]*\n?", re.I | re.S)


class PageError(Exception):
    """A notebook's markdown cannot be made into a page (maths latex2mathml rejects, a
    <details> without its </details>)."""


def mathml(tex, display):
    """Returns the MathML of one TeX formula; display is "inline" or "block"."""
    try:
        return latex_to_mathml(tex.strip(), display=display)
    except Exception as e:  # latex2mathml raises several kinds of error
        raise PageError(f"cannot convert the formula ${tex}$ to MathML: {type(e).__name__}: {e}") from e


def _dedent(text):
    """Removes the indentation common to the non-blank lines of text."""
    lines = text.split("\n")
    widths = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()]
    cut = min(widths, default=0)
    return "\n".join(line[cut:] for line in lines)


def _parse_details(block, m, state):
    """The block parser's rule for a <details> block (see the module's doc string): appends a
    "details" token holding a "details_summary" token and the tokens of the body; returns
    where the block ends."""
    depth = 0
    for tag in _DETAILS_TAG.finditer(state.src, m.start()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            break
    else:
        raise PageError(f"a <details> block has no </details>: {state.src[m.start() : m.start() + 80]!r}")
    inner = state.src[m.end() : tag.start()]
    children = []
    if s := _SUMMARY.match(inner):
        children.append({"type": "details_summary", "text": s.group(2), "attrs": {"attrs": s.group(1) or ""}})
        inner = inner[s.end() :]
    body = state.child_state(_dedent(inner))
    block.parse(body)
    children += body.tokens
    state.append_token({"type": "details", "children": children, "attrs": {"attrs": m.group("details_attrs") or ""}})
    # What follows </details> on its line, if anything, is parsed as markdown.
    line_end = state.find_line_end_at(tag.end())
    return line_end if not state.src[tag.end() : line_end].strip() else tag.end()


def _markdown(renderer=None):
    """Returns nbconvert's markdown parser (MarkdownWithMath) with the <details> rule added;
    without a renderer, it returns the tokens."""
    md = MarkdownWithMath(renderer=renderer)
    md.block.register("details", _DETAILS_OPEN, _parse_details, before="raw_html")
    for rules in (md.block.block_quote_rules, md.block.list_rules):
        if "details" not in rules:
            md.block.insert_rule(rules, "details", before="raw_html")
    return md


class _Renderer(IPythonRenderer):
    """nbconvert's markdown renderer with maths as MathML, <details> blocks, and raw HTML
    kept as written (see the module's doc string)."""

    def inline_math(self, body):
        return mathml(body, "inline")

    def block_math(self, body):
        return mathml(body, "block")

    # multiline_math is not overridden: nbconvert calls it only with mistune 2; with
    # mistune 3, which the lock pins, multiline maths reaches block_math through a paragraph.

    def render_token(self, token, state):
        if token["type"] != "paragraph" or all(c["type"] != "block_math" for c in token["children"]):
            return super().render_token(token, state)
        # The displayed maths of a paragraph are blocks between the paragraphs of the rest.
        html, run = [], []
        for child in [*token["children"], None]:
            if child is not None and child["type"] != "block_math":
                run.append(child)
                continue
            if text := self.render_tokens(run, state).strip():
                html.append(self.paragraph(text))
            run = []
            if child is not None:
                html.append(self.render_token(child, state) + "\n")
        return "".join(html)

    def details(self, text, attrs=""):
        return f"<details{attrs}>\n{text}</details>\n"

    def details_summary(self, text, attrs=""):
        return f"<summary{attrs}>{text}</summary>\n"

    def _html_embed_images(self, html):
        return super()._html_embed_images(html) if "<img" in html.lower() else html


def _text(tokens):
    """Returns the text of inline tokens without their markup (maths as $TeX$)."""
    out = []
    for t in tokens:
        if "children" in t:
            out.append(_text(t["children"]))
        elif t["type"] == "inline_math":
            out.append(f"${t['raw']}$")
        elif t["type"] in ("softbreak", "linebreak"):
            out.append(" ")
        else:
            out.append(t.get("raw", ""))
    return "".join(out)


def title_of(nb):
    """Returns the text of the notebook's first level-1 heading, or None."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        tokens, _ = _markdown().parse(cell.source)
        for t in tokens:
            if t["type"] == "heading" and t["attrs"]["level"] == 1:
                return _text(t["children"]).strip()
    return None


class PageExporter(HTMLExporter):
    """nbconvert's HTML exporter with the changes listed in this module's doc string."""

    def __init__(self, **kw):
        kw.setdefault("template_name", str(TEMPLATE))
        kw.setdefault("embed_images", True)
        super().__init__(**kw)

    def from_notebook_node(self, nb, resources=None, **kw):
        nb = copy.deepcopy(nb)
        title = title_of(nb)
        if title:
            nb.metadata["title"] = title
        info = nb.metadata.setdefault("language_info", {})
        if not info.get("pygments_lexer") and info.get("name"):
            info["pygments_lexer"] = info["name"]
        return super().from_notebook_node(nb, resources, **kw)

    @jinja2.pass_context
    def markdown2html(self, context, source):
        """The template's markdown2html filter: HTMLExporter's, with _Renderer."""
        cell = context.get("cell", {})
        renderer = _Renderer(
            escape=False,
            attachments=cell.get("attachments", {}),
            embed_images=self.embed_images,
            path=context.get("resources", {}).get("metadata", {}).get("path", ""),
            anchor_link_text=self.anchor_link_text,
            exclude_anchor_links=self.exclude_anchor_links,
            **self.lexer_options,
        )
        return _markdown(renderer).render(source)
