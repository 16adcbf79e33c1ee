"""Deterministic keyword rules: hazards, repair categories, rooms and vulnerability.

Safety must not depend on the NLU model, the network or a translation service, so
hazards are found here by keyword, in English and the common UK community languages.
The keywords are data (data/lookups/*.yml, in Rasa's lookup-table format so the NLU
model can use them as features too).

Runs inside the Rasa process as well (rasa_components/): standard library and PyYAML only.

Matching, in brief:
- text and phrases are normalised the same way (NFKC, casefold, Latin diacritics and
  Arabic vowel marks removed, apostrophes dropped so "don't" is "dont");
- a phrase's tokens must appear in order, with at most MAX_GAP other tokens between
  consecutive ones ("water ceiling" matches "water is coming through the ceiling");
- `gaz*` matches word endings, `*غاز` word beginnings (Arabic's attached article);
- a misspelt word of 6+ letters matches at edit distance 1 (2 from 9 letters) if its
  first letter is right: "electicity", "condensaton". Shorter misspellings are listed;
- a negation cue ("no", "not", "dont", "nie", ...) up to NEGATION_WINDOW tokens before
  a match in the same clause cancels it ("no smell of gas"), unless the cue is part of
  the phrase itself ("no power", "no heating").
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

MAX_GAP = 3
NEGATION_WINDOW = 3
FUZZY_MIN = 6
FUZZY_WIDE = 9

PREFIXES = ("hazard_", "category_", "room_")
SPECIAL = ("negation", "clause_break", "vulnerability", "widespread", "respiratory")
SIGNALS = ("vulnerability", "widespread", "respiratory")

# Invisible characters that change nothing a reader sees: zero-width spaces and
# joiners, direction marks and embeddings, soft hyphen, BOM.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f"
                                    "\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"))
_APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u2018\u02bc`´"))
_LETTERS = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ı": "i", "æ": "ae", "œ": "oe"})
_CLAUSE_END = set(".,;:!?\n\u061f\u060c\u06d4\u0964")  # also Arabic ? and , , Urdu and Bengali full stops


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    kept = [ch for ch in decomposed
            if not ("\u0300" <= ch <= "\u036f" or "\u064b" <= ch <= "\u065f" or ch == "\u0670")]
    return unicodedata.normalize("NFC", "".join(kept))


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_INVISIBLE).casefold()
    return _strip_marks(text.translate(_APOSTROPHES)).translate(_LETTERS)


def _split(text: str) -> list[tuple[str, int]]:
    """Tokens with the number of the clause each is in."""
    out: list[tuple[str, int]] = []
    clause, current = 0, []
    for ch in normalise(text):
        category = unicodedata.category(ch)
        if category[0] in "LMN":  # letters, marks (Indic vowel signs) and digits
            current.append(ch)
            continue
        if current:
            out.append(("".join(current), clause))
            current = []
        if ch in _CLAUSE_END:
            clause += 1
    if current:
        out.append(("".join(current), clause))
    return out


def tokens(text: str) -> list[str]:
    return [token for token, _clause in _split(text)]


@dataclass(frozen=True)
class Hit:
    name: str  # lookup name without its prefix: "gas", "kitchen", "dripping_tap"
    phrase: str
    start: int  # token index of the match in tokens(text)
    negated: bool


@dataclass(frozen=True)
class _Phrase:
    group: str  # "hazard", "category", "room", or a special name
    name: str
    text: str
    parts: tuple[str, ...]


def _distance_at_most(a: str, b: str, limit: int) -> bool:
    """Damerau-Levenshtein (optimal string alignment) distance <= limit."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


def _token_matches(part: str, token: str) -> bool:
    if part == token:
        return True
    starts, ends = part.startswith("*"), part.endswith("*")
    if starts or ends:
        core = part.strip("*")
        if starts and ends:
            return core in token
        return token.endswith(core) if starts else token.startswith(core)
    if len(part) >= FUZZY_MIN and len(token) >= FUZZY_MIN - 1 and part[0] == token[0] and not token.isdigit():
        return _distance_at_most(part, token, 2 if len(part) >= FUZZY_WIDE else 1)
    return False


class _Index:
    """Finds the phrases that can start at a token without trying every phrase."""

    def __init__(self, phrases: list[_Phrase]):
        self.exact: dict[str, list[_Phrase]] = {}
        self.wild: list[_Phrase] = []
        self.fuzzy: dict[str, list[_Phrase]] = {}
        for phrase in phrases:
            first = phrase.parts[0]
            if "*" in first:
                self.wild.append(phrase)
                continue
            self.exact.setdefault(first, []).append(phrase)
            if len(first) >= FUZZY_MIN:
                self.fuzzy.setdefault(first[0], []).append(phrase)
        self._cache: dict[str, tuple[_Phrase, ...]] = {}

    def starting_at(self, token: str) -> tuple[_Phrase, ...]:
        cached = self._cache.get(token)
        if cached is None:
            found = list(self.exact.get(token, ()))
            found += [p for p in self.wild + self.fuzzy.get(token[:1], [])
                      if p not in found and _token_matches(p.parts[0], token)]
            cached = tuple(found)
            if len(self._cache) > 100_000:  # bounded: a flood of unique words cannot grow it forever
                self._cache.clear()
            self._cache[token] = cached
        return cached


class Lexicon:
    def __init__(self, phrases: list[_Phrase]):
        self._by_group: dict[str, list[_Phrase]] = {}
        for phrase in phrases:
            self._by_group.setdefault(phrase.group, []).append(phrase)
        self._index = {group: _Index(items) for group, items in self._by_group.items()}
        self._words = {(p.group, p.text): len(p.parts) for p in phrases}  # phrase length, for specificity
        self._negation = {p.parts[0] for p in self._by_group.get("negation", []) if len(p.parts) == 1}
        self._negation_phrases = [p for p in self._by_group.get("negation", []) if len(p.parts) > 1]
        self._clause_break = {p.parts[0] for p in self._by_group.get("clause_break", [])}

    @classmethod
    def load(cls, lookup_dir: str | os.PathLike) -> "Lexicon":
        phrases: list[_Phrase] = []
        files = sorted(Path(lookup_dir).glob("*.yml"))
        if not files:
            raise ValueError(f"no keyword files (*.yml) in {lookup_dir}")
        for path in files:
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except yaml.YAMLError as exc:
                raise ValueError(f"{path}: not valid YAML: {exc}") from None
            for entry in data.get("nlu") or []:
                name = entry.get("lookup") if isinstance(entry, dict) else None
                if not name:
                    raise ValueError(f"{path}: every entry needs `lookup:` and `examples:`")
                group = next((p[:-1] for p in PREFIXES if name.startswith(p)), name if name in SPECIAL else None)
                if group is None:
                    raise ValueError(f"{path}: lookup {name!r} must start with {', '.join(PREFIXES)} "
                                     f"or be one of {', '.join(SPECIAL)}")
                short = name[len(group) + 1:] if group != name else name
                examples = entry.get("examples")
                if not isinstance(examples, str):
                    raise ValueError(f"{path}: lookup {name}: examples must be a block of '- phrase' lines")
                for line in examples.splitlines():
                    line = line.strip()
                    if not line:
                        continue
                    if not line.startswith("- "):
                        raise ValueError(f"{path}: lookup {name}: line {line!r} does not start with '- '")
                    parts = tuple(_wildcard_tokens(line[2:]))
                    if not parts:
                        raise ValueError(f"{path}: lookup {name}: phrase {line!r} has no words")
                    phrases.append(_Phrase(group, short, line[2:].strip(), parts))
        return cls(phrases)

    def names(self, group: str) -> set[str]:
        """Lookup names in a group ("hazard", "category", "room"), without the prefix."""
        return {p.name for p in self._by_group.get(group, [])}

    # -- matching -----------------------------------------------------------------

    def _hits(self, group: str, text: str) -> list[Hit]:
        split = _split(text)
        words = [w for w, _ in split]
        clauses = [c for _, c in split]
        index = self._index.get(group)
        hits: list[Hit] = []
        if index is None:
            return hits
        found: set[_Phrase] = set()
        for start, word in enumerate(words):
            for phrase in index.starting_at(word):
                if phrase not in found and self._rest_matches(phrase.parts[1:], words, start):
                    negated = self._negated(words, clauses, start)
                    if not negated:
                        found.add(phrase)  # one plain occurrence is enough; a negated one may recur later
                    hits.append(Hit(phrase.name, phrase.text, start, negated))
        return hits

    @staticmethod
    def _rest_matches(parts: tuple[str, ...], words: list[str], position: int) -> bool:
        for part in parts:
            for nxt in range(position + 1, min(len(words), position + 2 + MAX_GAP)):
                if _token_matches(part, words[nxt]):
                    position = nxt
                    break
            else:
                return False
        return True

    def _negated(self, words: list[str], clauses: list[int], start: int) -> bool:
        for back in range(start - 1, max(-1, start - 1 - NEGATION_WINDOW), -1):
            if clauses[back] != clauses[start] or words[back] in self._clause_break:
                return False
            if words[back] in self._negation:
                return True
        for phrase in self._negation_phrases:  # multi-word cues: "there is no", "nu mai"
            end = start - 1
            n = len(phrase.parts)
            if end - n + 1 >= 0 and tuple(words[end - n + 1:end + 1]) == phrase.parts:
                return True
        return False

    def hazard_hits(self, text: str) -> list[Hit]:
        return self._hits("hazard", text)

    def hazards(self, text: str) -> list[str]:
        seen: list[str] = []
        for hit in self.hazard_hits(text):
            if not hit.negated and hit.name not in seen:
                seen.append(hit.name)
        return seen

    def category(self, text: str) -> str | None:
        hits = [h for h in self._hits("category", text) if not h.negated]
        if not hits:
            return None
        # Most specific (most words) wins; on a tie, the one mentioned first.
        best = max(hits, key=lambda h: (self._words[("category", h.phrase)], -h.start))
        return best.name

    def location(self, text: str) -> str | None:
        hits = self._hits("room", text)
        return hits[0].name if hits else None

    def mentions(self, text: str, group: str) -> bool:
        if group not in SIGNALS:
            raise ValueError(f"unknown signal group {group!r}")
        return any(not h.negated for h in self._hits(group, text))


def _wildcard_tokens(phrase: str) -> list[str]:
    """Tokens of a lookup phrase, keeping `*` wildcards at token edges."""
    out = []
    for raw in normalise(phrase).split():
        words = tokens(raw)
        if not words:
            continue
        if raw.startswith("*"):
            words[0] = "*" + words[0]
        if raw.endswith("*"):
            words[-1] = words[-1] + "*"
        out.extend(words)
    return out
