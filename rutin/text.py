"""What counts as blank in a question: one definition for the server's check and the OpenAPI.

A search query or chat message with no character outside ``BLANK_CHARS`` is refused (422).
``NOT_BLANK_PATTERN`` says the same in the OpenAPI document (``pattern``), so the contract and
the check cannot drift apart. The class is written with ``\\x``/``\\u`` escapes and ranges only
(no ``\\s``, whose meaning differs between Python, JavaScript and Rust), so Python's ``re``, the
ECMA-262 regexes of JSON Schema and Rust's regex crate read it alike.
"""

from __future__ import annotations

import re

#: Whitespace (Python's and JavaScript's), the C0 and C1 control characters, and the invisible
#: format characters: soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width
#: spaces and joiners, direction marks and embeddings, word joiner and invisible operators,
#: byte-order mark.
BLANK_CHARS = (r"\x00-\x20\x7f-\xa0\xad\u061c\u1680\u180e\u2000-\u200f\u2028-\u202f"
               r"\u205f-\u206f\u3000\ufeff")

#: Matches (anywhere) a text that is not blank; the OpenAPI ``pattern`` of ``q`` and ``message``.
NOT_BLANK_PATTERN = f"[^{BLANK_CHARS}]"

_NOT_BLANK = re.compile(NOT_BLANK_PATTERN)


def is_blank(text: str) -> bool:
    """True if ``text`` holds nothing but blank characters (or nothing at all)."""
    return _NOT_BLANK.search(text) is None


# ---------------------------------------------------------------- language

_SV_WORDS = {"och", "är", "att", "en", "ett", "som", "för", "på", "hur", "vad", "jag", "det",
             "patienten", "med", "om", "vid", "till", "av", "inte", "får", "ska", "vilken",
             "vilka", "när", "gjorde", "besök", "igår", "idag", "år", "hon", "han", "hen",
             # short Swedish replies without å, ä or ö ("vi skrev in honom 3/11" read as
             # English through "in": walk-through, stop 18)
             "vi", "honom", "henne", "dom", "dem", "nej", "ja", "var", "sen", "nu", "bara",
             "skrev", "skrevs", "kan", "har", "hade", "eller", "efter", "pat", "du", "ni",
             "oss", "mig", "sig", "ingen", "inget", "nog", "kanske", "typ"}
_EN_WORDS = {"the", "and", "is", "what", "how", "do", "does", "a", "an", "of", "to", "for",
             "patient", "visit", "was", "with", "pay", "fee", "old", "years", "register",
             "yesterday", "today", "who", "which", "should", "can", "at", "on", "home", "did",
             # function words no Swedish question uses (a Swedish term such as
             # "Läkarmedverkan" in an English question must not outvote them: answer set,
             # "How many percent did Läkarmedverkan visits go up in 2021?")
             "in", "go", "up", "many", "much", "percent", "when", "where", "there", "are", "it",
             "this", "that", "if", "have", "has", "need", "from", "after", "before", "any",
             "would", "could", "she", "he", "her", "his", "my", "we", "they", "their", "get",
             "does", "doctor", "nurse", "physician", "code", "routine", "rule", "rules", "i'm",
             # a short English correction ("sorry shes 85 actually": re-check, stop 19, was
             # answered in Swedish)
             "sorry", "actually", "shes", "hes", "yes", "no", "oh", "oops", "just", "also",
             # "whats vårdtjänst mean" (walk-through, stop 21, was answered in Swedish)
             "whats", "mean", "means", "meaning", "explain",
             # "discharged 2/11, how long does läkarmedverkan support last" (walk-through, stop
             # 24, tied and was answered in Swedish)
             "long", "support", "discharged", "discharge", "days", "until", "extended",
             "extend", "care", "health", "me", "about", "will", "been", "not", "be",
             # "ok so which vårdtjänst do I pick then" (walk-through, stop 24)
             "pick", "then", "choose", "select", "enter", "put", "use",
             # "did a hembesök igår, 86 yo in ordinärt boende, not enrolled in hemsjukvård,
             # just a regular check" (walk-through, stop 37, was answered in Swedish)
             "enrolled", "regular", "check", "yo", "visited", "saw", "lady", "woman", "but",
             "still", "lived", "lives", "living", "ordinary", "housing", "flat", "instead",
             # "im from Läkarmedverkan btw" (walk-through, stop 39, was answered in Swedish)
             "im", "btw", "by", "house", "call"}
#: An English question word opening the message counts once more: the frame of the question
#: is English though its terms are Swedish ("what is vårdtjänst", walk-through, stop 21).
_EN_OPENING = re.compile(r"^\W*(?:what|whats|what's|how|who|when|where|which|why|does|do|is|"
                         r"can|could|should|would|are)\b", re.I)


_SV_ENDING = re.compile(r"(?:[bcdfghjklmpstvxz]ning|ningen|ningar|ningarna|ningens|erna|arna|"
                        r"orna)$")


def detect_language(text: str) -> str:
    """'en' when the text reads as English, else 'sv' (the default of the routines)."""
    sv, en = language_scores(text)
    return "en" if en > sv else "sv"


#: An English question about what a term means: the term's words are no evidence of the
#: language ("what does Läkare närsjukvård äldre mean" was answered in Swedish, the whole page
#: with it: walk-through, stop 42).
_EN_TERM_ASKED = re.compile(r"^\W*(?:what\s+(?:does|do|is|are)|what'?s|whats)\s+(.+?)\s+"
                            r"(?:mean|means|stand for|stands for)\b", re.I)


#: A term in quotation marks: 'Läkare närsjukvård äldre', "VAS", ”kund”, “kund”, «kund».
_QUOTED = re.compile(r"(?<!\w)'[^']{2,80}'(?!\w)|\"[^\"]{2,80}\"|[”“][^”“]{2,80}[”“]|"
                     r"«[^»]{2,80}»")


def language_scores(text: str) -> tuple[int, int]:
    """(Swedish, English) evidence of ``text``: equal when it says nothing of its language
    ("born 20 march 1940" in an English conversation: re-check, stop 24, answered in Swedish)."""
    term = _EN_TERM_ASKED.match(text)
    if term is not None:
        text = text[:term.start(1)] + " " + text[term.end(1):]
    # a term in quotation marks is the routines' word, no evidence of the language the
    # question is asked in ("and 'Läkare närsjukvård äldre'?" after two English questions was
    # answered in Swedish: walk-through, stop 44)
    unquoted = _QUOTED.sub(" ", text)
    if re.search(r"[^\W\d_]", unquoted):
        text = unquoted
    words = re.findall(r"[a-zåäöé]+", text.lower())
    if not words:
        return 0, 0
    # a word with å, ä or ö counts twice (the routines' own terms are Swedish, so once per
    # word rather than per letter: "Läkarmedverkan" is one Swedish word, not two)
    sv = sum(w in _SV_WORDS for w in words) + 2 * sum(bool(re.search("[åäö]", w))
                                                      for w in words)
    # a Swedish ending without å, ä or ö ("support cosmic inloggning" was answered in English:
    # walk-through, stop 30): a consonant before "-ning" (English has "planning", "evening",
    # "morning", "training"), "-ningen", "-ningar", and the plurals' "-erna", "-arna", "-orna"
    sv += sum(bool(_SV_ENDING.search(w)) for w in words if w not in _EN_WORDS)
    en = sum(w in _EN_WORDS for w in words) + bool(_EN_OPENING.match(text))
    return sv, en
