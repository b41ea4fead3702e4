#!/usr/bin/env python3
"""Generates lexicons/spelling.tsv: misspellings of the vocabulary's harmful words, and the word
each one stands for. moderato rewrites a token found there before it matches anything
(src/spelling.rs), so "I hate Mulsims", "Muslms are scum" and "Mus1ims" (leet 1 read as i) are
judged like "I hate Muslims".

Regenerate (deterministic; needs the Python package wordfreq and ../shared/data):

    ./scripts/gen-spelling.sh        # makes a venv with wordfreq==3.1.1, runs this script

then `cargo run --release -p moderato-train -- tables` and `fit` (README, "The model and the
lexicons").

Which words: the single-word terms of lexicons/groups.tsv (every word of its terms),
predicates.tsv, violence.tsv, the "hatred" and "person" words of frames.tsv, and the insult,
identity-attack and threat terms of en.tsv and ru.tsv, and the words of 6 letters or more of
those lexicons' multi-word insult, identity-attack and threat terms ("yourself"). A stem ("мусульман*") stands for its
most frequent forms in the datasets of ../shared/data (at most FORMS_PER_STEM, each seen 3 times
or more); only the forms' spelling is used, no text.

Which misspellings (one edit each): two neighbouring letters swapped (words of 4+ letters); one
letter missing (5+ letters, the first letter only in 7+); an "l" read as "i" (what leet "1"
decodes to) in one place or in all, a Cyrillic "е" read as "з" (what leet "3" decodes to) and a
"ь" read as "и" (what leet "1" decodes to in a Cyrillic word: "уб1ю") the same way; a final "s" written "z" ("jewz", "muslimz"). Censor stars as well ("sc*m", "id*ot", "f*ck", "n*gg*r"):
one inside letter starred (only vowels in words of 8+ letters), every inside vowel, or every
inside letter (words of up to 7 letters); these also for the profanity words (so that "f*ck
you" is read as the insult it is). A starred word is never a real word, so only ambiguity drops
one; a swear word wins it ("sh*t" is "shit", not "shot"). Any other misspelling is dropped when
it is a real word: any word of the lexicon files, any word with a wordfreq Zipf frequency of 1.5 or more in English or
Russian (2.5 for the harmless "person" words, whose common typos such as "poeple" are kept),
any word seen in the datasets 3 times or more and at least a quarter as often as the word it
would stand for, or one that two words could be misspelt as.
"""

import collections
import gzip
import pathlib
import re
import sys

from wordfreq import zipf_frequency

ROOT = pathlib.Path(__file__).resolve().parent.parent
LEX = ROOT / "lexicons"
DATA = ROOT.parent / "shared" / "data"
FORMS_PER_STEM = 3
REAL_WORD_ZIPF = 1.5
REAL_WORD_ZIPF_HARMLESS = 2.5
SEEN_IN_DATA = 3
# Lexicon terms that are themselves respellings of another term ("cvnt" of "cunt", "дибил" of
# "дебил"): they get no misspellings of their own, which would compete with their word's ("c*nt"
# would be "cunt" or "cvnt") and be dropped as ambiguous.
RESPELLINGS = {"cvnt", "niqqer", "niqqers", "niqqa", "niqqas", "biatch", "cyka", "дибил", "блать", "падор"}


def rows(name):
    for line in (LEX / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


known = set()  # every word of every lexicon file
closed = {}  # target word -> class
censored = set()  # words that only get starred forms (profanity)
stems = {}  # target stem -> class


def note(term, cls, single_only):
    words = [w.replace("\\*", "") for w in term.split(" ")]
    for w in words:
        known.add(w.strip("*"))
    if cls is None or (single_only and len(words) > 1):
        return
    for w in words:
        if "*" in w[:-1] or w.rstrip("*") in RESPELLINGS:
            continue
        if w.endswith("*"):
            stems.setdefault(w[:-1], cls)
        else:
            closed.setdefault(w, cls)


def main():
    for f in ["cues.tsv", "allow.tsv", "extremism.tsv"]:
        for r in rows(f):
            note(r[0], None, True)
    for r in rows("frames.tsv"):
        role = r[1] if len(r) > 1 else ""
        note(r[0], {"hatred": "hatred", "person": "harmless"}.get(role), True)
    for r in rows("groups.tsv"):
        note(r[0], None if r[2] == "vague" else "group", False)
    for r in rows("predicates.tsv"):
        note(r[0], "predicate", True)
    for r in rows("violence.tsv"):
        note(r[0], "violent", True)
    for f in ["en.tsv", "ru.tsv"]:
        for r in rows(f):
            harmful = len(r) > 1 and any(
                l in r[1] for l in ("insult", "identity_attack", "threat")
            )
            note(r[0], "lexicon" if harmful else None, True)
            words = r[0].split(" ")
            # The longer words of a harmful phrase: "kill yourse1f" (leet 1 read as i) is
            # "kill yourself", "should be exterminted" is "should be exterminated".
            if harmful and len(words) > 1:
                for w in words:
                    if "*" not in w and len(w) >= 6:
                        closed.setdefault(w, "phrase")
            bare = words[0].strip("*")
            if (
                len(r) > 1
                and "profanity" in r[1]
                and len(words) == 1
                and "*" not in bare
                and bare not in RESPELLINGS
            ):
                censored.add(bare)

    seen = collections.Counter()
    word = re.compile(r"[a-zа-яё]+")
    if not DATA.is_dir():
        sys.exit(f"{DATA} is missing: the stems' forms are counted there")
    for p in sorted(DATA.rglob("*")):
        if p.suffix in (".csv", ".tsv"):
            text = p.read_text(encoding="utf-8", errors="ignore")
        elif p.name.endswith(".csv.gz"):
            text = gzip.open(p, "rt", encoding="utf-8", errors="ignore").read()
        else:
            continue
        seen.update(word.findall(text.lower().replace("ё", "е")))

    by_prefix = collections.defaultdict(list)
    for w, c in seen.items():
        if c >= SEEN_IN_DATA and len(w) >= 4:
            by_prefix[w[:3]].append((c, w))
    targets = {w: c for w, c in closed.items() if len(w) >= 4}
    for stem, cls in sorted(stems.items()):
        forms = sorted(
            (x for x in by_prefix.get(stem[:3], []) if x[1].startswith(stem)),
            key=lambda x: (-x[0], x[1]),
        )
        for _, w in forms[:FORMS_PER_STEM]:
            targets.setdefault(w, cls)

    spellings = collections.defaultdict(set)
    for w in targets:
        for v in misspellings(w):
            spellings[v].add(w)
    censored_words = {w for w in censored if len(w) >= 4}
    for w in sorted(set(targets) | censored_words):
        for v in starred(w):
            spellings[v].add(w)
    out = {}  # misspelling -> word
    for v, ws in sorted(spellings.items()):
        if "*" in v and len(ws) > 1:
            # A censored word is a swear word more often than not: "sh*t" is not "shot".
            ws = ws & censored_words
        if v in known or v in targets or len(ws) != 1:
            continue
        (w,) = ws
        if "*" not in v:
            if seen[v] >= max(SEEN_IN_DATA, seen[w] // 4):
                continue
            limit = REAL_WORD_ZIPF_HARMLESS if targets[w] == "harmless" else REAL_WORD_ZIPF
            if max(zipf_frequency(v, "en"), zipf_frequency(v, "ru")) >= limit:
                continue
        out[v] = w
    # moderato stores 16-bit keys and confirms a hit by checking that the token is an edit of the
    # word. A left-out edit (a real word) whose key equals a kept misspelling's key for the same
    # word would still be put right: drop such misspellings.
    kept_keys = {(key(v), w) for v, w in out.items()}
    clashes = {(key(v), w) for v, ws in spellings.items() if v not in out for w in ws}
    clashes &= kept_keys
    lines = [f"{v}\t{w}\n" for v, w in sorted(out.items()) if (key(v), w) not in clashes]
    header = (
        "# moderato: misspellings of the vocabulary's harmful words (src/spelling.rs).\n"
        "# GENERATED by scripts/gen-spelling.sh (scripts/gen_spelling.py): do not edit by hand.\n"
        "# Format: misspelling<TAB>word. Every misspelling is one edit from its word.\n"
    )
    (LEX / "spelling.tsv").write_text(header + "".join(lines), encoding="utf-8")
    print(
        f"{len(targets)} words, {len(lines)} misspellings ({len(out) - len(lines)} dropped: a real word's key)",
        file=sys.stderr,
    )


def misspellings(w):
    out = set()
    n = len(w)
    for i in range(n - 1):
        if w[i] != w[i + 1]:
            out.add(w[:i] + w[i + 1] + w[i] + w[i + 2 :])
    if n >= 5:
        for i in range(0 if n >= 7 else 1, n):
            out.add(w[:i] + w[i + 1 :])
    for i, c in enumerate(w):
        if c == "l":
            out.add(w[:i] + "i" + w[i + 1 :])
    if w.count("l") > 1:
        out.add(w.replace("l", "i"))
    # Cyrillic leet "3" is decoded as "з", but often stands for "е" ("д3бил").
    for i, c in enumerate(w):
        if c == "е":
            out.add(w[:i] + "з" + w[i + 1 :])
    if w.count("е") > 1:
        out.add(w.replace("е", "з"))
    # Cyrillic leet "1" is decoded as "и", but often stands for "ь" ("уб1ю").
    for i, c in enumerate(w):
        if c == "ь":
            out.add(w[:i] + "и" + w[i + 1 :])
    if w.count("ь") > 1:
        out.add(w.replace("ь", "и"))
    if n >= 4 and w.endswith("s") and not w.endswith(("ss", "us", "is")) and w.isascii():
        out.add(w[:-1] + "z")
    out.discard(w)
    return out


def key(token):
    """src/spelling.rs's key: FNV-1a over the UTF-8 bytes, a final mix, the top 16 bits."""
    h = 0x811C9DC5
    for b in token.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    h ^= h >> 16
    h = (h * 0x7FEB352D) & 0xFFFFFFFF
    h ^= h >> 15
    return h >> 16


VOWELS = set("aeiouyаеиоуыэюя")


def starred(w):
    """Censored forms: one inside letter starred (a vowel only in words of 8+ letters), every
    inside vowel, and every inside letter (words of up to 7 letters)."""
    short = len(w) <= 7
    inside = range(1, len(w) - 1)
    out = {w[:i] + "*" + w[i + 1 :] for i in inside if short or w[i] in VOWELS}
    out.add("".join("*" if i in inside and c in VOWELS else c for i, c in enumerate(w)))
    if short:
        out.add(w[0] + "*" * (len(w) - 2) + w[-1])
    out.discard(w)
    return out


if __name__ == "__main__":
    main()
