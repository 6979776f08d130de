"""``edito audit``: check a brand's past posts from its platforms' own exports.

- ``checks.audit.model``: ``ArchivedPost`` (one post read from an archive) and ``ArchiveError``.
- ``checks.audit.readers``: the platforms' export layouts (X, Instagram, Facebook, LinkedIn, Edito CSV),
  detected from the files, streamed.
- ``checks.audit.engine``: partitions checked by ``checks.lint_many`` on local processes or a Dask cluster,
  reduced to an ``AuditTally`` (partial counts that merge; ``checks.audit.tally``).
- ``checks.audit.calendar``: the calendar rules (CAL…) over the archive, one month at a time.
- ``checks.audit.report``: the tally as JSON, CSV or one self-contained HTML file (Altair charts).
"""
