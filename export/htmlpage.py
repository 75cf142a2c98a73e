"""The HTML page of an executed notebook, made to stand alone (used by export/run.py).

nbconvert's "lab" HTML already embeds the pictures, but it loads MathJax, require.js and
mermaid from a CDN, so offline the maths shows as raw TeX. PageExporter changes that:

- Maths (``$...$`` inline, ``$$...$$`` on display) is converted to MathML at export with
  latex2mathml, which every current browser renders without a script; a formula
  latex2mathml cannot convert stops the export with an error naming it. Code spans and
  fenced code blocks are left alone.
- The template export/page/index.html.j2 drops every script the lab template loads from
  the network (MathJax, require.js, mermaid, the widget manager).
- Raw HTML in markdown stays as written. nbconvert's embed_images option runs every
  raw HTML fragment through BeautifulSoup to inline its <img> files, which closes each
  fragment's open tags: ``<details>`` came out as ``<details></details>`` followed by its
  content, open under an empty toggle, and ``<b>`` as ``<b></b>``. Here only fragments
  that hold an <img> are rewritten.
- ``<details>`` blocks are rebuilt: the summary is kept and the body between
  ``</summary>`` and ``</details>`` is rendered as markdown on its own, whatever the
  blank lines and indentation around it (CommonMark ends a raw HTML block at the first
  blank line, so otherwise the body's rendering depends on exactly how it is spaced).
- The page's title is the notebook's first ``# `` heading (not "Notebook").
- Code cells are highlighted with the kernel's language when language_info names no
  pygments lexer (GoNB reports ``pygments_lexer: ""``, which nbconvert reads as IPython).

The notebook written next to the page is not changed by any of this.
"""

import copy
import pathlib
import re

import jinja2
from latex2mathml.converter import convert as latex_to_mathml
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

TEMPLATE = pathlib.Path(__file__).resolve().parent / "page"

# A fenced code block: an opening fence of 3+ backticks or tildes (up to 3 spaces of
# indentation, more inside list items is accepted too) and its closing fence.
_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*\2[`~]*[ \t]*$|\Z)", re.M | re.S)
# An inline code span: a run of backticks and the next run of the same length.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
# $...$ on one line, not \$, not $$, no space just inside the dollars (so "5 $ and 6 $" is text).
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?![\s$])([^$\n]+?)(?<![\s\\])\$(?!\$)")
_DETAILS_OPEN = re.compile(r"<details(\s[^>]*)?>", re.I)
_DETAILS_ANY = re.compile(r"<(/?)details(?:\s[^>]*)?>", re.I)
_SUMMARY = re.compile(r"\A\s*<summary(\s[^>]*)?>(.*?)</summary>", re.I | re.S)
_HEADING = re.compile(r"^# +(.+?)\s*#*\s*$", re.M)


class PageError(Exception):
    """A notebook's markdown cannot be made into a page (maths latex2mathml rejects, a
    <details> without its </details>)."""


class _Tokens:
    """Stands in for pieces of text with tokens markdown leaves alone (letters and digits)."""

    def __init__(self, kind, block=False):
        self.kind = kind
        self.block = block  # whether a token alone in a paragraph replaces the paragraph
        self.texts = []

    def keep(self, text):
        """Returns the token standing for text."""
        self.texts.append(text)
        return f"NNLAB{self.kind}{len(self.texts) - 1}X"

    def protect(self, source, pattern):
        """Replaces each match of pattern in source with its token."""
        return pattern.sub(lambda m: self.keep(m.group(0)), source)

    def restore(self, text):
        """Puts the texts back in place of their tokens; a token alone in a paragraph
        (for blocks: a <details>, displayed maths) replaces the paragraph."""
        alone = rf"<p>NNLAB{self.kind}(\d+)X</p>|" if self.block else ""
        token = re.compile(rf"{alone}NNLAB{self.kind}(\d+)X")
        return token.sub(lambda m: self.texts[int(next(g for g in m.groups() if g is not None))], text)


def mathml(tex, display):
    """Returns the MathML of one TeX formula; display is "inline" or "block"."""
    try:
        return latex_to_mathml(tex.strip(), display=display)
    except Exception as e:  # latex2mathml raises several kinds of error
        raise PageError(f"cannot convert the formula ${tex}$ to MathML: {type(e).__name__}: {e}") from e


def title_of(nb):
    """Returns the text of the notebook's first "# " heading without its * and ` marks and links, or None."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        m = _HEADING.search(_FENCE.sub("", cell.source))
        if m:
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", m.group(1))  # [text](url) -> text
            return re.sub(r"[*`]+", "", text).strip()
    return None


def _dedent(text):
    """Removes the indentation common to the non-blank lines of text."""
    lines = text.split("\n")
    widths = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()]
    cut = min(widths, default=0)
    return "\n".join(line[cut:] for line in lines)


class _Renderer(IPythonRenderer):
    """nbconvert's markdown renderer, embedding images without breaking other raw HTML."""

    def _html_embed_images(self, html):
        return super()._html_embed_images(html) if "<img" in html.lower() else html


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
        """The markdown2html filter of the template: maths, <details> and raw HTML as the
        module's doc string says."""
        code, block, inline = _Tokens("CODE"), _Tokens("BLOCK", block=True), _Tokens("INLINE")
        # Code first: nothing inside code is maths or a <details> block.
        source = code.protect(source, _FENCE)
        source = code.protect(source, _CODE_SPAN)
        source = self._details(context, source, code, block)
        # Displayed maths is a paragraph of its own, like a <details> block.
        source = _DISPLAY_MATH.sub(lambda m: f"\n\n{block.keep(mathml(m.group(1), 'block'))}\n\n", source)
        source = _INLINE_MATH.sub(lambda m: inline.keep(mathml(m.group(1), "inline")), source)
        return block.restore(inline.restore(self._render(context, code.restore(source))))

    def _render(self, context, source):
        """Renders markdown as HTMLExporter.markdown2html does, with _Renderer."""
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
        return MarkdownWithMath(renderer=renderer).render(source)

    def _details(self, context, source, code, html):
        """Replaces each outermost <details> block with a token for its HTML: the summary
        as written, the body rendered as markdown on its own (nested blocks included)."""
        out = []
        pos = 0
        while m := _DETAILS_OPEN.search(source, pos):
            depth, end = 0, None
            for tag in _DETAILS_ANY.finditer(source, m.start()):
                depth += -1 if tag.group(1) else 1
                if depth == 0:
                    end = tag
                    break
            if end is None:
                raise PageError(f"a <details> block has no </details>: {code.restore(source[m.start():m.start() + 80])!r}")
            line_start = source.rfind("\n", 0, m.start()) + 1
            indent = re.match(r"[ \t]*", source[line_start:]).group(0)
            inner = source[m.end() : end.start()]
            summary = ""
            if s := _SUMMARY.match(inner):
                summary = f"<summary{s.group(1) or ''}>{self._inline(context, code.restore(s.group(2)))}</summary>\n"
                inner = inner[s.end() :]
            body = _dedent(code.restore(inner))
            body_html = self.markdown2html(context, body) if body.strip() else ""
            block = f"<details{m.group(1) or ''}>\n{summary}{body_html}</details>\n"
            # The block becomes a paragraph of its own, at the indentation it had.
            out.append(source[pos : m.start()])
            out.append(f"\n\n{indent}{html.keep(block)}\n\n")
            pos = end.end()
        out.append(source[pos:])
        return "".join(out)

    def _inline(self, context, text):
        """Renders the markdown of a summary as inline HTML."""
        rendered = self.markdown2html(context, text.strip()).strip()
        m = re.fullmatch(r"<p>(.*)</p>", rendered, re.S)
        return m.group(1) if m else rendered


# Hosts of the CDNs nbconvert's templates load scripts and styles from.
CDN_HOSTS = ("cdnjs.cloudflare.com", "cdn.jsdelivr.net", "unpkg.com", "cdn.mathjax.org", "code.jquery.com")
# Elements and attributes that make a browser fetch something when the page loads.
_FETCHING = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src", "embed": "src", "object": "data"}
_CSS_URL = re.compile(r"""@import\s+(?:url\()?\s*['"]?(https?:)?//|url\(\s*['"]?(?:https?:)?//""", re.I)


def facts(markup):
    """Describes a page for tests: its title, maths, the <details> blocks, what it loads
    from the network, code highlighting and embedded pictures (a JSON-able dict)."""
    from bs4 import BeautifulSoup  # noqa: PLC0415 (nbconvert depends on it)

    soup = BeautifulSoup(markup, features="html.parser")
    fetches = []
    for tag, attr in _FETCHING.items():
        for el in soup.find_all(tag):
            url = el.get(attr) or ""
            if re.match(r"(https?:)?//", url):
                fetches.append(f"<{tag} {attr}={url}>")
    for style in soup.find_all("style"):
        fetches += [f"<style> {m.group(0)}" for m in _CSS_URL.finditer(style.get_text())]
    # Text a reader sees outside code, where maths left as TeX would show.
    prose = []
    for el in BeautifulSoup(markup, features="html.parser").select(".jp-RenderedMarkdown"):
        for code in el.find_all(["code", "pre", "math"]):
            code.extract()
        prose.append(el.get_text(" "))
    details = []
    for d in soup.find_all("details"):
        summary = d.find("summary", recursive=False)
        rest = [c for c in d.children if c is not summary]
        body = "".join(c.get_text() if hasattr(c, "get_text") else str(c) for c in rest)
        details.append(
            {
                "summary": summary.get_text(" ", strip=True) if summary else None,
                "summary_first": bool(d.find(True, recursive=False) is summary and summary is not None),
                "body_text": body.strip(),
                "body_tags": [c.name for c in rest if getattr(c, "name", None)],
            }
        )
    lexers = {}
    for el in soup.select(".jp-InputArea .highlight"):
        for cls in el.get("class", []):
            if cls.startswith("hl-"):
                lexers[cls[3:]] = lexers.get(cls[3:], 0) + 1
    maths = soup.find_all("math")
    return {
        "title": soup.title.get_text() if soup.title else None,
        "math": {
            "inline": sum(1 for m in maths if m.get("display") != "block"),
            "block": sum(1 for m in maths if m.get("display") == "block"),
            "empty": sum(1 for m in maths if not m.get_text(strip=True)),
        },
        "raw_tex": [m.group(0) for text in prose for m in re.finditer(r"\$[^$\n]+\$", text)],
        "fetches": fetches,
        "cdn_mentions": [h for h in CDN_HOSTS if h in markup],
        "details": details,
        "code_cells": len(soup.select(".jp-CodeCell")),
        "lexers": lexers,
        "png_images": len([i for i in soup.find_all("img") if (i.get("src") or "").startswith("data:image/png;base64,")]),
        "svg_images": len(soup.select(".jp-OutputArea-output svg")),
    }


def main(argv):
    """Command line: `export NOTEBOOK.ipynb PAGE.html` writes the page of a notebook (as it
    is, not executed); `facts PAGE.html` prints facts() of a page as JSON."""
    import json  # noqa: PLC0415
    import sys  # noqa: PLC0415

    import nbformat  # noqa: PLC0415

    if len(argv) == 3 and argv[0] == "export":
        try:
            body, _ = PageExporter().from_notebook_node(nbformat.read(argv[1], as_version=4))
        except PageError as e:
            print(f"htmlpage: {argv[1]}: {e}", file=sys.stderr)
            return 1
        pathlib.Path(argv[2]).write_text(body, encoding="utf-8")
        return 0
    if len(argv) == 2 and argv[0] == "facts":
        json.dump(facts(pathlib.Path(argv[1]).read_text(encoding="utf-8")), sys.stdout, indent=1, ensure_ascii=False)
        print()
        return 0
    print("usage: htmlpage.py export NOTEBOOK.ipynb PAGE.html | htmlpage.py facts PAGE.html", file=sys.stderr)
    return 2


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
