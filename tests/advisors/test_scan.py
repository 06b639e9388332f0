"""QR-verified presence: the poster's QR (decoded for real), the scan page, rotation, wrong posters."""

import datetime
import io
from urllib.parse import urlsplit

import PIL.Image
import pytest
import zxingcpp

from advisors import services
from advisors.errors import DutyError, DutyRefused
from advisors.models import DutyPoster, DutyShift, RetiredDutySecret

from .conftest import SHANGHAI, D, T


def decode(png):
    results = zxingcpp.read_barcodes(PIL.Image.open(io.BytesIO(png)))
    assert results, "no QR code found in the image"
    return results[0].text


@pytest.fixture
def poster_url(duty, client):
    """The URL in 尖峰村's poster QR, as its town officer downloads it."""
    client.force_login(duty.users.town_officer)
    response = client.get("/advisors/poster/440403107201/qr.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    client.logout()
    return decode(response.content)


def test_the_poster_qr_holds_only_the_scan_url(duty, poster_url):
    secret = DutyPoster.objects.get(village=duty.areas.jianfeng).secret
    assert poster_url == f"http://testserver/advisors/scan/{secret}/"
    assert len(secret) >= 32 and "440403107201" not in poster_url


def test_the_qr_uses_the_public_base_url_when_set(duty, client_as, settings):
    settings.PUBLIC_BASE_URL = "https://pufa.example.gov.cn"
    response = client_as(duty.users.coordinator).get("/advisors/poster/440403107201/qr.png")
    secret = DutyPoster.objects.get(village=duty.areas.jianfeng).secret
    assert decode(response.content) == f"https://pufa.example.gov.cn/advisors/scan/{secret}/"


def test_scanning_opens_a_confirmation_then_starts_a_verified_shift(duty, poster_url, client_as):
    client = client_as(duty.users.advisor)
    path = urlsplit(poster_url).path
    page = client.get(path)
    assert page.status_code == 200
    assert "尖峰村" in page.content.decode() and "16:00" in page.content.decode()
    assert not DutyShift.objects.exists()  # looking is not starting
    response = client.post(path)
    shift = DutyShift.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/advisors/shifts/{shift.pk}/finish/"
    assert shift.verified_presence and shift.end_time is None
    assert (shift.advisor, shift.village, shift.date) == (duty.a, duty.areas.jianfeng, D(2023, 6, 15))
    assert shift.start_time == T(16, 0)


def test_then_the_advisor_finishes_it_with_counters(duty, poster_url, client_as, clock):
    client = client_as(duty.users.advisor)
    client.post(urlsplit(poster_url).path)
    shift = DutyShift.objects.get()
    finish = client.get(f"/advisors/shifts/{shift.pk}/finish/")
    assert finish.status_code == 200
    response = client.post(
        f"/advisors/shifts/{shift.pk}/finish/",
        {
            "end_time": "18:30",
            "mode": "office",
            "consultation_batches": "2",
            "consultation_people": "3",
            "mediations": "1",
        },
    )
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.end_time == T(18, 30) and shift.verified_presence
    assert (shift.consultation_batches, shift.consultation_people, shift.mediations) == (2, 3, 1)
    assert shift.hours == pytest.approx(2.5, abs=0.02)


def test_scanning_twice_keeps_one_open_shift(duty, poster_url, client_as):
    client = client_as(duty.users.advisor)
    client.post(urlsplit(poster_url).path)
    page = client.get(urlsplit(poster_url).path)
    assert "已在此值班".encode() in page.content or b"already on duty" in page.content
    client.post(urlsplit(poster_url).path)
    assert DutyShift.objects.count() == 1


def test_logged_out_scan_goes_to_login_and_comes_back(duty, poster_url, client):
    path = urlsplit(poster_url).path
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/advisors/scan/")
    login = client.post(response["Location"], {"username": "advisor_a", "password": "pass-1234-word", "next": path})
    assert login.status_code == 302 and login["Location"] == path
    assert client.get(path).status_code == 200
    client.post(path)
    assert DutyShift.objects.get().verified_presence


def test_another_villages_poster_is_refused(duty, client_as):
    """Advisor B serves 南澳村 only: 尖峰村's poster does not work for them."""
    secret = services.ensure_poster(duty.areas.jianfeng).secret
    client = client_as(duty.users.other_advisor)
    for response in (client.get(f"/advisors/scan/{secret}/"), client.post(f"/advisors/scan/{secret}/")):
        assert response.status_code == 403
        assert "尖峰村" in response.content.decode()
    assert not DutyShift.objects.exists()
    with pytest.raises(DutyRefused) as caught:
        services.start_verified_shift(by=duty.users.other_advisor, secret=secret)
    assert caught.value.code == DutyError.POSTER_NOT_YOURS


def test_a_poster_is_refused_after_the_assignment_ended(duty, client_as):
    from advisors.models import Assignment

    Assignment.objects.filter(advisor=duty.a, village=duty.areas.jianfeng).update(ends_on=D(2023, 6, 14))
    secret = services.ensure_poster(duty.areas.jianfeng).secret
    assert client_as(duty.users.advisor).post(f"/advisors/scan/{secret}/").status_code == 403
    assert not DutyShift.objects.exists()


def test_a_rotated_poster_says_it_was_replaced(duty, client_as):
    old = services.ensure_poster(duty.areas.jianfeng).secret
    officer = client_as(duty.users.town_officer)
    assert officer.post("/advisors/poster/440403107201/rotate/").status_code == 302
    new = DutyPoster.objects.get(village=duty.areas.jianfeng).secret
    assert new != old and RetiredDutySecret.objects.filter(secret=old).exists()
    client = client_as(duty.users.advisor)
    response = client.get(f"/advisors/scan/{old}/")
    assert response.status_code == 410
    assert str(DutyError.POSTER_REPLACED.label) in response.content.decode()
    assert client.post(f"/advisors/scan/{old}/").status_code == 410
    assert not DutyShift.objects.exists()
    assert client.get(f"/advisors/scan/{new}/").status_code == 200


def test_an_unknown_secret_is_404(duty, client_as):
    assert client_as(duty.users.advisor).get("/advisors/scan/not-a-real-secret-at-all/").status_code == 404


def test_a_non_advisor_cannot_start_a_shift(duty, client_as):
    secret = services.ensure_poster(duty.areas.jianfeng).secret
    response = client_as(duty.users.town_officer).post(f"/advisors/scan/{secret}/")
    assert response.status_code == 403 and not DutyShift.objects.exists()


def test_an_open_shift_elsewhere_must_be_finished_first(duty, client_as):
    services.start_verified_shift(by=duty.users.advisor, secret=services.ensure_poster(duty.areas.xinwei).secret)
    secret = services.ensure_poster(duty.areas.jianfeng).secret
    response = client_as(duty.users.advisor).post(f"/advisors/scan/{secret}/")
    assert response.status_code == 409 and "新伟社区" in response.content.decode()
    assert DutyShift.objects.count() == 1


def test_the_scan_time_in_shanghai_is_the_start(duty):
    secret = services.ensure_poster(duty.areas.jianfeng).secret
    at = datetime.datetime(2023, 6, 14, 23, 50, tzinfo=datetime.UTC)  # 07:50 on the 15th locally
    shift = services.start_verified_shift(by=duty.users.advisor, secret=secret, at=at)
    assert (shift.date, shift.start_time) == (D(2023, 6, 15), T(7, 50))
    assert shift.started_now


def test_posters_are_for_the_villages_officers_and_coordinators(duty, client_as, users):
    for user, expected in (
        (users.town_officer, 200),
        (users.coordinator, 200),
        (users.other_town_officer, 403),
        (users.advisor, 403),
        (users.organizer, 403),
    ):
        client = client_as(user)
        assert client.get("/advisors/poster/440403107201/").status_code == expected, user
        assert client.get("/advisors/poster/440403107201/qr.svg").status_code == expected, user
        assert client.post("/advisors/poster/440403107201/rotate/").status_code in ({200: 302}.get(expected, 403),)
    assert client_as(users.coordinator).get("/advisors/poster/440403107/").status_code == 404  # a town
    assert client_as(users.coordinator).get("/advisors/poster/abc/").status_code == 404


def test_the_poster_page_is_printable_with_name_and_qr(duty, client_as):
    page = client_as(duty.users.town_officer).get("/advisors/poster/440403107201/").content.decode()
    assert "尖峰村" in page and "井岸镇" in page and "<svg" in page and "张律师" in page
    assert "/advisors/poster/440403107201/qr.png" in page and "/advisors/poster/440403107201/qr.svg" in page


def test_the_svg_download_is_an_svg(duty, client_as):
    response = client_as(duty.users.coordinator).get("/advisors/poster/440403107201/qr.svg")
    assert response["Content-Type"] == "image/svg+xml" and b"<svg" in response.content
    assert "attachment" in response["Content-Disposition"]


def test_finishing_with_an_empty_end_time_means_now(duty, client_as, clock):
    client = client_as(duty.users.advisor)
    shift = services.start_verified_shift(
        by=duty.users.advisor, secret=services.ensure_poster(duty.areas.jianfeng).secret
    )
    clock.shift(datetime.timedelta(hours=2, minutes=15))
    response = client.post(f"/advisors/shifts/{shift.pk}/finish/", {"end_time": "", "mode": "office"})
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.end_time == T(18, 15) and str(shift.hours) == "2.25"


def test_a_shift_left_open_on_an_earlier_day_needs_its_end_time(duty, client_as):
    secret = services.ensure_poster(duty.areas.jianfeng).secret
    yesterday = datetime.datetime(2023, 6, 14, 9, 0, tzinfo=SHANGHAI)
    shift = services.start_verified_shift(by=duty.users.advisor, secret=secret, at=yesterday)
    client = client_as(duty.users.advisor)
    response = client.post(f"/advisors/shifts/{shift.pk}/finish/", {"end_time": "", "mode": "office"})
    assert response.status_code == 200 and response.context["form"].errors["end_time"]
    response = client.post(f"/advisors/shifts/{shift.pk}/finish/", {"end_time": "11:00", "mode": "office"})
    shift.refresh_from_db()
    assert response.status_code == 302 and shift.end_time == T(11, 0) and shift.date == D(2023, 6, 14)
