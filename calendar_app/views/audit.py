"""Audit: the brand's past posts, from its platforms' exports (or Edito's CSV), checked by every rule and the
calendar rules, then reported month by month, as ``edito audit -w BRAND`` does (``build_report``, shared).

The audit runs in the app's own process (one worker, ``workers=1``): fine for a brand's year or two of posts;
large sweeps belong to the command line (``edito audit --workers N``, or ``--engine dask``). The page writes
nothing, so any role may run it; the last report stays in the session until the next audit.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from calendar_app import resources
from calendar_app.audit_command import SHOWN_SKIPPED, Skipped, build_report, workspace_setup
from calendar_app.components.plain_text import escape_markdown
from calendar_app.components.user_picker import choose_user
from calendar_app.components.workspace_picker import choose_workspace
from calendar_app.errors import EditoError
from calendar_app.i18n import t
from checks.audit.readers import Ignored
from checks.audit.report import AuditReport, to_csv, to_html, to_json

REPORT_KEY = "audit.report"
UPLOAD_TYPES = ["zip", "js", "json", "csv"]
PROGRESS_EVERY = 250  # posts per partition: the bar moves every so many posts checked
# A file uploaded on its own goes where its platform's export keeps it: the readers know an export by its paths.
EXPORT_FOLDERS = (
    (re.compile(r"^tweets?(-part\d+)?\.js$"), "data"),
    (re.compile(r"^(posts_\d+|reels)\.json$"), "content"),
    (re.compile(r"^your_posts(__check_ins__photos_and_videos)?(_\d+)?\.json$"), "posts"),
    (re.compile(r"^comments\.json$"), "comments"),
)
DOWNLOADS = (("html", to_html, "text/html"), ("json", to_json, "application/json"), ("csv", to_csv, "text/csv"))


@dataclass(frozen=True)
class Audited:
    """The last audit of the session: its report, rendered once in every format, and what the readers left out."""

    workspace_id: int
    report: AuditReport
    files: dict[str, str]
    skipped: int
    first_skipped: list[str]
    ignored: Ignored


class _Uploads:
    """The uploaded files written to a folder, each under its own name, and their names in messages."""

    def __init__(self, folder: Path, uploads) -> None:
        self.names = [upload.name for upload in uploads]
        self.paths: list[Path] = []
        self._shown: list[tuple[str, str]] = []  # (path in a message, the name the user knows)
        for index, upload in enumerate(uploads):
            home = folder / str(index)  # one folder each: two uploads may share a name
            name = Path(upload.name).name
            inner = next((sub for pattern, sub in EXPORT_FOLDERS if pattern.match(name.lower())), None)
            path = home / name
            target = path / inner / name if inner else path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(upload.getbuffer())
            self.paths.append(path)
            if inner:
                self._shown.append((str(target), upload.name))
            self._shown.append((str(path), upload.name))

    def not_a_zip(self) -> str | None:
        """The first upload named .zip that is not one."""
        return next((name for name, path in zip(self.names, self.paths, strict=True)
                     if path.suffix.lower() == ".zip" and not zipfile.is_zipfile(path)), None)

    def readable(self, message: str) -> str:
        """``message`` with the uploads' names instead of their paths here."""
        for path, name in self._shown:
            message = message.replace(path, name)
        return message

    def named_in(self, message: str) -> str | None:
        return next((name for path, name in self._shown if path in message), None)


def _failure(error: EditoError, uploads: _Uploads, lang: str) -> str:
    """One sentence in the page's language naming the file at fault (the checker's detail is in English)."""
    raw = str(error)
    detail, name = escape_markdown(uploads.readable(raw)), uploads.named_in(raw)
    if name is None:
        return t("audit.failed", lang, detail=detail)
    return t("audit.unreadable", lang, name=escape_markdown(name), detail=detail)


def _run(uploaded, workspace, start, end, lang: str) -> Audited | None:
    """Audit the uploads with the brand's settings, here in the app's process (``workers=1``); on an error, show
    it and give None."""
    skipped, ignored = Skipped(), Ignored()
    bar = st.progress(0.0, text=t("audit.reading", lang))
    checked = 0

    def on_progress(count: int) -> None:
        nonlocal checked
        checked += count
        # The total is unknown until the stream ends: the bar moves towards the end without reaching it. A
        # partition short of PROGRESS_EVERY is the last one: the calendar rules come next.
        bar.progress(checked / (checked + 4 * PROGRESS_EVERY),
                     text=t("audit.calendar" if count < PROGRESS_EVERY else "audit.checking", lang, count=checked))

    with tempfile.TemporaryDirectory(prefix="edito-audit-") as folder:
        uploads = _Uploads(Path(folder), uploaded)
        if (wrong := uploads.not_a_zip()) is not None:
            bar.empty()
            st.error(t("audit.not_a_zip", lang, name=escape_markdown(wrong)), icon=":material/error:")
            return None
        try:
            with st.spinner(t("audit.reading", lang)):
                with resources.session() as session:
                    setup = workspace_setup(workspace, session=session)
                report = build_report(uploads.paths, setup, names=uploads.names, start=start, end=end, workers=1,
                                      partition_size=PROGRESS_EVERY, on_progress=on_progress, skipped=skipped,
                                      ignored=ignored)
                files = {fmt: render(report) for fmt, render, _ in DOWNLOADS}
        except EditoError as error:
            bar.empty()
            st.error(_failure(error, uploads, lang), icon=":material/error:")
            return None
        first_skipped = [uploads.readable(message) for message in skipped.first]
    bar.empty()
    return Audited(workspace.id, report, files, skipped.count, first_skipped, ignored)


def _show(audited: Audited, lang: str) -> None:
    total = audited.report.tally.total()
    findings = sum(total.families.values()) + sum(total.calendar.values())
    if total.posts + total.replies:
        st.success(t("audit.done", lang, posts=total.posts, replies=total.replies, findings=findings),
                   icon=":material/fact_check:")
    else:
        st.info(t("audit.nothing", lang))
    ignored = audited.ignored
    left_out = [t(f"audit.left_out.{what}", lang, count=count) for what, count in
                (("retweets", ignored.retweets), ("empty", ignored.empty), ("duplicates", ignored.duplicates))
                if count]
    if left_out:
        st.caption(t("audit.left_out", lang, items=", ".join(left_out)))
    if audited.skipped:
        lines = [f"- {escape_markdown(message)}" for message in audited.first_skipped]
        if audited.skipped > len(audited.first_skipped):
            lines.append(f"- {t('audit.skipped_more', lang, count=audited.skipped - len(audited.first_skipped))}")
        st.warning("\n".join([t("audit.skipped", lang, count=audited.skipped), "", *lines]), icon=":material/warning:")
    st.caption(t("audit.of", lang, archives=", ".join(t("audit.quoted", lang, name=escape_markdown(name))
                                                      for name in audited.report.archives)))
    columns = st.columns(len(DOWNLOADS))
    for column, (fmt, _, mime) in zip(columns, DOWNLOADS, strict=True):
        column.download_button(t(f"audit.download.{fmt}", lang), data=audited.files[fmt],
                               file_name=f"edito-audit.{fmt}", mime=mime, key=f"audit.download.{fmt}",
                               icon=":material/download:", on_click="ignore", width="stretch")
    # An iframe, not st.html: the charts are drawn by the report's own (inlined) scripts. The report escapes
    # every text it quotes from the exports.
    st.iframe(audited.files["html"], height="content", alt=t("audit.report", lang))


workspace = choose_workspace()
if workspace is None:
    st.stop()
choose_user()  # the sidebar's picker, as on every page: any role may audit, nothing is written
lang = str(workspace.language)
wid = workspace.id

st.title(f"{t('audit', lang)} · {escape_markdown(workspace.name)}")
st.caption(t("audit.help", lang))

uploaded = st.file_uploader(t("audit.files", lang), type=UPLOAD_TYPES, accept_multiple_files=True,
                            key="audit.files", help=t("audit.files_help", lang))
from_column, to_column, _ = st.columns([1, 1, 2])
period_help = t("audit.period_help", lang, zone=workspace.timezone)
start = from_column.date_input(t("audit.from", lang), value=None, format="DD/MM/YYYY", key=f"audit.from.{wid}",
                               help=period_help)
end = to_column.date_input(t("audit.to", lang), value=None, format="DD/MM/YYYY", key=f"audit.to.{wid}",
                           help=period_help)
period_ok = start is None or end is None or start <= end
if not period_ok:
    st.error(t("audit.bad_period", lang))
st.caption(t("audit.in_process", lang))

if st.button(t("audit.run", lang), type="primary", key="audit.run", icon=":material/fact_check:",
             disabled=not uploaded or not period_ok):
    st.session_state.pop(REPORT_KEY, None)  # a failed audit shows its error, not the report before it
    audited = _run(uploaded, workspace, start, end, lang)
    if audited is not None:
        st.session_state[REPORT_KEY] = audited

last = st.session_state.get(REPORT_KEY)
if last is not None and last.workspace_id == wid:
    _show(last, lang)
