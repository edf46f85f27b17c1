#!/usr/bin/env python3
"""Checks the user guide and the Markdown files at the repository's root.

usage: python3 docs/linkcheck.py [-q] [BOOK_DIR]
       BOOK_DIR defaults to docs/book, built by `mdbook build docs`;
       -q prints nothing when every check passes.

Offline and standard library only. It fails (exit 1) on:

- a code fence in a Markdown file (docs/src/**/*.md, ./*.md) that is never
  closed, or a fence that opens inside another one (a line such as
  "```console" inside a "```" block: the outer block ends at the next bare
  fence and the rest of the page renders wrongly). To show a fence inside a
  block, make the outer fence longer ("````");
- in the built book, a relative link or image (href, src) whose file does not
  exist, or whose #anchor is not an id in the target page;
- in ./*.md, a relative link or image whose file does not exist, or whose
  #anchor is not a heading of the target Markdown file (GitHub's ids);
- any relative link that leads outside the repository.

Links to other sites (http:, https:, mailto:) are not fetched. Exit 2 when the
book has not been built.
"""

import html.parser
import os
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
SRC = DOCS / "src"
SKIP_PAGES = {"404.html", "print.html"}  # 404 uses site-absolute links; print repeats the chapters

problems = []


def rel(path):
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def problem(where, message):
    problems.append(f"{where}: {message}")


# --- code fences -----------------------------------------------------------

FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")


def code_mask(path, text):
    """Checks the fences of one Markdown file; returns, per line, whether it
    is inside a fenced block (fence lines included)."""
    mask = []
    open_at, marker = None, ""
    for n, line in enumerate(text.splitlines(), 1):
        m = FENCE.match(line)
        if open_at is None:
            if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
                open_at, marker = n, m.group(1)
            mask.append(open_at is not None)
            continue
        mask.append(True)
        if not m or m.group(1)[0] != marker[0] or len(m.group(1)) < len(marker):
            continue  # content
        if m.group(2).strip() == "":
            open_at = None  # the closing fence
        else:
            problem(
                f"{rel(path)}:{n}",
                f"fence {m.group(1)}{m.group(2).strip()} opens inside the fence opened at line "
                f"{open_at}; close that one first, or make the outer fence longer",
            )
    if open_at is not None:
        problem(f"{rel(path)}:{open_at}", "fence is never closed: the rest of the file renders as code")
    return mask


# --- helpers ---------------------------------------------------------------


def is_external(url):
    scheme = urlsplit(url).scheme
    return bool(scheme) and len(scheme) > 1  # "C:" would be a Windows path


def inside_repo(path):
    try:
        path.resolve().relative_to(ROOT)
        return True
    except ValueError:
        return False


def resolve(base_dir, url):
    """(target path or None, fragment) of a relative URL."""
    parts = urlsplit(url)
    target = base_dir / unquote(parts.path) if parts.path else None
    return target, unquote(parts.fragment)


def source_line(md_path, needle):
    """The first line of md_path that contains needle, for a better message."""
    try:
        for n, line in enumerate(md_path.read_text(encoding="utf-8").splitlines(), 1):
            if needle and needle in line:
                return n
    except OSError:
        pass
    return None


# --- the built book --------------------------------------------------------


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.links = []  # (attribute, url)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.ids.add(a[key])
        for key in ("href", "src"):
            if a.get(key) is not None and tag in ("a", "img", "link", "script", "iframe", "source"):
                self.links.append(a[key])


def parse_page(path, cache={}):
    if path not in cache:
        page = Page()
        page.feed(path.read_text(encoding="utf-8", errors="replace"))
        cache[path] = page
    return cache[path]


def check_book(book):
    pages = sorted(p for p in book.rglob("*.html") if p.name not in SKIP_PAGES)
    for page_path in pages:
        chapter = SRC / page_path.relative_to(book).with_suffix(".md")
        where_file = rel(chapter) if chapter.exists() else rel(page_path)
        for url in parse_page(page_path).links:
            if not url or is_external(url) or url.startswith("//"):
                continue
            target, fragment = resolve(page_path.parent, url)
            line = source_line(chapter, url.split("#")[0].replace(".html", ".md") or url) if chapter.exists() else None
            where = f"{where_file}:{line}" if line else where_file
            if target is None:
                target = page_path
            if not inside_repo(target):
                problem(where, f"link {url} leads outside the repository")
                continue
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problem(where, f"link {url}: no such file {rel(target)}")
                continue
            if fragment and target.suffix == ".html" and fragment not in parse_page(target).ids:
                problem(where, f"link {url}: no element with id \"{fragment}\" in {rel(target)}")
    return len(pages)


# --- Markdown files at the root (GitHub renders them) ----------------------

INLINE = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
RAWATTR = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']""")
CODESPAN = re.compile(r"(`+)(?:.+?)\1")


def github_ids(md_path):
    """The heading ids GitHub gives a Markdown file."""
    ids, seen = set(), {}
    text = md_path.read_text(encoding="utf-8")
    mask = code_mask_quiet(text)
    for line, in_code in zip(text.splitlines(), mask):
        m = re.match(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if in_code or not m:
            continue
        t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", m.group(1)).lower()
        t = "".join(c for c in t if c.isalnum() or c in " -_").replace(" ", "-")
        n = seen.get(t, 0)
        seen[t] = n + 1
        ids.add(t if n == 0 else f"{t}-{n}")
    return ids


def code_mask_quiet(text):
    saved = len(problems)
    mask = code_mask(Path("-"), text)
    del problems[saved:]
    return mask


def check_markdown_links(md_path, mask):
    lines = md_path.read_text(encoding="utf-8").splitlines()
    for n, (line, in_code) in enumerate(zip(lines, mask), 1):
        if in_code:
            continue
        plain = CODESPAN.sub("", line)
        urls = [m.group(1) for m in INLINE.finditer(plain)]
        urls += [m.group(1) for m in REFDEF.finditer(plain)]
        urls += [m.group(1) for m in RAWATTR.finditer(plain)]
        for url in urls:
            if not url or is_external(url):
                continue
            target, fragment = resolve(md_path.parent, url)
            target = target or md_path
            where = f"{rel(md_path)}:{n}"
            if not inside_repo(target):
                problem(where, f"link {url} leads outside the repository")
            elif not target.exists():
                problem(where, f"link {url}: no such file {rel(target)}")
            elif fragment and target.suffix == ".md" and fragment not in github_ids(target):
                problem(where, f"link {url}: no heading with id \"{fragment}\" in {rel(target)}")


def main():
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(errors="backslashreplace")  # a Windows console may not take Vietnamese
    args = sys.argv[1:]
    quiet = "-q" in args
    args = [a for a in args if a != "-q"]
    book = Path(args[0]) if args else DOCS / "book"
    if not (book / "index.html").exists():
        print(f"linkcheck: {book} has no index.html; build the book first: mdbook build docs", file=sys.stderr)
        return 2
    sources = sorted(SRC.rglob("*.md"))
    root_md = sorted(ROOT.glob("*.md"))
    for md in sources + root_md:
        mask = code_mask(md, md.read_text(encoding="utf-8"))
        if md in root_md:
            check_markdown_links(md, mask)
    pages = check_book(book)
    for p in problems:
        print(p)
    if problems:
        print(f"linkcheck: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    if not quiet:
        print(f"linkcheck: ok ({len(sources)} Markdown files in docs/src, {pages} pages, {len(root_md)} at the root)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
