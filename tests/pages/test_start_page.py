"""The start page (issue 11): example questions as links that fill the box, what the knowledge
base covers, a favicon, and a print stylesheet."""

from __future__ import annotations

import re
from urllib.parse import unquote_plus


def test_the_start_page_links_example_questions_that_fill_the_question_box(client):
    html = client.get("/").text
    links = re.findall(r'<a href="/\?fraga=([^"#]+)#message">', html)
    assert len(links) >= 4
    question = unquote_plus(links[1])
    filled = client.get("/", params={"fraga": question}).text
    assert f">{question}</textarea>" in filled


def test_a_filled_question_never_echoes_a_personnummer(client):
    filled = client.get("/", params={"fraga": "patient 19380201-1233 hembesök"}).text
    assert "19380201-1233" not in filled and "1233</textarea>" not in filled


def test_the_start_page_says_which_organizations_and_routines_it_covers(client):
    html = client.get("/").text
    cover = html.split('class="coverage"')[1].split("</section>")[0]
    kb = client.app.state.rutin.kb
    for d in kb.documents():
        assert f'href="/documents/{d.id}"' in cover
    for organization in kb.organizations():
        assert organization in cover
    assert "gäller inte längre" in cover  # the VAS routine


def test_the_favicon_is_served_and_linked(client):
    r = client.get("/favicon.ico")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert '<link rel="icon" href="/static/favicon.svg"' in client.get("/documents").text


def test_the_print_stylesheet_hides_navigation_and_forms(client):
    css = client.get("/static/rutin.css").text
    block = css.split("@media print")[1]
    for selector in (".site-header", "form", ".quick-replies"):
        assert selector in block.split("display: none")[0]
