"""Real-browser tests: ask on / without JavaScript, a follow-up, following a citation to the
highlighted passage, the widget embedded on another origin, and axe-core accessibility."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser


def ask(page, text):
    page.get_by_label("Din fråga").or_(page.get_by_label("Följdfråga")).first.fill(text)
    page.get_by_role("button", name="Fråga").click()
    page.wait_for_load_state("load")


def patient_fee(page) -> str:
    """The text of the answer's "Patienten betalar" row (a figure alone: "500 kr" contains
    "0 kr" too)."""
    row = page.locator("#answer dl.fields-summary > div").filter(
        has=page.locator("dt", has_text="Patienten betalar"))
    return row.locator("dd").inner_text().strip()


def test_asking_on_the_chat_page_without_javascript(page_without_js, server_url):
    page = page_without_js
    page.goto(server_url + "/")
    ask(page, "Hur registrerar jag ett hembesök 2025-06-10 efter utskrivning för en 87-årig "
              "patient på säbo?")
    answer = page.locator("#answer")
    assert answer.is_visible()
    fields = answer.locator("dl.fields").first
    assert "Kontakttyp" in fields.inner_text() and "Hemsjukvårdsbesök" in fields.inner_text()
    assert patient_fee(page) == "0 kr"
    assert page.locator("#sources-heading").is_visible()
    shot(page, "chat-no-js-rule-answer")


def test_a_follow_up_completes_the_earlier_question(page, server_url):
    page.goto(server_url + "/")
    ask(page, "Vad blir patientavgiften för ett brytpunktssamtal på säbo igår?")
    assert page.locator("#answer .question").inner_text().strip() == "Hur gammal är patienten?"
    # chat.js moves the focus to the answer once the page has loaded
    page.wait_for_function("document.activeElement && document.activeElement.id === "
                           "'answer-heading'")
    shot(page, "chat-missing-age")
    ask(page, "Patienten är 90 år.")
    assert patient_fee(page) == "0 kr"
    assert page.locator("#answer .question").count() == 0  # the latest answer asks nothing
    shot(page, "chat-follow-up")


def test_following_a_citation_highlights_and_scrolls_to_the_passage(page, server_url):
    page.goto(server_url + "/")
    ask(page, "Vem har ansvaret för hemsjukvårdens patienter under jourtid?")
    assert page.locator("blockquote.quote").inner_text().strip()
    assert page.locator(".passage mark").count() >= 1
    shot(page, "chat-search-answer")
    page.locator(".source-line a").click()
    page.wait_for_load_state("load")
    assert "/documents/" in page.url and "highlight=" in page.url
    target = page.locator(".passage-block.highlighted")
    assert target.count() == 1
    anchor = page.url.split("#", 1)[1]
    assert target.get_attribute("id") == anchor
    assert "Hallandsjouren" in target.inner_text()
    # The highlighted passage is scrolled into the viewport.
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    bg = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    # The quoted sentence is marked inside the passage, visibly (rutin.css, no inline style).
    quote = page.locator(".passage-block.highlighted mark.quote-mark")
    assert quote.count() == 1 and quote.is_visible()
    assert "Hallandsjouren" in quote.inner_text()
    mark_bg = quote.evaluate("el => getComputedStyle(el).backgroundColor")
    assert mark_bg not in ("rgba(0, 0, 0, 0)", "transparent", bg)
    shot(page, "document-highlighted", full_page=False)


def test_the_widget_embedded_on_an_intranet_page_answers_with_sources(page, intranet_url):
    page.goto(intranet_url)
    frame_el = page.wait_for_selector("iframe")
    frame = frame_el.content_frame()
    frame.wait_for_selector("textarea")
    frame.get_by_label("Din fråga").fill("Vilken kontakttyp används i Cosmic för riktade hembesök?")
    frame.get_by_role("button", name="Fråga").click()
    frame.wait_for_selector("#answer")
    assert "Hemsjukvårdsbesök" in frame.locator("#answer").inner_text()
    assert frame.locator(".sources a[target=_blank]").count() >= 1
    page.wait_for_timeout(200)
    shot(page, "widget-embedded")


@pytest.mark.parametrize("path", ["/", "/documents", "/documents/rh-hemsjukvardsbesok-cosmic",
                                  "/widget"])
def test_no_serious_or_critical_accessibility_violations(page, server_url, path):
    page.goto(server_url + path)
    shot(page, "page" + path.replace("/", "-"))
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad]


def test_an_answered_chat_page_has_no_serious_accessibility_violations(page, server_url):
    page.goto(server_url + "/")
    ask(page, "Vad blir patientavgiften för ett brytpunktssamtal på säbo igår?")
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["help"]) for v in bad]
