"""Roster import with ``match_existing`` at scale and from the command: a large roster imported twice
changes nothing the second time without a query per row; removals go through the services."""

import io

from django.core.management import call_command

from legalsavvy.importer import import_roster
from legalsavvy.models import LegalSavvyPerson, LegalSavvyTerm

from .conftest import HEADER_ZH, write_csv, write_xlsx
from .test_import import _big_roster

STATUS_HEADER = [*HEADER_ZH, "状态", "撤销日期", "撤销原因"]


def _state():
    return (
        sorted(LegalSavvyPerson.objects.values_list("id", "name", "status", "appointed_on", "removed_on")),
        sorted(LegalSavvyTerm.objects.values_list("id", "person_id", "appointed_on", "removed_on")),
    )


def test_a_large_roster_twice_changes_nothing_the_second_time_in_a_fixed_number_of_queries(
    doumen, tmp_path, django_assert_max_num_queries
):
    rows = _big_roster(doumen, 3000)
    path = write_xlsx(tmp_path / "big.xlsx", [HEADER_ZH, *rows])
    first = import_roster(path, match_existing=True)
    assert first.ok and first.counts["created"] == 3000, [str(e) for e in first.errors[:3]]
    before = _state()
    with django_assert_max_num_queries(30):  # villages, registry, counts: nothing per row
        again = import_roster(path, match_existing=True)
    assert again.ok and again.counts["unchanged"] == 3000 and again.created == 0
    assert _state() == before


def test_removing_some_persons_of_a_large_roster_costs_queries_for_those_only(
    doumen, tmp_path, django_assert_max_num_queries
):
    rows = _big_roster(doumen, 1000)
    import_roster(write_xlsx(tmp_path / "big.xlsx", [HEADER_ZH, *rows]), match_existing=True)
    changed = [[*row, "", "", ""] for row in rows]
    for row in changed[:10]:
        row[-3:] = ["撤销", "2024-06-30", "调离"]
    path = write_xlsx(tmp_path / "removals.xlsx", [STATUS_HEADER, *changed])
    with django_assert_max_num_queries(30 + 10 * 25):
        result = import_roster(path, match_existing=True)
    assert result.ok, [str(e) for e in result.errors[:3]]
    assert (result.counts["removed"], result.counts["unchanged"]) == (10, 990)
    assert LegalSavvyPerson.objects.filter(status="removed").count() == 10
    assert LegalSavvyTerm.objects.filter(removed_on__isnull=False).count() == 10


def test_the_command_updates_existing_persons_when_asked(doumen, tmp_path):
    rows = _big_roster(doumen, 3)
    path = write_csv(tmp_path / "r.csv", [HEADER_ZH, *rows])
    call_command("import_legal_savvy", str(path), stdout=io.StringIO())
    removal = [[*rows[0], "撤销", "2024-06-30", ""], *([*row, "", "", ""] for row in rows[1:])]
    path = write_csv(tmp_path / "r2.csv", [STATUS_HEADER, *removal])
    out = io.StringIO()
    call_command("import_legal_savvy", str(path), "--update-existing", stdout=out)
    assert "0 created, 0 changed, 1 removed, 0 reappointed, 2 unchanged of 3 row(s)" in out.getvalue()
    person = LegalSavvyPerson.objects.get(name=rows[0][2])
    assert (person.status, str(person.removed_on)) == ("removed", "2024-06-30")
    assert person.removal_reason  # the default reason of an import
