"""Reading posts: front matter and its line offsets, CSV delimiters and encodings, folders, stdin, and
errors that name the file and the place."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from checks import InputError
from checks.finding import Finding, Severity
from checks.formatters import locate
from checks.inputs import InputFileError, decode, read_inputs, split_delimiter
from checks.post import PostInput

FRONT_MATTER_POST = """---
channel: X
lang: fr
objective: conversion
sponsorship: paid
partner: Acme
link: https://acme.example/hiver
silence:
  COM003: "offre réelle, validée par le juridique"
---

Bonjour à tous,
voici la collection d'hiver : Achetez-la en boutique.
"""


def write(path: Path, content: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def only(paths: list[str], **defaults) -> PostInput:
    (post,) = read_inputs(paths, **defaults)
    return post


def file_position(raw: str, needle: str) -> tuple[int, int]:
    """1-based (line, column) of ``needle`` in the raw file text."""
    index = raw.index(needle)
    return raw.count("\n", 0, index) + 1, index - raw.rfind("\n", 0, index)


def reported_position(post: PostInput, needle: str) -> tuple[int, int]:
    start = post.text.index(needle)
    located = locate(post, Finding("COM002", "commercial.calls", Severity.ERROR, "m", start, start + len(needle)), 1)
    return located.line, located.column


# --- Markdown --------------------------------------------------------------------------------------------

def test_front_matter_goes_to_the_post_and_lines_match_the_file():
    post = only([write(Path("posts/hiver.md"), FRONT_MATTER_POST)])
    assert post.channel == "x" and post.lang == "fr" and post.source == "posts/hiver.md"
    assert dict(post.meta) == {
        "objective": "conversion", "sponsorship": "paid", "partner": "Acme", "link": "https://acme.example/hiver",
        "silence": {"COM003": "offre réelle, validée par le juridique"},
    }
    assert post.text == "Bonjour à tous,\nvoici la collection d'hiver : Achetez-la en boutique."
    assert post.line == 12
    for needle in ("Bonjour", "Achetez-la"):
        assert reported_position(post, needle) == file_position(FRONT_MATTER_POST, needle)


def test_markdown_without_front_matter_is_all_body():
    post = only([write(Path("note.md"), "\n\nUn message *simple*.\n")])
    assert (post.text, post.line, post.channel, dict(post.meta)) == ("Un message *simple*.", 3, None, {})


def test_crlf_and_a_bom_change_nothing():
    raw = FRONT_MATTER_POST.replace("\n", "\r\n").encode("utf-8-sig")
    post = only([write(Path("windows.md"), raw)])
    assert post.line == 12 and "\r" not in post.text and post.channel == "x"


def test_defaults_apply_only_where_the_file_is_silent():
    said = only([write(Path("said.md"), FRONT_MATTER_POST)], default_channel="linkedin", default_lang="en")
    assert (said.channel, said.lang) == ("x", "fr")
    silent = only([write(Path("silent.md"), "Hello")], default_channel="LinkedIn", default_lang="en")
    assert (silent.channel, silent.lang) == ("linkedin", "en")


# --- text and other files ------------------------------------------------------------------------------------

def test_a_text_file_is_one_post_even_with_dashes():
    post = only([write(Path("post.txt"), "---\nchannel: x\n---\nTexte\n\n")])
    assert post.text == "---\nchannel: x\n---\nTexte" and post.channel is None and post.line == 1


def test_any_other_extension_is_plain_text():
    assert only([write(Path("draft.post"), "Un brouillon")]).text == "Un brouillon"


def test_stdin_is_one_post_or_read_like_the_named_file():
    assert only(["-"], stdin=io.BytesIO(b"Bonjour")).source == "-"
    named = only(["-"], stdin=io.BytesIO(FRONT_MATTER_POST.encode()), stdin_name="posts/hiver.md")
    assert named.source == "posts/hiver.md" and named.line == 12 and named.channel == "x"


def test_encodings():
    assert decode("Été".encode("utf-16"), "a.txt") == "Été"
    assert decode("Été".encode("cp1252"), "a.txt") == "Été"
    assert decode(b"\xef\xbb\xbfa\r\nb\rc", "a.txt") == "a\nb\nc"


# --- CSV -----------------------------------------------------------------------------------------------------

CALENDAR = (
    'id,title,platform,language,objective,sponsorship,body,status\n'
    '41,Hiver,Instagram,fr,conversion,none,"Nouvelle collection, en boutique.",draft\n'
    '42,Atelier,LinkedIn,fr,engagement,,"Trois lignes :\nune visite d\'atelier,\net Achetez vite !",approved\n'
    '\n'
    ',Idée,X,fr,,,,idea\n'
    ',Sans id,X,en,awareness,,Plain post,draft\n'
)


def test_calendar_csv_one_post_per_row_with_its_place_in_the_file():
    posts = read_inputs([write(Path("export.csv"), CALENDAR.encode("utf-8-sig"))])
    assert [post.id for post in posts] == ["41", "42", "row 6"]  # the empty-body idea (row 5) is skipped
    first, second, third = posts
    assert (first.channel, first.lang, dict(first.meta)) == (
        "instagram", "fr", {"objective": "conversion", "sponsorship": "none", "title": "Hiver"})
    assert first.text == "Nouvelle collection, en boutique." and first.source == "export.csv"
    assert reported_position(first, "Nouvelle") == file_position(CALENDAR, "Nouvelle")
    assert reported_position(second, "Achetez") == file_position(CALENDAR, "Achetez") == (5, 4)
    assert (third.lang, third.line) == ("en", 8)


def test_semicolons_windows_1252_and_crlf():
    raw = "text;channel;lang\r\nPromo d'été;Instagram;fr\r\nÀ bientôt;X;fr\r\n".encode("cp1252")
    posts = read_inputs([write(Path("excel.csv"), raw)])
    assert [(post.text, post.id, post.line, post.column) for post in posts] == [
        ("Promo d'été", "row 2", 2, 1), ("À bientôt", "row 3", 3, 1)]


def test_excel_sep_line():
    posts = read_inputs([write(Path("sep.csv"), "sep=;\nbody;channel\nBonjour, tout le monde;x\n")])
    assert [(post.text, post.channel, post.line, post.id) for post in posts] == [
        ("Bonjour, tout le monde", "x", 3, "row 2")]


@pytest.mark.parametrize(("text", "expected"), [
    ("a,b;c\n1,2;3\n", (",", "a,b;c\n1,2;3\n", 0)),
    ("a;b;c,d\n", (";", "a;b;c,d\n", 0)),
    ("a\tb\tc;d\n", ("\t", "a\tb\tc;d\n", 0)),
    ("sep=;\r\na,b,c\r\n", (";", "a,b,c\r\n", 1)),  # Excel's line wins over the counts, CRLF or not
    ("sep=|\nbody\n", ("|", "body\n", 1)),
    ("body\n", (",", "body\n", 0)),
])
def test_the_delimiter_is_the_sep_line_or_the_commonest_in_the_header(text, expected):
    assert split_delimiter(text) == expected


# --- folders ------------------------------------------------------------------------------------------------

def test_a_folder_is_read_recursively_in_order_without_hidden_files():
    write(Path("posts/b.md"), "B")
    write(Path("posts/a/z.txt"), "Z")
    write(Path("posts/a/cal.csv"), "body\nC1\nC2\n")
    write(Path("posts/.drafts/secret.md"), "hidden")
    write(Path("posts/.hidden.md"), "hidden")
    write(Path("posts/notes.docx"), "not a post")
    sources = [post.source for post in read_inputs(["posts"])]
    assert sources == [str(Path(p)) for p in ("posts/a/cal.csv", "posts/a/cal.csv", "posts/a/z.txt", "posts/b.md")]


def test_a_file_named_twice_is_read_once():
    name = write(Path("posts/b.md"), "B")
    assert len(read_inputs([name, "posts", "./posts/b.md"])) == 1


# --- errors -------------------------------------------------------------------------------------------------

ERRORS = [
    ("missing.md", None, ["missing.md", "no such file or directory"]),
    ("bad.md", "---\nchannel: [x\nlang: fr\n---\nTexte", ["bad.md, line", "invalid YAML front matter"]),
    ("typo.md", "---\nlang: fr\nchanel: x\n---\nTexte", ["typo.md, line 3", "unknown front-matter key 'chanel'",
                                                         "did you mean 'channel'"]),
    ("bribe.md", "---\nlang: fr\nsponsorship: bribe\n---\nTexte", ["bribe.md, line 3", "sponsorship must be one of",
                                                                   "'bribe'"]),
    ("open.md", "---\nlang: fr\nTexte", ["open.md, line 1", "never closed"]),
    ("list.md", "---\n- a\n- b\n---\nTexte", ["list.md, line 2", "'key: value'"]),
    ("link.md", "---\nlink: acme.example\n---\nTexte", ["link.md, line 2", "http://"]),
    ("hush.md", "---\nsilence:\n  COM001: ''\n---\nTexte", ["hush.md, line 2", "silencing COM001 needs a reason"]),
    ("lang.md", "---\nlang: de\n---\nTexte", ["lang.md, line 2", "lang must be one of fr, en"]),
    ("nobody.csv", "title,channel\nA,x\n", ["nobody.csv", "no 'body' (or 'text') column", "title, channel"]),
    ("empty.csv", "", ["empty.csv", "empty"]),
    ("row.csv", "body,sponsorship\nok,paid\n\"deux\nlignes\",bribe\n",
     ["row.csv, row 3 (line 3), column 'sponsorship'", "'bribe'"]),
    ("cells.csv", "body,channel\nPromo, -50%,x\n", ["cells.csv, row 2 (line 2)", "3 cells", "2 columns"]),
    ("huge.csv", 'body\n"' + "x" * 200_000 + '"\n', ["huge.csv", "not a readable CSV file", "field limit"]),
    ("binary.txt", b"\x00\x01\x02", ["binary.txt", "binary"]),
    ("latin.txt", b"caf\xe9 \x81", ["latin.txt", "cannot be decoded", "0x81"]),
]


@pytest.mark.parametrize(("name", "content", "fragments"), ERRORS, ids=[error[0] for error in ERRORS])
def test_bad_input_is_one_sentence_naming_the_file_and_place(name, content, fragments):
    if content is not None:
        write(Path(name), content)
    with pytest.raises(InputFileError) as caught:
        read_inputs([name])
    message = str(caught.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, message
    assert isinstance(caught.value, InputError)  # the CLI reports both the same way


def test_a_folder_without_posts_is_an_error():
    Path("empty").mkdir()
    with pytest.raises(InputFileError, match=re.escape("empty: the folder holds no .md, .txt or .csv file")):
        read_inputs(["empty"])
