"""The registry's pages on a 360-px phone in headless Chromium: they fit, load nothing from outside,
and a coordinator adds a work from the phone."""

import pytest

from works.models import Work

WIDTHS = """() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_registry_works_on_a_phone(users, areas, prize, phone_page, browser_login):
    page = browser_login(phone_page, users.coordinator)
    for path, heading in (("/works/", "作品与获奖"), ("/works/new/", "添加作品"), ("/works/awards/new/", "添加获奖")):
        assert page.goto(page.base_url + path).status == 200
        scroll_width, client_width = page.evaluate(WIDTHS)
        assert scroll_width <= client_width + 1, (path, scroll_width)
        assert heading in page.locator("main h1").first.inner_text()
    page.goto(page.base_url + "/works/new/")
    page.fill("input[name=title]", "青少年防欺凌普法课")
    page.select_option("select[name=kind]", "micro_video")
    page.select_option("select[name=area]", str(areas.jingan.pk))
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/works/")
    assert "《青少年防欺凌普法课》" in page.locator("#works").inner_text()
    assert Work.objects.filter(title="青少年防欺凌普法课", area=areas.jingan).exists()
    assert page.outside_requests == []
