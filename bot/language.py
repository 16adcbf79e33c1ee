"""Which language a resident wrote in, without misfiring on short English texts.

langdetect guesses wrongly on short texts ("my kitchen tap is dripping" comes out as
Dutch), so its guess only counts when the text is long enough and the guess is
confident. Scripts that only one supported language uses here decide at once.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

SUPPORTED = ("en", "pl", "ro", "ur", "pa", "bn", "ar", "so", "pt", "es", "tr", "lt", "fr", "cy")

# Letters used in Urdu (and Shahmukhi Punjabi) but not in Arabic.
_URDU_LETTERS = set("ٹڈڑںےۓہھگکپچژ")


@dataclass(frozen=True)
class LanguageGuess:
    language: str
    confident: bool  # strong enough evidence to act on


def _script_language(text: str) -> str | None:
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        script = name.split(" ", 1)[0]
        counts[script] = counts.get(script, 0) + 1
    letters = sum(counts.values())
    if not letters:
        return None
    for script, lang in (("BENGALI", "bn"), ("GURMUKHI", "pa")):
        if counts.get(script, 0) * 2 > letters:
            return lang
    if counts.get("ARABIC", 0) * 2 > letters:
        return "ur" if any(ch in _URDU_LETTERS for ch in text) else "ar"
    return None


class LanguageDetector:
    def __init__(self, supported: tuple[str, ...] = SUPPORTED, min_words: int = 4, min_probability: float = 0.90,
                 default: str = "en"):
        self.supported = supported
        self.min_words = min_words
        self.min_probability = min_probability
        self.default = default

    def guess(self, text: str) -> LanguageGuess:
        by_script = _script_language(text)
        if by_script:
            return LanguageGuess(by_script, True)
        if len(text.split()) < self.min_words:
            return LanguageGuess(self.default, False)
        # Imported lazily: langdetect loads its language profiles on first use.
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0  # the same text always gets the same answer
        try:
            ranked = detect_langs(text)
        except LangDetectException:
            return LanguageGuess(self.default, False)
        for candidate in ranked:
            if candidate.lang in self.supported:
                if candidate.prob >= self.min_probability:
                    return LanguageGuess(candidate.lang, True)
                break
        return LanguageGuess(self.default, False)
