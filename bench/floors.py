"""The floors focuscount is measured against: bare extraction, pdftotext + grep, and liwc-python.

    python bench/floors.py bare CORPUS [--dump TEXTDIR]   # pdfminer.six / python-docx / python-pptx alone
    python bench/floors.py dic [--lexicon library] OUT.dic # the lexicon as a LIWC dictionary
    python bench/floors.py liwc TEXTDIR DICT.dic           # liwc-python counting the extracted text
    python bench/floors.py grep CORPUS TERMS.txt           # pdftotext + grep -c (the physical floor)

Each mode prints one JSON object on standard output; bench/scale.py runs each in a child process
and measures its wall time and peak memory. The bare floor reads each document the way the
libraries do with no counting at all: ``pdfminer.high_level.extract_text``, the paragraphs and
table cells of python-docx, the text frames, tables and notes of python-pptx, and a plain read
of txt/md. The physical floor is one shell loop: ``pdftotext`` for PDFs, ``unzip -p`` of the
document parts for docx/pptx, the file itself for txt/md, each piped to ``grep -c -i -w -F``
with every word of the lexicon's terms.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FORMATS = (".pdf", ".docx", ".pptx", ".txt", ".md")
# liwc-python's README tokenises with this expression; the same one here, lower-cased first.
TOKEN = re.compile(r"\w+")


def extract_text(path: Path) -> str:
    """The text of one document as the bare library reads it (no furniture rule, no counting)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from pdfminer.high_level import extract_text as pdf_text

        return str(pdf_text(str(path)))
    if suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        parts = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            parts.extend(cell.text for row in table.rows for cell in row.cells)
        return "\n".join(parts)
    if suffix == ".pptx":
        from pptx import Presentation

        deck = Presentation(str(path))
        parts = []
        for slide in deck.slides:
            for shape in slide.shapes:
                if shape.has_text_frame:
                    parts.append(shape.text_frame.text)
                if getattr(shape, "has_table", False) and shape.has_table:
                    parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
            if slide.has_notes_slide:
                parts.append(slide.notes_slide.notes_text_frame.text)
        return "\n".join(parts)
    return path.read_text(encoding="utf-8", errors="replace")


def documents(corpus: Path) -> list[Path]:
    """The documents of a corpus folder in the formats measured, sorted."""
    return sorted(path for path in corpus.rglob("*") if path.is_file() and path.suffix.lower() in FORMATS)


def bare(corpus: Path, dump: Path | None = None) -> dict[str, object]:
    """Extract every document; with ``dump``, write each text to DUMP/<n>.txt for the liwc floor."""
    words: Counter[str] = Counter()
    counted: Counter[str] = Counter()
    if dump is not None:
        dump.mkdir(parents=True, exist_ok=True)
    for index, path in enumerate(documents(corpus)):
        text = extract_text(path)
        kind = path.suffix.lower().lstrip(".")
        words[kind] += len(text.split())
        counted[kind] += 1
        if dump is not None:
            (dump / f"{index:06d}.txt").write_text(text, encoding="utf-8")
    return {"documents": sum(counted.values()), "words": sum(words.values()), "per_format": dict(words)}


def lexicon_words(lexicon_name: str = "library") -> list[str]:
    """Every word of the lexicon's counted terms (ignore terms left out), lower-case, wildcards cut off, sorted."""
    sys.path.insert(0, str(REPO))
    from focuscount.lexicon import load_lexicon

    lexicon = load_lexicon(lexicon_name)
    words = set()
    for category in lexicon.categories:
        for term in category.terms:
            for word in term.words.lower().split():
                stem = re.split(r"[*?]", word, maxsplit=1)[0]
                if stem:
                    words.add(stem)
    return sorted(words)


def _inflections(word: str) -> list[str]:
    """A word and the regular plural and possessive forms focuscount's lookup lemmas fold into it."""
    forms = [word, word + "s", word + "'s"]
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms.append(word[:-1] + "ies")
    if word.endswith(("s", "x", "ch", "sh")):
        forms.append(word + "es")
    return forms


def write_dic(out: Path, lexicon_name: str = "library") -> dict[str, object]:
    """Write the lexicon's categories as a LIWC .dic that liwc-python can load; say what could not carry over.

    liwc-python matches one token at a time against entries, ``*`` only at the end. So: a one-word
    term becomes the word and its regular inflections (focuscount matches lemmas: "patron" counts
    "patrons"); a wildcard term keeps its trailing ``*``; a phrase is written as it is (the LIWC
    format allows it) but liwc-python never matches it, and ignore terms and the names rule have no
    LIWC equivalent. The dictionary has the same size and shape; its counts are not focuscount's.
    """
    sys.path.insert(0, str(REPO))
    from focuscount.lexicon import load_lexicon

    lexicon = load_lexicon(lexicon_name)
    entries: dict[str, list[int]] = {}
    phrases = 0
    for number, category in enumerate(lexicon.categories, start=1):
        for term in category.terms:
            words = term.words.lower()
            if " " in words:
                phrases += 1
                forms = [words]
            elif "*" in words or "?" in words:
                forms = [re.split(r"[*?]", words, maxsplit=1)[0] + "*"]
            else:
                forms = _inflections(words)
            for form in forms:
                numbers = entries.setdefault(form, [])
                if number not in numbers:
                    numbers.append(number)
    lines = ["%"]
    lines += [f"{number}\t{category.name}" for number, category in enumerate(lexicon.categories, start=1)]
    lines.append("%")
    lines += [entry + "".join(f"\t{n}" for n in numbers) for entry, numbers in sorted(entries.items())]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"entries": len(entries), "phrases_never_matched": phrases, "ignore_terms_dropped": len(lexicon.ignore)}


def liwc_count(texts: Path, dic: Path) -> dict[str, object]:
    """Count every text under ``texts`` with liwc-python and the dictionary ``dic``."""
    import liwc

    parse, _categories = liwc.load_token_parser(str(dic))
    counts: Counter[str] = Counter()
    tokens = 0
    files = sorted(texts.glob("*.txt"))
    for path in files:
        for match in TOKEN.finditer(path.read_text(encoding="utf-8").lower()):
            tokens += 1
            counts.update(parse(match.group()))
    return {"documents": len(files), "tokens": tokens, "counts": dict(sorted(counts.items()))}


def grep_script(corpus: Path, terms: Path) -> str:
    """The shell loop of the physical floor: each document's text straight into ``grep -c``."""
    return (
        'total=0; while IFS= read -r -d "" f; do\n'
        '  case "$f" in\n'
        '    *.pdf) n=$(pdftotext -q "$f" - | grep -c -i -w -F -f "$TERMS") ;;\n'
        '    *.docx) n=$(unzip -p "$f" word/document.xml | sed \'s/<[^>]*>/ /g\' | grep -c -i -w -F -f "$TERMS") ;;\n'
        "    *.pptx) n=$(unzip -p \"$f\" 'ppt/slides/*.xml' 'ppt/notesSlides/*.xml' | sed 's/<[^>]*>/ /g'"
        ' | grep -c -i -w -F -f "$TERMS") ;;\n'
        '    *) n=$(grep -c -i -w -F -f "$TERMS" "$f") ;;\n'
        "  esac\n"
        "  total=$((total + ${n:-0})); files=$((files + 1))\n"
        'done < <(find "$CORPUS" -type f \\( -name "*.pdf" -o -name "*.docx" -o -name "*.pptx"'
        ' -o -name "*.txt" -o -name "*.md" \\) -print0)\n'
        'printf \'{"documents": %d, "matching_lines": %d}\\n\' "${files:-0}" "$total"\n'
    )


def physical_floor_missing() -> list[str]:
    """The tools of the physical floor that are not installed (pdftotext is poppler-utils)."""
    return [tool for tool in ("pdftotext", "grep", "unzip", "sed", "bash", "find") if shutil.which(tool) is None]


def grep(corpus: Path, terms: Path) -> dict[str, object]:
    """Run the physical floor's shell loop (in a bash child of this process) and return what it printed."""
    missing = physical_floor_missing()
    if missing:
        raise SystemExit(f"floors.py: {', '.join(missing)} not installed: install poppler-utils (pdftotext)")
    done = subprocess.run(
        ["bash", "-c", grep_script(corpus, terms)],
        env={"PATH": "/usr/bin:/bin:/usr/local/bin", "CORPUS": str(corpus), "TERMS": str(terms), "LC_ALL": "C"},
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def main(argv: Sequence[str] | None = None) -> None:
    """Run one floor and print its JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    modes = parser.add_subparsers(dest="mode", required=True)
    bare_mode = modes.add_parser("bare")
    bare_mode.add_argument("corpus", type=Path)
    bare_mode.add_argument("--dump", type=Path)
    dic_mode = modes.add_parser("dic")
    dic_mode.add_argument("out", type=Path)
    dic_mode.add_argument("--lexicon", default="library")
    terms_mode = modes.add_parser("terms")
    terms_mode.add_argument("out", type=Path)
    terms_mode.add_argument("--lexicon", default="library")
    liwc_mode = modes.add_parser("liwc")
    liwc_mode.add_argument("texts", type=Path)
    liwc_mode.add_argument("dic", type=Path)
    grep_mode = modes.add_parser("grep")
    grep_mode.add_argument("corpus", type=Path)
    grep_mode.add_argument("terms", type=Path)
    options = parser.parse_args(argv)
    if options.mode == "bare":
        result = bare(options.corpus, options.dump)
    elif options.mode == "dic":
        result = write_dic(options.out, options.lexicon)
    elif options.mode == "terms":
        words = lexicon_words(options.lexicon)
        options.out.write_text("\n".join(words) + "\n", encoding="utf-8")
        result = {"words": len(words)}
    elif options.mode == "liwc":
        result = liwc_count(options.texts, options.dic)
    else:
        result = grep(options.corpus, options.terms)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
