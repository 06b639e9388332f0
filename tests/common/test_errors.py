"""common.errors.Refusal, the one form helper (common.forms.show_refusal) and the API's answer to a refusal."""

import pytest
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.utils import translation

from advisors.errors import DutyError, DutyRefused
from api.exceptions import exception_handler
from common.errors import CommonError, Refusal, coded
from common.forms import show_refusal
from legalsavvy.errors import SavvyError, refusal
from outreach.errors import CheckinRefusal, CheckinRefused
from reports.errors import CloseError

PARAMS = {"advisor": "李律师", "village": "尖峰村", "date": "2024-03-01"}


def test_a_refusal_carries_its_code_field_params_and_status():
    refused = Refusal(DutyError.NOT_ASSIGNED, "village", **PARAMS)
    assert refused.code is DutyError.NOT_ASSIGNED and refused.code.value == "not_assigned"
    assert refused.field == "village" and refused.params == PARAMS
    assert refused.http_status == 400
    assert isinstance(refused, ValidationError)


def test_its_error_dict_is_keyed_by_field_with_one_coded_message():
    refused = Refusal(DutyError.NOT_ASSIGNED, "village", **PARAMS)
    assert list(refused.error_dict) == ["village"]
    [message] = refused.error_dict["village"]
    assert message.code == "not_assigned" and message.params == PARAMS
    whole = Refusal(CommonError.NOT_ALLOWED)
    assert whole.field is None and whole.message_dict == {NON_FIELD_ERRORS: [str(CommonError.NOT_ALLOWED.label)]}


def test_the_message_is_translated_in_the_active_language():
    refused = Refusal(DutyError.NOT_ASSIGNED, "village", **PARAMS)
    with translation.override("zh-hans"):
        assert refused.text == "2024-03-01 李律师 未受聘担任尖峰村的法律顾问。"
        assert refused.message_dict == {"village": [refused.text]}
    with translation.override("en"):
        assert refused.text == "李律师 is not assigned to 尖峰村 on 2024-03-01."
        assert str(refused) == "not_assigned: 李律师 is not assigned to 尖峰村 on 2024-03-01."


def test_app_refusals_accept_the_code_string_and_carry_their_status():
    assert DutyRefused("overlap", "start_time", village="-", date="-", start="-", end="-").code is DutyError.OVERLAP
    assert DutyRefused(DutyError.POSTER_REPLACED).http_status == 410
    statuses = {code: CheckinRefused(code).http_status for code in CheckinRefusal}
    assert statuses == {"invalid": 404, "revoked": 410, "cancelled": 410, "closed": 410, "not_open": 409}
    assert Refusal(DutyError.NOT_ALLOWED, http_status=403).http_status == 403
    assert refusal("name", SavvyError.NAME_REQUIRED).error_dict["name"][0].code == "name_required"
    with pytest.raises(ValueError):
        DutyRefused("no_such_code")
    with pytest.raises(TypeError):
        Refusal("not_a_member")


def test_a_check_in_refusal_keeps_its_event_and_message():
    refused = CheckinRefused(CheckinRefusal.CLOSED, event="the event")
    assert refused.event == "the event" and refused.message == CheckinRefusal.CLOSED.label


def test_shared_codes_are_defined_once_and_keep_their_messages():
    for code in (DutyError.NOT_A_VILLAGE, SavvyError.NOT_A_VILLAGE):
        assert code == "not_a_village" and code.label == CommonError.NOT_A_VILLAGE.label
    assert DutyError.OUT_OF_SCOPE.label == SavvyError.OUT_OF_SCOPE.label == CommonError.OUT_OF_SCOPE.label
    assert SavvyError.BAD_PHONE.label == CommonError.BAD_PHONE.label
    assert DutyError.NOT_ALLOWED.label == CommonError.NOT_ALLOWED.label
    # Closing a year says who may, under the same code.
    assert CloseError.NOT_ALLOWED == "not_allowed"
    with translation.override("en"):
        assert CloseError.NOT_ALLOWED.label == "Only a coordinator of this area may close its year."


class VillageForm(forms.Form):
    village = forms.CharField()
    name = forms.CharField(required=False)


def valid_form():
    form = VillageForm({"village": "440403107201"})
    assert form.is_valid()
    return form


def test_the_form_helper_puts_a_refusal_on_its_field():
    form = valid_form()
    show_refusal(form, Refusal(CommonError.NOT_A_VILLAGE, "village"))
    assert form.errors == {"village": [str(CommonError.NOT_A_VILLAGE.label)]}
    assert form.has_error("village", "not_a_village")
    assert "village" not in form.cleaned_data


def test_a_field_the_form_lacks_goes_on_the_form_as_a_whole():
    form = valid_form()
    show_refusal(form, Refusal(DutyError.NOT_ASSIGNED, "advisor", **PARAMS))
    assert form.non_field_errors() == [Refusal(DutyError.NOT_ASSIGNED, "advisor", **PARAMS).text]
    form = valid_form()
    show_refusal(form, Refusal(CommonError.NOT_ALLOWED))
    assert form.non_field_errors() == [str(CommonError.NOT_ALLOWED.label)]


def test_plain_validation_errors_are_shown_too():
    form = valid_form()
    show_refusal(form, ValidationError("Something is wrong.", code="wrong"))
    assert form.non_field_errors() == ["Something is wrong."]
    form = valid_form()
    show_refusal(form, ValidationError({"name": ["Too short."], "phone": [coded(CommonError.BAD_PHONE)]}))
    assert form.errors["name"] == ["Too short."]
    assert form.non_field_errors() == [str(CommonError.BAD_PHONE.label)]


def test_the_api_answers_a_refusal_with_its_status_and_the_field_dict():
    response = exception_handler(CheckinRefused(CheckinRefusal.REVOKED), {})
    assert response.status_code == 410
    assert response.data == {"non_field_errors": [str(CheckinRefusal.REVOKED.label)]}
    response = exception_handler(Refusal(CloseError.BAD_YEAR, "year"), {})
    assert response.status_code == 400 and response.data == {"year": [str(CloseError.BAD_YEAR.label)]}


def test_the_api_keeps_plain_validation_errors_and_permission_denied():
    response = exception_handler(ValidationError({"area": ["Unknown area code."]}), {})
    assert response.status_code == 400 and response.data == {"area": ["Unknown area code."]}
    response = exception_handler(ValidationError("Bad."), {})
    assert response.status_code == 400 and response.data == {"non_field_errors": ["Bad."]}
    assert exception_handler(PermissionDenied("No."), {}).status_code == 403
