"""The archive stage: Wayback fallback, what a page shows, and the article behind a site.

* `wayback.py`: `WaybackClient` (availability + CDX + archived pages; one at a time, per
  minute and per run budgets, 429 backoff), `Snapshot`, `CdxRow`;
* `metadata.py`: `page_metadata(html) -> PageMeta(title, date, ...)` (pure);
* `verify.py`: `compare_title`, `compare_date`, `verify_link` -> ``title-mismatch``,
  ``published-date-mismatch`` (pure);
* `recover.py`: `recover_article` for site-only citations (CDX prefix search, slug and title
  match);
* `text.py`: transliteration folding and similarity shared by verify and recover;
  `period.py`: ISO dates as periods, Wayback timestamps;
* `hook.py`: `make_archive_hook(client, settings, findings)` (the runner's ``archive``
  hook), `verify_live`, `make_page_inspector` (the runner's ``inspect`` hook).
"""
