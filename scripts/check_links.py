#!/usr/bin/env python3
"""Every relative link and #anchor in README.md and docs/*.md resolves: the file or folder
exists in the repository, and an anchor names a heading of the target Markdown file by
GitHub's slug rule (lowercase, punctuation dropped, spaces to '-', a repeated heading gets
-1, -2...). Links inside code (fenced blocks, `spans`) and to other sites are not links.
Usage: check_links.py [REPO_ROOT]   (prints each broken link as file:line: link: why; exit 1)
"""
import functools
import pathlib
import re
import sys

LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")  # [text](target "title")
REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+\"[^\"]*\")?\s*$")  # [name]: target
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
HTML_ID = re.compile(r"<a\s+(?:name|id)=\"([^\"]+)\"")
FENCE = re.compile(r"^\s*(```|~~~)")


def prose_lines(text):
    """(line number, line) outside fenced code blocks."""
    fence = None
    for number, line in enumerate(text.splitlines(), 1):
        m = FENCE.match(line)
        if m and (fence is None or m.group(1) == fence):
            fence = m.group(1) if fence is None else None
            continue
        if fence is None:
            yield number, line


def slug(heading):
    """GitHub's anchor for a heading's text."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading: its text
    text = re.sub(r"<[^>]+>", "", text).replace("`", "").lower()
    text = re.sub(r"[^\w\- ]", "", text)  # \w keeps letters of any script, digits and _
    return text.replace(" ", "-")


@functools.lru_cache(maxsize=None)
def anchors(path):
    """The anchors a Markdown file has: its headings' slugs and <a name|id=...>."""
    seen, found = {}, set()
    for _, line in prose_lines(path.read_text(encoding="utf-8")):
        found.update(HTML_ID.findall(line))
        m = HEADING.match(line)
        if not m:
            continue
        base = slug(m.group(2))
        n = seen.get(base, 0)
        seen[base] = n + 1
        found.add(base if n == 0 else f"{base}-{n}")
    return found


def problem(source, target, root):
    """Why `target` (a link in the file `source`) does not resolve, or None."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("//"):
        return None  # another site (https:, mailto:): not checked here
    path_part, _, anchor = target.partition("#")
    dest = source if not path_part else (source.parent / path_part).resolve()
    if root not in dest.parents and dest != root:
        return "points outside the repository"
    if not dest.exists():
        return f"no such file or folder {dest.relative_to(root)}"
    if anchor and dest.suffix == ".md" and anchor.lower() not in anchors(dest):
        return f"no heading with the anchor #{anchor} in {dest.relative_to(root)}"
    return None


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    files = [root / "README.md"] + sorted((root / "docs").glob("*.md"))
    broken = 0
    for f in files:
        for number, line in prose_lines(f.read_text(encoding="utf-8")):
            line = re.sub(r"`+[^`]*`+", "``", line)  # a code span holds no link
            targets = LINK.findall(line) + REF_DEF.findall(line)
            for target in targets:
                why = problem(f, target, root)
                if why:
                    broken += 1
                    print(f"{f.relative_to(root)}:{number}: ({target}): {why}")
    print(f"{broken} broken link(s) in {len(files)} files" if broken else f"every relative link in {len(files)} files resolves")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
