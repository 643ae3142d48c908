"""A synthetic corpus built from the real documents: varied, not copies.

Sentences, bullets and headings are taken from the bundled documents and recombined across
documents and sections; municipality and clinic names, dates, amounts and a few words are
substituted; paragraph order is shuffled. Each synthetic document gets its own file and its own
catalog entry, so the real ingest path (``KnowledgeBase.ingest``) is what the scale stage
measures. Deterministic for a given seed.
"""

from __future__ import annotations

import math
import random
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

BULLET = re.compile(r"^\s*(?:[•●▪■◦o\-–]|\d+\.)\s+")
DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
AMOUNT = re.compile(r"\b(\d{2,4}) ?kr\b")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9•●])")

# Names a region's routines really mention: Halland's municipalities and some of
# Västra Götaland's, the region's clinics ("vårdcentral") and the journal systems.
MUNICIPALITIES = [
    "Halmstad", "Varberg", "Kungsbacka", "Falkenberg", "Laholm", "Hylte", "Borås", "Alingsås",
    "Lerum", "Partille", "Kungälv", "Uddevalla", "Trollhättan", "Vänersborg", "Skövde", "Lidköping",
]
REGIONS = ["Region Halland", "Västra Götalandsregionen", "Region Halland, närsjukvården"]
CLINICS = [
    "Vårdcentralen Andersberg", "Vårdcentralen Getinge", "Vårdcentralen Tvååker",
    "Vårdcentralen Onsala", "Vårdcentralen Hyltebruk", "Vårdcentralen Skrea", "Capio Vårdcentral Varberg",
]
SYNONYMS = [
    ("patienter", "brukare"), ("ska", "bör"), ("öka", "förbättra"), ("säkerställa", "garantera"),
    ("vårdcentral", "hälsocentral"), ("rutin", "riktlinje"), ("läkare", "doktor"),
    ("information", "underlag"), ("samverkan", "samarbete"), ("utförs", "genomförs"),
]
TITLE_STEMS = [
    "Rutin för", "Riktlinje för", "Anvisning om", "Information om", "Lokal rutin för",
    "Uppföljning av", "Handlingsplan för",
]
TITLE_TOPICS = [
    "hemsjukvårdsbesök av läkare", "inskrivning i kommunal hälso- och sjukvård",
    "utskrivning från slutenvård", "brytpunktssamtal i hemmet", "läkarinsatser på särskilt boende",
    "registrering av vårdkontakter", "mobil hemsjukvård", "samordnad individuell plan",
    "patientavgifter i hemsjukvården", "läkarmedverkan i hemsjukvården",
]
KINDS = ["routine", "routine", "routine", "decision", "report", "document"]


@dataclass
class Pools:
    """The pieces a synthetic document is recombined from."""

    headings: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)


def read_pools(documents_dir: Path) -> Pools:
    """Split the real documents of ``documents_dir`` (``*.txt``) into headings, sentences, bullets.

    Raises FileNotFoundError when the directory holds no text document.
    """
    pools = Pools()
    files = sorted(Path(documents_dir).glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no .txt documents in {documents_dir}")
    for path in files:
        text = path.read_text(encoding="utf-8")
        for block in re.split(r"\n\s*\n", text):
            lines = [line.strip() for line in block.splitlines() if line.strip()]
            if not lines:
                continue
            joined = " ".join(lines)
            if BULLET.match(lines[0]):
                pools.bullets.append(BULLET.sub("", joined).strip())
            elif len(lines) == 1 and len(joined) < 70 and not joined.endswith((".", ",", ";")):
                # Table rows of the statistics report look like headings: keep words only.
                if len(joined) > 3 and sum(c.isdigit() for c in joined) <= 4:
                    pools.headings.append(joined.replace("\xa0", " "))
            else:
                for sentence in SENTENCE_END.split(joined):
                    if len(sentence) >= 30:
                        pools.sentences.append(sentence.strip())
    pools.headings = sorted(set(pools.headings))
    return pools


def _vary(text: str, rng: random.Random) -> str:
    """Substitute names, dates, amounts and a few words so that no two passages are copies."""
    text = DATE.sub(lambda m: f"{rng.randint(2019, 2029)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", text)
    text = AMOUNT.sub(lambda m: f"{rng.choice([100, 150, 200, 250, 300, 400, 500, 750, 1000])} kr", text)
    text = text.replace("Halland", rng.choice(["Halland", "Västra Götaland", "Skåne", "Jönköping"]))
    for word, other in SYNONYMS:
        if rng.random() < 0.3:
            text = re.sub(rf"\b{word}\b", other, text)
    if rng.random() < 0.25:
        text += f" Det gäller även {rng.choice(CLINICS)} i {rng.choice(MUNICIPALITIES)}."
    return text


def _bullet(text: str, pools: Pools, rng: random.Random) -> str:
    """A varied bullet: a real one, substituted, often extended by a clause from elsewhere."""
    text = _vary(text, rng)
    if rng.random() < 0.7:
        words = rng.choice(pools.sentences).rstrip(".").split()
        start = rng.randint(0, max(0, len(words) - 6))
        text = f"{text.rstrip('.')}, {' '.join(words[start:start + rng.randint(4, 9)]).lower()}."
    return text


def synthetic_document(pools: Pools, rng: random.Random, number: int) -> tuple[str, dict]:
    """One synthetic document: its text (in the shape of the real ones) and its catalog entry."""
    municipality = rng.choice(MUNICIPALITIES)
    title = f"{rng.choice(TITLE_STEMS)} {rng.choice(TITLE_TOPICS)} – {municipality} ({number})"
    parts: list[str] = [title, ""]
    for _ in range(rng.randint(3, 7)):
        parts += [" " + rng.choice(pools.headings) + " ", ""]
        blocks: list[str] = []
        for _ in range(rng.randint(1, 3)):
            sentences = rng.sample(pools.sentences, k=min(len(pools.sentences), rng.randint(1, 4)))
            blocks.append(" ".join(_vary(s, rng) for s in sentences))
        if pools.bullets and rng.random() < 0.6:
            bullets = rng.sample(pools.bullets, k=min(len(pools.bullets), rng.randint(2, 4)))
            blocks.append("\n\n".join("• " + _bullet(b, pools, rng) for b in bullets))
        rng.shuffle(blocks)
        parts += ["\n\n".join(blocks), ""]
    year = rng.randint(2019, 2027)
    entry = {
        "id": f"syn-{number:06d}",
        "title": title,
        "organization": rng.choice([f"{municipality} kommun", *REGIONS]),
        "kind": rng.choice(KINDS),
        "valid_from": f"{year}-{rng.randint(1, 12):02d}-01",
    }
    return "\n".join(parts) + "\n", entry


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_corpus(out_dir: Path, n_documents: int, *, documents_dir: Path, seed: int = 0) -> list[Path]:
    """Write ``n_documents`` synthetic documents and their ``catalog.toml`` to ``out_dir``.

    Returns the written document paths. The same seed gives the same corpus, byte for byte.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pools = read_pools(documents_dir)
    rng = random.Random(seed)
    paths: list[Path] = []
    catalog: list[str] = [
        "# Synthetic corpus for the scale benchmark (bench/synthetic.py); not real routines.", ""
    ]
    for number in range(n_documents):
        text, entry = synthetic_document(pools, rng, number)
        name = f"{entry['id']}.txt"
        (out_dir / name).write_text(text, encoding="utf-8")
        paths.append(out_dir / name)
        catalog.append(f"[{_toml_string(name)}]")
        for key, value in entry.items():
            rendered = value if key == "valid_from" else _toml_string(value)
            catalog.append(f"{key} = {rendered}")
        catalog.append("")
    (out_dir / "catalog.toml").write_text("\n".join(catalog), encoding="utf-8")
    tomllib.loads((out_dir / "catalog.toml").read_text(encoding="utf-8"))  # must stay valid TOML
    return paths


def chunks_per_document(documents_dir: Path, work_dir: Path, *, seed: int = 0, sample: int = 20) -> float:
    """The mean number of chunks the real ingest pipeline makes of one synthetic document.

    Falls back to counting sections (one chunk per heading) while ``ingest.pipeline`` is absent.
    """
    sample_dir = Path(work_dir) / f"calibration-{seed}"
    paths = write_corpus(sample_dir, sample, documents_dir=documents_dir, seed=seed + 7919)
    try:
        from ingest.pipeline import load_directory
    except ImportError:
        return sum(p.read_text(encoding="utf-8").count("\n ") for p in paths) / sample
    docs, _failures = load_directory(sample_dir)
    return max(1.0, sum(len(d.chunks) for d in docs) / max(1, len(docs)))


def documents_for_chunks(target_chunks: int, per_document: float) -> int:
    """How many synthetic documents give about ``target_chunks`` chunks."""
    return max(1, math.ceil(target_chunks / per_document))
