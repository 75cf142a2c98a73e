"""The Go tests' view of the pages export/htmlpage.py writes (internal/nbtest/page.go runs it).

    pagefacts.py export NOTEBOOK.ipynb PAGE.html   writes the page of a notebook as it is (not executed)
    pagefacts.py facts PAGE.html                   prints facts() of a page as JSON
"""

import json
import pathlib
import re
import sys

# The page exporter, export/htmlpage.py.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

import nbformat
from bs4 import BeautifulSoup

from htmlpage import PageError, PageExporter

# Hosts of the CDNs nbconvert's templates load scripts and styles from.
CDN_HOSTS = ("cdnjs.cloudflare.com", "cdn.jsdelivr.net", "unpkg.com", "cdn.mathjax.org", "code.jquery.com")
# Elements and attributes that make a browser fetch something when the page loads.
_FETCHING = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src", "embed": "src", "object": "data"}
_CSS_URL = re.compile(r"""@import\s+(?:url\()?\s*['"]?(https?:)?//|url\(\s*['"]?(?:https?:)?//""", re.I)


def facts(markup):
    """Describes a page: its title, maths, the <details> blocks, what it loads from the
    network, code highlighting and embedded pictures (a JSON-able dict; kernel.Page in Go)."""
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
    }


def main(argv):
    if len(argv) == 3 and argv[0] == "export":
        try:
            body, _ = PageExporter().from_notebook_node(nbformat.read(argv[1], as_version=4))
        except PageError as e:
            print(f"pagefacts: {argv[1]}: {e}", file=sys.stderr)
            return 1
        pathlib.Path(argv[2]).write_text(body, encoding="utf-8")
        return 0
    if len(argv) == 2 and argv[0] == "facts":
        json.dump(facts(pathlib.Path(argv[1]).read_text(encoding="utf-8")), sys.stdout, indent=1, ensure_ascii=False)
        print()
        return 0
    print("usage: pagefacts.py export NOTEBOOK.ipynb PAGE.html | pagefacts.py facts PAGE.html", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
