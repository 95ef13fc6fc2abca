"""How fast articles become claims: the extractor alone, and ingestion into SQLite.

1. The extractor on one core: the annotated dev corpus (../shared/corpus/dev.jsonl, 16 real
   articles) read again and again in one process; articles and kilobytes per second, and the
   time per article.
2. The extractor on one long text: the corpus's own sentences run together into 1 MB, as one
   paragraph, as one paragraph with no sentence end (every stop made a comma), and as
   paragraphs; each read once in a process of its own, with its time and peak memory. Reading
   stays linear in the text's length, so a megabyte takes about what its articles take apart.

The extractor's times are the CPU time of the process reading (one core), so other work on the
machine does not count against it; ingestion is timed by the clock.
3. Ingestion into a fresh SQLite file: each corpus article stored as a new document (a line
   added so no two texts are the same) with its claims pending review, through the same
   ``Ingestor`` as ``/ingest``; then the General Staff's full daily series imported.

    python -m bench.extract                 # 20 rounds of the corpus, 1 MB texts, 400 documents
    python -m bench.extract --rounds 5 --long-kb 256 --documents 100
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import re
import resource
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from bot.fetch import Fetcher, FetchPolicy
from bot.ingest import Ingestor
from claims.dates import parse_partial
from claims.extract.extractor import extract
from storage import open_storage

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "dev.jsonl"
SERIES = SHARED / "data" / "general-staff" / "russia_losses_personnel.json"


def _articles() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]


def bench_extractor(articles: list[dict[str, Any]], rounds: int) -> dict[str, float]:
    times: list[float] = []
    claims = 0
    size = 0
    started = time.process_time()
    for _ in range(rounds):
        for article in articles:
            published, precision = parse_partial(article["published"])
            t0 = time.process_time()
            found = extract(article["text"], published, article["publication"], precision=precision)
            times.append(time.process_time() - t0)
            claims += len(found)
            size += len(article["text"].encode())
    elapsed = time.process_time() - started
    times.sort()
    return {
        "articles": len(times),
        "seconds": elapsed,
        "per_second": len(times) / elapsed,
        "kb_per_second": size / 1024 / elapsed,
        "p50_ms": statistics.median(times) * 1000,
        "p99_ms": times[int(len(times) * 0.99) - 1] * 1000,
        "claims": claims / len(times),
    }


LONG_TEXTS = {
    "one paragraph": "paragraph",
    "one paragraph, no sentence end": "unbroken",
    "paragraphs": "paragraphs",
}


def long_text(articles: list[dict[str, Any]], kb: int, shape: str) -> str:
    """``kb`` kilobytes of the corpus's own sentences in one of the ``LONG_TEXTS`` shapes."""
    lines = [line.strip() for a in articles for line in a["text"].splitlines() if line.strip()]
    joiner = "\n" if shape == "paragraphs" else " "
    body = joiner.join(lines)
    if shape == "unbroken":
        body = re.sub(r"[.!?…](?=\s)", ",", body)
    size = kb * 1024
    return ((body + joiner) * (size // len(body) + 1))[:size]


def _read_once(text: str) -> dict[str, float]:
    started = time.process_time()
    found = extract(text, date(2024, 1, 1), "The Daily")
    seconds = time.process_time() - started
    return {
        "seconds": seconds,
        "claims": len(found),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def bench_long(articles: list[dict[str, Any]], kb: int) -> dict[str, dict[str, float]]:
    """Each long text read once in a fresh process forked for it, so that its peak memory is
    its own."""
    rows = {}
    with multiprocessing.get_context("fork").Pool(1, maxtasksperchild=1) as pool:
        for label, shape in LONG_TEXTS.items():
            row = pool.apply(_read_once, (long_text(articles, kb, shape),))
            rows[label] = {**row, "kb": kb, "kb_per_second": kb / row["seconds"]}
    return rows


async def bench_ingest(articles: list[dict[str, Any]], documents: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        storage = await open_storage(f"sqlite:///{Path(folder) / 'tally.db'}")
        fetcher = Fetcher(FetchPolicy())
        ingestor = Ingestor(storage, fetcher, today=lambda: date(2024, 1, 1))
        try:
            started = time.perf_counter()
            added = 0
            for n in range(documents):
                article = articles[n % len(articles)]
                report = await ingestor.ingest_document(
                    f"{article['text']}\n(copy {n})",
                    outlet=f"{article['publication']} #{n // len(articles)}",
                    url=f"https://example.org/{n}",
                    published=article["published"],
                )
                added += len(report.added) + len(report.reappeared)
            ingest_seconds = time.perf_counter() - started
            series_seconds = records = 0.0
            if SERIES.exists():
                started = time.perf_counter()
                report_series = await ingestor.general_staff(str(SERIES))
                series_seconds = time.perf_counter() - started
                records = report_series.records
            return {
                "documents": documents,
                "ingest_seconds": ingest_seconds,
                "documents_per_second": documents / ingest_seconds,
                "claims_per_second": added / ingest_seconds,
                "pending": await storage.claims.pending_count(),
                "series_records": records,
                "series_seconds": series_seconds,
            }
        finally:
            await fetcher.close()
            await storage.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--documents", type=int, default=400)
    parser.add_argument("--long-kb", type=int, default=1024, help="size of each long text")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"bench.extract: no corpus at {CORPUS}; nothing to measure")
        return
    articles = _articles()
    e = bench_extractor(articles, args.rounds)
    print("Extractor, one core (dev corpus, 16 real articles, repeated)")
    print(
        "| articles | seconds | articles/s | KB/s | per article p50 (ms) | p99 (ms) "
        "| claims/article |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {e['articles']:.0f} | {e['seconds']:.2f} | {e['per_second']:.0f} | "
        f"{e['kb_per_second']:.0f} | {e['p50_ms']:.2f} | {e['p99_ms']:.2f} | {e['claims']:.1f} |"
    )
    print()
    print("Extractor, one core, one long text read once (the corpus's sentences run together)")
    print("| text | KB | seconds | KB/s | claims | peak memory (MB) |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, row in bench_long(articles, args.long_kb).items():
        print(
            f"| {label} | {row['kb']:.0f} | {row['seconds']:.2f} | {row['kb_per_second']:.0f} "
            f"| {row['claims']:.0f} | {row['peak_mb']:.0f} |"
        )
    i = asyncio.run(bench_ingest(articles, args.documents))
    print()
    print("Ingestion into SQLite (extract + store document, claims and appearances)")
    print(
        "| documents | seconds | documents/s | claims/s | pending after "
        "| General Staff records | import seconds |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {i['documents']:.0f} | {i['ingest_seconds']:.2f} | {i['documents_per_second']:.0f} | "
        f"{i['claims_per_second']:.0f} | {i['pending']:.0f} | {i['series_records']:.0f} | "
        f"{i['series_seconds']:.2f} |"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
