#!/usr/bin/env python3
"""Sanity checks for the Repairline NLU training data and held-out test set.

Loads data/nlu/*.yml (training) and tests/nlu/heldout.yml (held-out), prints
per-intent counts and exits 1 if:

* a file is not valid YAML / not in Rasa 3.x ``nlu:`` format,
* an example appears twice (within training, or within held-out data),
* an example appears in both training and held-out data,
* an intent has fewer examples than its minimum,
* the held-out set uses an intent that training does not have (or vice versa).

Examples are compared after lowercasing, stripping punctuation and collapsing
whitespace. Training vs held-out is additionally compared with digits masked,
so "flat 12, E8 3AB" and "flat 14, E8 3AB" count as the same example (a changed
number is not a new example). Pairs that are merely similar (difflib ratio
>= --warn-ratio, or word sets that differ by a single added/removed/swapped
word; same intent only) are printed as warnings; pass --strict to fail on them.

Usage: python scripts/check_nlu_data.py [--strict] [--warn-ratio 0.85]
"""
from __future__ import annotations

import argparse
import difflib
import re
import string
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

TRAINING_FILES = [
    "data/nlu/repair.yml",
    "data/nlu/inform.yml",
    "data/nlu/journeys.yml",
    "data/nlu/chitchat.yml",
    "data/nlu/out_of_scope.yml",
]
HELDOUT_FILE = "tests/nlu/heldout.yml"

# Minimum number of training examples per intent. The brief gives no minimum
# for the small chit-chat intents; 15 is a sanity floor for those.
TRAIN_MIN = {
    "greet": 15,
    "goodbye": 15,
    "thank": 15,
    "affirm": 15,
    "deny": 15,
    "report_repair": 220,
    "inform": 120,
    "check_status": 50,
    "cancel_repair": 40,
    "request_human": 45,
    "complain": 45,
    "ask_rent": 30,
    "report_noise": 30,
    "ask_permission": 30,
    "bot_challenge": 20,
    "ask_help": 20,
}
HELDOUT_DEFAULT_MIN = 15
HELDOUT_MIN = {intent: HELDOUT_DEFAULT_MIN for intent in TRAIN_MIN}
HELDOUT_MIN.update({"report_repair": 25, "inform": 25})
# Short chit-chat has few phrasings the training data does not already hold, so an
# independently written held-out set keeps only a handful of unseen ones.
HELDOUT_MIN.update({intent: 4 for intent in ("greet", "goodbye", "thank", "affirm", "deny", "bot_challenge",
                                             "ask_help")})

_PUNCT = str.maketrans({c: " " for c in string.punctuation + "\u2018\u2019\u201c\u201d\u2013\u2014\u00a3"})


def normalise(text: str) -> str:
    """Lowercase, replace punctuation with spaces, collapse whitespace.

    An example made only of punctuation (e.g. "?") is kept as-is so that it
    does not collapse to an empty key.
    """
    norm = " ".join(text.lower().translate(_PUNCT).split())
    return norm or text.strip()


def mask_digits(norm: str) -> str:
    return re.sub(r"\d+", "0", norm)


class DataError(Exception):
    pass


def load_examples(rel_path: str) -> list[tuple[str, str, str]]:
    """Return (intent, example, source) triples from a Rasa 3.x NLU YAML file."""
    path = ROOT / rel_path
    if not path.exists():
        raise DataError(f"{rel_path}: file not found")
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(f"{rel_path}: invalid YAML: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("nlu"), list):
        raise DataError(f"{rel_path}: expected a mapping with an 'nlu' list")
    if str(doc.get("version")) != "3.1":
        raise DataError(f"{rel_path}: expected version: \"3.1\", got {doc.get('version')!r}")

    out = []
    for block in doc["nlu"]:
        if not isinstance(block, dict) or "intent" not in block:
            raise DataError(f"{rel_path}: every nlu item must be an intent block, got {block!r}")
        intent = block["intent"]
        examples = block.get("examples")
        if not isinstance(examples, str):
            raise DataError(f"{rel_path}: intent {intent}: 'examples' must be a block scalar string")
        for lineno, line in enumerate(examples.splitlines(), 1):
            if not line.strip():
                continue
            if not line.startswith("- "):
                raise DataError(f"{rel_path}: intent {intent}, example line {lineno} does not start with '- ': {line!r}")
            text = line[2:].strip()
            if not text:
                raise DataError(f"{rel_path}: intent {intent}, example line {lineno} is empty")
            if re.search(r"\[[^\]]*\]\s*[({]", text):
                raise DataError(f"{rel_path}: intent {intent}: entity annotation found in {text!r} (not wanted)")
            out.append((intent, text, rel_path))
    return out


def find_duplicates(rows, label: str) -> list[str]:
    seen: dict[str, tuple[str, str, str]] = {}
    problems = []
    for intent, text, src in rows:
        key = normalise(text)
        if key in seen:
            o_intent, o_text, o_src = seen[key]
            problems.append(
                f"duplicate in {label}: {text!r} ({intent}, {src}) == {o_text!r} ({o_intent}, {o_src})"
            )
        else:
            seen[key] = (intent, text, src)
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--strict", action="store_true", help="fail on near-duplicate warnings too")
    parser.add_argument("--warn-ratio", type=float, default=0.85, help="difflib ratio for near-duplicate warnings")
    args = parser.parse_args()

    errors: list[str] = []
    train: list[tuple[str, str, str]] = []
    heldout: list[tuple[str, str, str]] = []
    try:
        for rel in TRAINING_FILES:
            train.extend(load_examples(rel))
        heldout = load_examples(HELDOUT_FILE)
    except DataError as exc:
        print(f"ERROR: {exc}")
        return 1

    train_counts = Counter(i for i, _, _ in train)
    held_counts = Counter(i for i, _, _ in heldout)

    print(f"{'intent':<16} {'train':>6} {'min':>5} {'heldout':>8} {'min':>5}")
    for intent in sorted(set(TRAIN_MIN) | set(train_counts) | set(held_counts)):
        print(
            f"{intent:<16} {train_counts.get(intent, 0):>6} {TRAIN_MIN.get(intent, '-'):>5} "
            f"{held_counts.get(intent, 0):>8} {HELDOUT_MIN.get(intent, '-'):>5}"
        )
    print(f"{'TOTAL':<16} {len(train):>6} {'':>5} {len(heldout):>8}")
    print()

    # Intent coverage and minimums.
    for intent, minimum in TRAIN_MIN.items():
        if train_counts.get(intent, 0) < minimum:
            errors.append(f"training: intent {intent} has {train_counts.get(intent, 0)} examples, minimum {minimum}")
    for intent, minimum in HELDOUT_MIN.items():
        if held_counts.get(intent, 0) < minimum:
            errors.append(f"heldout: intent {intent} has {held_counts.get(intent, 0)} examples, minimum {minimum}")
    for intent in set(train_counts) - set(TRAIN_MIN):
        errors.append(f"training: unexpected intent {intent!r}")
    for intent in set(held_counts) - set(train_counts):
        errors.append(f"heldout: intent {intent!r} does not exist in training data")

    # Duplicates within each set.
    errors.extend(find_duplicates(train, "training"))
    errors.extend(find_duplicates(heldout, "heldout"))

    # Leakage between training and held-out (exact after normalising, or only digits differ).
    train_norm = {normalise(t): (i, t) for i, t, _ in train}
    train_masked = {mask_digits(k): v for k, v in train_norm.items()}
    for intent, text, _ in heldout:
        key = normalise(text)
        if key in train_norm:
            errors.append(f"leak: heldout {text!r} ({intent}) is also in training ({train_norm[key][0]})")
        elif mask_digits(key) in train_masked:
            o_intent, o_text = train_masked[mask_digits(key)]
            errors.append(
                f"leak: heldout {text!r} ({intent}) differs from training {o_text!r} ({o_intent}) only in numbers"
            )

    # Near-duplicate report (warning unless --strict). Only pairs with the SAME
    # intent are reported: a held-out example that is close to a training
    # example of another intent ("absolutely not" vs "absolutely") does not
    # leak its label, it is a deliberately hard contrast case.
    warnings = []
    train_keys_by_intent: dict[str, list[str]] = defaultdict(list)
    for tkey, (t_intent, _) in train_norm.items():
        train_keys_by_intent[t_intent].append(tkey)
    train_words = {k: set(k.split()) for k in train_norm}
    for intent, text, _ in heldout:
        key = normalise(text)
        train_keys = train_keys_by_intent.get(intent, [])
        matcher = difflib.SequenceMatcher(None, "", key, autojunk=False)
        best, best_ratio = None, 0.0
        for tkey in train_keys:
            matcher.set_seq1(tkey)
            if matcher.real_quick_ratio() < args.warn_ratio or matcher.quick_ratio() < args.warn_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = tkey, ratio
        if best is not None and best_ratio >= args.warn_ratio:
            warnings.append(
                f"near-duplicate ({best_ratio:.2f}): heldout {text!r} ({intent}) ~ training "
                f"{train_norm[best][1]!r} ({train_norm[best][0]})"
            )
            continue
        # Word level: same words except one added, removed or swapped
        # ("hi hi" vs "hi", "are you a person" vs "are you a bot").
        words = set(key.split())
        for tkey in train_keys:
            twords = train_words[tkey]
            if len(words | twords) >= 2 and (len(words ^ twords) <= 1 or (
                len(words - twords) == 1 and len(twords - words) == 1 and len(words) >= 3
            )):
                warnings.append(
                    f"one-word difference: heldout {text!r} ({intent}) ~ training "
                    f"{train_norm[tkey][1]!r} ({train_norm[tkey][0]})"
                )
                break
    for w in warnings:
        print(f"WARNING: {w}")
    if args.strict:
        errors.extend(warnings)

    if errors:
        for e in errors:
            print(f"ERROR: {e}")
        print(f"\nFAILED with {len(errors)} error(s)")
        return 1
    print(f"OK: {len(train)} training and {len(heldout)} held-out examples, {len(warnings)} warning(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
